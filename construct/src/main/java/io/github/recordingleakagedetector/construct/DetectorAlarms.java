package io.github.recordingleakagedetector.construct;

import java.util.EnumMap;
import java.util.Map;

import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/**
 * Creates the default alarms, each with the user's {@link AlarmOverride} applied, and all publishing to one topic.
 * The three kinds: "at least one" on a count (missing data is the healthy case), "less than one" on a sign of life
 * (missing data breaches: a blind detector emits nothing), and the compliance ratio below its target.
 */
final class DetectorAlarms {
    private final Construct scope;
    private final DetectorSettings settings;
    private final ITopic topic;
    private final String suffix;
    private final Map<DetectorAlarm, Alarm> created = new EnumMap<>(DetectorAlarm.class);

    DetectorAlarms(Construct scope, DetectorSettings settings, ITopic topic) {
        this.scope = scope;
        this.settings = settings;
        this.topic = topic;
        this.suffix = " (detector " + settings.detectorName() + ")";
    }

    /** Fires when the metric's statistic is at least 1 (or the override's threshold) in a period. */
    DetectorAlarms onAny(DetectorAlarm alarm, IMetric metric, String description) {
        return add(alarm, metric, 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1,
                TreatMissingData.NOT_BREACHING, description);
    }

    /** Fires when the metric's sum stays below 1 for {@code periods} periods; missing data breaches. */
    DetectorAlarms onSilence(DetectorAlarm alarm, IMetric metric, long periods, String description) {
        return add(alarm, metric, 1, ComparisonOperator.LESS_THAN_THRESHOLD, periods, TreatMissingData.BREACHING,
                description);
    }

    /** Fires when the metric falls below {@code threshold}; missing data (nothing to judge) does not. */
    DetectorAlarms below(DetectorAlarm alarm, IMetric metric, double threshold, String description) {
        return add(alarm, metric, threshold, ComparisonOperator.LESS_THAN_THRESHOLD, 1,
                TreatMissingData.NOT_BREACHING, description);
    }

    Map<DetectorAlarm, Alarm> created() {
        return created;
    }

    private DetectorAlarms add(DetectorAlarm which, IMetric metric, double threshold, ComparisonOperator comparison,
            long periods, TreatMissingData missingData, String description) {
        AlarmOverride override = settings.alarm(which);
        if (!override.getEnabled().orElse(true)) {
            return this;
        }
        long evaluationPeriods = override.getEvaluationPeriods().map(Integer::longValue).orElse(periods);
        Alarm.Builder builder = Alarm.Builder.create(scope, which.constructId())
                .metric(metric)
                .threshold(override.getThreshold().map(Number::doubleValue).orElse(threshold))
                .evaluationPeriods(evaluationPeriods)
                .comparisonOperator(comparison)
                .treatMissingData(missingData)
                .alarmDescription(description + suffix);
        override.getDatapointsToAlarm().ifPresent(builder::datapointsToAlarm);
        Alarm alarm = builder.build();
        alarm.addAlarmAction(new SnsAction(topic));
        created.put(which, alarm);
        return this;
    }
}

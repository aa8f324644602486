package io.github.recordingleakagedetector.construct;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GaugeWidget;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.HorizontalAnnotation;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.YAxisProps;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * One page an operator or auditor opens: is the centre compliant, what happened to its contacts, and was the detector
 * watching (workflow runs, Connect calls, flow-log events, the failure queue, contact events and their queues when the
 * detector consumes them, and the recording bucket's S3 events with {@code recordingEvents}, the alarms).
 */
final class DetectorDashboard {

    private static final MetricOptions HOURLY = MetricOptions.builder().period(Duration.hours(1)).build();
    private static final MetricOptions FIVE_MINUTES = MetricOptions.builder().period(Duration.minutes(5)).build();
    /** A third of the dashboard's 24 columns. */
    private static final int THIRD = 8;

    private DetectorDashboard() {
    }

    static Dashboard create(Construct scope, RecordingLeakageDetector detector, IStateMachine stateMachine,
            IQueue ingestFailureQueue, ContactEventSource.Resources contactEvents, List<IAlarm> alarms,
            DetectorSettings settings) {
        List<HorizontalAnnotation> target = settings.complianceTarget()
                .map(value -> List.of(HorizontalAnnotation.builder().value(value).label("target").build()))
                .orElse(List.of());
        YAxisProps percent = YAxisProps.builder().min(0).max(100).label("%").showUnits(false).build();
        Dashboard dashboard = Dashboard.Builder.create(scope, "Dashboard")
                .defaultInterval(Duration.days(7))
                .build();
        dashboard.addWidgets(TextWidget.Builder.create()
                .markdown("# Recording Leakage Detector `" + settings.detectorName() + "`\n"
                        + "Compliance = recorded / calls that had to be recorded (missing, empty, partial, unverifiable "
                        + "and recorded), by verdict time. The daily evidence in the evidence bucket is the exact "
                        + "figure per reporting day.")
                .width(24).height(2)
                .build());
        dashboard.addWidgets(
                GaugeWidget.Builder.create()
                        .title("Compliance over the time range shown")
                        .metrics(List.of(detector.metricCompliance()))
                        .setPeriodToTimeRange(true)
                        .leftYAxis(percent)
                        .annotations(target)
                        .width(6).height(6)
                        .build(),
                GraphWidget.Builder.create()
                        .title("Compliance by hour")
                        .left(List.of(detector.metricCompliance(HOURLY)))
                        .leftYAxis(percent)
                        .leftAnnotations(target)
                        .width(18).height(6)
                        .build());
        dashboard.addWidgets(
                graph("Contacts by category (per hour)", List.of(
                        detector.metricRecordingsVerified(label(HOURLY, "recorded")),
                        detector.metricRecordingsMissing(label(HOURLY, "missing")),
                        detector.metricRecordingsEmpty(label(HOURLY, "empty")),
                        detector.metricRecordingsPartial(label(HOURLY, "partial")),
                        detector.metricRecordingsDeleted(label(HOURLY, "deleted")),
                        detector.metricContactsNotRecordedIntentionally(label(HOURLY, "not recorded intentionally")),
                        detector.metricContactsNotApplicable(label(HOURLY, "not applicable")),
                        detector.metricContactsUnverifiable(label(HOURLY, "unverifiable"))), true),
                graph("Leaks (per 5 minutes)", List.of(
                        detector.metricRecordingsMissing(label(FIVE_MINUTES, "missing")),
                        detector.metricRecordingsEmpty(label(FIVE_MINUTES, "empty")),
                        detector.metricRecordingsPartial(label(FIVE_MINUTES, "partial")),
                        detector.metricIvrRecordingsMissing(label(FIVE_MINUTES, "IVR missing")),
                        detector.metricContactsUnverifiable(label(FIVE_MINUTES, "unverifiable"))), false));
        dashboard.addWidgets(
                graph("Workflow executions", List.of(
                        stateMachine.metricSucceeded(label(FIVE_MINUTES, "succeeded")),
                        stateMachine.metricFailed(label(FIVE_MINUTES, "failed")),
                        stateMachine.metricTimedOut(label(FIVE_MINUTES, "timed out"))), false),
                graph("Workflow duration (ms)", List.of(
                        stateMachine.metricTime(MetricOptions.builder().period(Duration.minutes(5))
                                .statistic("Average").label("average").build()),
                        stateMachine.metricTime(MetricOptions.builder().period(Duration.minutes(5))
                                .statistic("Maximum").label("maximum").build())), false));
        dashboard.addWidgets(
                graph("DescribeContact requests", List.of(
                        detector.metricDescribeContactCalls(label(FIVE_MINUTES, "requests")),
                        detector.metricDescribeContactThrottled(label(FIVE_MINUTES, "throttled after retries"))),
                        false),
                graph("Flow-log events", List.of(
                        detector.metricFlowLogEventsIngested(label(FIVE_MINUTES, "ingested")),
                        detector.metricMalformedLogEvents(label(FIVE_MINUTES, "malformed (skipped)"))), false),
                graph("Ingest failure queue", List.of(
                        ingestFailureQueue.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                                .period(Duration.minutes(5)).statistic("Maximum").label("deliveries waiting").build())),
                        false));
        if (contactEvents != null) {
            // Applied events are DescribeContact calls saved: the two side by side show what the events are worth.
            // With recording events, a third graph in the row, and all three a third of the width.
            boolean recordingEvents = contactEvents.recordingEventsRule() != null;
            List<IWidget> row = new ArrayList<>();
            row.add(graph("Contact events", List.of(
                    detector.metricContactEventsApplied(label(FIVE_MINUTES, "applied")),
                    detector.metricContactEventsPending(label(FIVE_MINUTES, "pending (contact not yet known)")),
                    detector.metricContactEventsRejected(label(FIVE_MINUTES, "rejected")),
                    detector.metricDescribeContactCalls(label(FIVE_MINUTES, "DescribeContact requests"))), false,
                    recordingEvents ? THIRD : null));
            if (recordingEvents) {
                row.add(graph("Recording events", List.of(
                        detector.metricRecordingEventsApplied(label(FIVE_MINUTES, "applied (recording seen)")),
                        detector.metricRecordingEventsUnmatched(label(FIVE_MINUTES, "unmatched (no open contact)"))),
                        false, THIRD));
            }
            row.add(graph("Contact event queues", List.of(
                    contactEvents.queue().metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                            .period(Duration.minutes(5)).statistic("Maximum").label("events waiting").build()),
                    contactEvents.deadLetterQueue().metricApproximateNumberOfMessagesVisible(
                            MetricOptions.builder().period(Duration.minutes(5)).statistic("Maximum")
                                    .label("dead-lettered").build())), false, recordingEvents ? THIRD : null));
            dashboard.addWidgets(row.toArray(IWidget[]::new));
        }
        dashboard.addWidgets(AlarmStatusWidget.Builder.create()
                .title("Alarms")
                .alarms(alarms)
                .width(24)
                .build());
        return dashboard;
    }

    private static IWidget graph(String title, List<? extends IMetric> metrics, boolean stacked) {
        return graph(title, metrics, stacked, null);
    }

    /** A graph {@code width} wide, or by default half the width for many metrics and a third for a few. */
    private static IWidget graph(String title, List<? extends IMetric> metrics, boolean stacked, Integer width) {
        return GraphWidget.Builder.create()
                .title(title)
                .left(List.copyOf(metrics))
                .stacked(stacked)
                .width(width != null ? width : stacked || metrics.size() > 3 ? 12 : 8)
                .height(6)
                .build();
    }

    private static MetricOptions label(MetricOptions base, String label) {
        return MetricOptions.builder().period(base.getPeriod()).label(label).build();
    }
}

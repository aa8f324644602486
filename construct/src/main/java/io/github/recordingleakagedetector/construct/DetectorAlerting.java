package io.github.recordingleakagedetector.construct;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/** The alert topic and the alarms that publish to it. */
final class DetectorAlerting {

    private static final ServicePrincipal CLOUDWATCH = new ServicePrincipal("cloudwatch.amazonaws.com");

    private DetectorAlerting() {
    }

    /**
     * The given topic, or a new one: encrypted with a customer managed key (CloudWatch alarms cannot use the AWS
     * managed SNS key) that CloudWatch may use, TLS enforced, and open to this account's alarms only.
     */
    static ITopic topic(Construct scope, Optional<ITopic> given, DetectorSettings settings) {
        ITopic topic = given.orElseGet(() -> newTopic(scope, settings));
        settings.alertEmails().forEach(email -> topic.addSubscription(new EmailSubscription(email)));
        return topic;
    }

    private static Topic newTopic(Construct scope, DetectorSettings settings) {
        IKey key = settings.encryptionKey().orElseGet(() -> Key.Builder.create(scope, "AlertTopicKey")
                .description("Recording Leakage Detector alert topic")
                .enableKeyRotation(true)
                // SNS keeps messages only until delivered: nothing outlives the stack that this key would still open.
                .removalPolicy(RemovalPolicy.DESTROY)
                .build());
        key.grant(CLOUDWATCH, "kms:Decrypt", "kms:GenerateDataKey*");
        Topic topic = Topic.Builder.create(scope, "AlertTopic")
                .displayName("Recording Leakage Detector alerts")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowThisAccountsAlarms")
                .principals(List.of(CLOUDWATCH))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID),
                        "ArnLike", Map.of("aws:SourceArn",
                                "arn:" + Aws.PARTITION + ":cloudwatch:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":alarm:*")))
                .build());
        return topic;
    }

    /** An alarm that fires on any occurrence (sum of at least 1 in one period) and publishes to the topic. */
    static IAlarm alarmOnAny(Construct scope, String id, IMetric metric, String description, ITopic topic) {
        Alarm alarm = Alarm.Builder.create(scope, id)
                .metric(metric)
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                // The metrics exist only when something happens: no data is the healthy case.
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .alarmDescription(description)
                .build();
        alarm.addAlarmAction(new SnsAction(topic));
        return alarm;
    }
}

package io.github.recordingleakagedetector.construct;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.recordingleakagedetector.construct.DetectorFunctions.DetectorFunction;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.CronOptions;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.kms.Alias;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.NoncurrentVersionTransition;
import software.amazon.awscdk.services.s3.ObjectLockRetention;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * The daily evidence: the bucket its files go to, the report topic its summary goes to, and the hourly schedule that
 * runs the evidence function (which writes each day once it is due, so most runs only look).
 */
final class DetectorEvidence {

    /** Minute of each hour the evidence function runs (any minute would do: a day is written once it is due). */
    static final String SCHEDULE_MINUTE = "20";
    /** Evidence moves to an archive class (still readable at once) after this long. */
    static final Duration ARCHIVE_AFTER = Duration.days(90);

    /** What the evidence adds to the detector. */
    record Resources(IBucket bucket, ITopic reportTopic, Rule schedule) {
    }

    private DetectorEvidence() {
    }

    /** The bucket and the topic, before the functions (whose environment names them). */
    static IBucket bucket(Construct scope, DetectorSettings settings) {
        return settings.evidenceBucket().orElseGet(() -> newBucket(scope, settings));
    }

    static ITopic reportTopic(Construct scope, DetectorSettings settings) {
        ITopic topic = settings.reportTopic().orElseGet(() -> Topic.Builder.create(scope, "ReportTopic")
                .displayName("Recording Leakage Detector daily evidence")
                // Nothing but the evidence function publishes here (no alarms), so the AWS managed key will do.
                .masterKey(settings.encryptionKey().orElseGet(
                        () -> Alias.fromAliasName(scope, "ReportTopicAwsManagedKey", "alias/aws/sns")))
                .enforceSsl(true)
                .build());
        settings.reportEmails().forEach(email -> topic.addSubscription(new EmailSubscription(email)));
        return topic;
    }

    private static Bucket newBucket(Construct scope, DetectorSettings settings) {
        Optional<IKey> key = settings.encryptionKey();
        Bucket.Builder bucket = Bucket.Builder.create(scope, "EvidenceBucket")
                .encryption(key.isPresent() ? BucketEncryption.KMS : BucketEncryption.S3_MANAGED)
                .bucketKeyEnabled(key.isPresent())
                .versioned(true)
                .enforceSsl(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("ArchiveEvidence")
                        .transitions(List.of(Transition.builder()
                                .storageClass(StorageClass.GLACIER_INSTANT_RETRIEVAL)
                                .transitionAfter(ARCHIVE_AFTER)
                                .build()))
                        .noncurrentVersionTransitions(List.of(
                                NoncurrentVersionTransition.builder()
                                        .storageClass(StorageClass.GLACIER_INSTANT_RETRIEVAL)
                                        .transitionAfter(ARCHIVE_AFTER)
                                        .build()))
                        .build()))
                .removalPolicy(settings.removalPolicy());
        key.ifPresent(bucket::encryptionKey);
        if (settings.evidenceRetentionDays() > 0) {
            bucket.objectLockEnabled(true)
                    .objectLockDefaultRetention(ObjectLockRetention.compliance(
                            Duration.days(settings.evidenceRetentionDays())));
        }
        return bucket.build();
    }

    /**
     * The evidence function's own access: list and put under {@code evidence/} (the marker is looked for by listing,
     * so no {@code s3:GetObject}), the bucket key's encrypt actions when it is known, and publish to the report topic.
     * Its table access is granted with the others'.
     */
    static void grant(DetectorFunction function, IBucket bucket, ITopic reportTopic, DetectorSettings settings) {
        Role role = function.role();
        String prefix = RecordingLeakageDetectorDefaults.EVIDENCE_KEY_PREFIX;
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(bucket.getBucketArn()))
                .conditions(Map.of("StringLike", Map.of("s3:prefix", List.of(prefix + "/*"))))
                .build());
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:PutObject"))
                .resources(List.of(bucket.arnForObjects(prefix + "/*")))
                .build());
        if (bucket.getEncryptionKey() != null) {
            bucket.getEncryptionKey().grant(role, "kms:Encrypt", "kms:GenerateDataKey*", "kms:DescribeKey");
        }
        if (settings.reportTopic().isPresent()) {
            reportTopic.grantPublish(role);
        } else {
            // The created topic's key is the customer key, or the AWS managed SNS key, whose key policy already lets
            // this account's principals use it through SNS: a grant on it would only add a wildcard.
            role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                    .actions(List.of("sns:Publish"))
                    .resources(List.of(reportTopic.getTopicArn()))
                    .build());
            settings.encryptionKey().ifPresent(key -> key.grant(role, "kms:Decrypt", "kms:GenerateDataKey*"));
        }
    }

    /** Every hour, with an empty input: the function writes each due day (see {@code DailyEvidence}). */
    static Rule schedule(Construct scope, DetectorFunction function) {
        return Rule.Builder.create(scope, "EvidenceSchedule")
                .description("Runs the Recording Leakage Detector daily evidence (each day is written once, when due)")
                .schedule(Schedule.cron(CronOptions.builder().minute(SCHEDULE_MINUTE).build()))
                .targets(List.of(new LambdaFunction(function.alias(), LambdaFunctionProps.builder()
                        .event(RuleTargetInput.fromObject(Map.of()))
                        .retryAttempts(2)
                        .maxEventAge(Duration.hours(1))
                        .build())))
                .build();
    }
}

package io.github.recordingleakagedetector.construct;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Resource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/** The alert topic, which the functions and (unless {@code alarmTopic} is given) the alarms publish to. */
final class DetectorAlerting {

    private static final ServicePrincipal CLOUDWATCH = new ServicePrincipal("cloudwatch.amazonaws.com");
    /** Id of the synth warning about an imported {@code encryptionKey} on the created topic (acknowledgeable). */
    static final String IMPORTED_KEY_WARNING = "recording-leakage-detector:importedEncryptionKeyForAlertTopic";
    /** The key-policy statement CloudWatch alarms need on the alert topic's key, as the construct adds it itself. */
    static final String CLOUDWATCH_KEY_POLICY_STATEMENT = "{\"Sid\": \"AllowCloudWatchAlarmsToPublishToTheAlertTopic\", "
            + "\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"cloudwatch.amazonaws.com\"}, "
            + "\"Action\": [\"kms:Decrypt\", \"kms:GenerateDataKey*\"], \"Resource\": \"*\"}";

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
        // On a key created in this app the grant adds a key-policy statement; on an imported key it silently does
        // nothing (a service principal has no identity policy, and an imported key's policy cannot be changed).
        key.grant(CLOUDWATCH, "kms:Decrypt", "kms:GenerateDataKey*");
        if (!Resource.isOwnedResource(key)) {
            warnImportedKey(scope, key);
        }
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
                // Sorted: Map.of's order varies between JVMs, and the template must not
                .conditions(new TreeMap<>(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID),
                        "ArnLike", Map.of("aws:SourceArn", Stack.of(scope).formatArn(ArnComponents.builder()
                                .service("cloudwatch").resource("alarm").resourceName("*")
                                .arnFormat(ArnFormat.COLON_RESOURCE_NAME).build())))))
                .build());
        return topic;
    }

    /**
     * An imported key's policy cannot be changed from this app, so the grant to {@code cloudwatch.amazonaws.com} above
     * did nothing: without a statement of its own in the key policy, every alarm's publish to the topic fails (the
     * alarms change state, but nobody is told).
     */
    private static void warnImportedKey(Construct scope, IKey key) {
        String keyArn = key.getKeyArn();
        String shownKey = Token.isUnresolved(keyArn) ? "" : " (" + keyArn + ")";
        Annotations.of(scope).addWarningV2(IMPORTED_KEY_WARNING, "encryptionKey" + shownKey + " is imported, and the "
                + "construct encrypts the alert topic it creates with it, but cannot change an imported key's policy: "
                + "CloudWatch alarms can publish to the topic only if the key policy allows cloudwatch.amazonaws.com to "
                + "use the key. Add this statement to the key policy: " + CLOUDWATCH_KEY_POLICY_STATEMENT
                + " (or pass a key created in this app, or an alertTopic of your own). The functions' own key use "
                + "is granted in their roles, which the key policy must allow (the default key policy does).");
    }
}

package io.github.recordingleakagedetector.runtime.testing;

import java.util.HashMap;
import java.util.Map;

import io.github.recordingleakagedetector.runtime.config.EnvironmentVariable;
import io.github.recordingleakagedetector.runtime.config.Handler;

/**
 * A complete environment for a handler, as the construct deploys it: every variable it reads, set. The runtime has no
 * defaults, so a test states each value (these are the construct's defaults where one exists; the switch makes a new
 * variable a compile error here until it has a value).
 */
public final class FunctionEnvironment {

    /** The instance the test contacts belong to (the flow-log fixtures' instance). */
    public static final String INSTANCE_ARN =
            "arn:aws:connect:eu-west-2:111122223333:instance/11111111-2222-3333-4444-555555555555";

    private FunctionEnvironment() {
    }

    /** Every variable {@code handler} reads, with the given values overriding the usual test values. */
    public static Map<String, String> of(Handler handler, Map<String, String> given) {
        Map<String, String> environment = new HashMap<>();
        for (EnvironmentVariable variable : EnvironmentVariable.readBy(handler)) {
            environment.put(variable.name(), usualValue(variable));
        }
        environment.putAll(given);
        return environment;
    }

    /** Every variable any handler reads. */
    public static Map<String, String> everyVariable() {
        Map<String, String> environment = new HashMap<>();
        for (EnvironmentVariable variable : EnvironmentVariable.values()) {
            environment.put(variable.name(), usualValue(variable));
        }
        return environment;
    }

    private static String usualValue(EnvironmentVariable variable) {
        return switch (variable) {
            case CONTACT_TABLE_NAME -> "contacts";
            case RECORDING_BUCKET_NAME -> "recordings";
            case RECORDING_KEY_PREFIX -> "connect/acme/CallRecordings";
            case RECORDING_GRACE_PERIOD_SECONDS -> "900";
            case ADDITIONAL_RECORDING_PREFIXES -> "";
            case MINIMUM_RECORDED_SHARE -> "0.5";
            case MINIMUM_LEG_SECONDS_FOR_SHARE -> "30";
            case CHECK_IVR_RECORDINGS -> "false";
            case DESCRIBE_CONTACT_RATE_LIMIT -> "2";
            case MAX_TRACKING_AGE_SECONDS -> "86400";
            case CONTACT_RETENTION_DAYS -> "90";
            case ALERT_TOPIC_ARN -> "";
            case CONCURRENT_CONTACTS -> "8";
            case SAFETY_MARGIN_SECONDS -> "20";
            case REPORTING_TIME_ZONE -> "UTC";
            case EVIDENCE_BUCKET_NAME -> "evidence-bucket";
            case EVIDENCE_KEY_PREFIX -> "evidence";
            case COMPLIANCE_TARGET_PERCENT -> "";
            case REPORT_TOPIC_ARN -> "";
            case METRICS_NAMESPACE -> "RecordingLeakageDetector";
            case DETECTOR_NAME -> "default";
            case CONNECT_INSTANCE_ARN -> INSTANCE_ARN;
            case CONTACT_EVENTS -> "false";
            case LIVE_CONTACT_EVENT_SILENCE_SECONDS -> "1800";
            case INITIALISED_CONTACT_EVENT_SILENCE_SECONDS -> "600";
            case RECORDING_EVENTS -> "false";
        };
    }
}

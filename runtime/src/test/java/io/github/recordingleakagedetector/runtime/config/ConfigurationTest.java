package io.github.recordingleakagedetector.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigurationTest {

    @Test
    void defaultsApplyToUnsetOptionalVariables() {
        Configuration configuration = Configuration.load(Handler.CHECK_RECORDINGS, Map.of(
                "CONTACT_TABLE_NAME", "contacts",
                "RECORDING_BUCKET_NAME", "recordings",
                "RECORDING_KEY_PREFIX", "connect/acme/CallRecordings"));

        assertThat(configuration.seconds(EnvironmentVariable.RECORDING_GRACE_PERIOD_SECONDS))
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(configuration.decimal(EnvironmentVariable.DESCRIBE_CONTACT_RATE_LIMIT)).isEqualTo(2.0);
        assertThat(configuration.optionalText(EnvironmentVariable.ALERT_TOPIC_ARN)).isEmpty();
        assertThat(configuration.text(EnvironmentVariable.METRICS_NAMESPACE)).isEqualTo("RecordingLeakageDetector");
    }

    @Test
    void everyProblemIsReportedAtOnceNamingTheVariable() {
        // GIVEN an environment with a missing table, a bad grace period, a zero rate, a bad prefix and a bad ARN
        Map<String, String> environment = Map.of(
                "RECORDING_BUCKET_NAME", "recordings",
                "RECORDING_KEY_PREFIX", "/connect/acme/",
                "RECORDING_GRACE_PERIOD_SECONDS", "fifteen",
                "DESCRIBE_CONTACT_RATE_LIMIT", "0",
                "ALERT_TOPIC_ARN", "my-topic");

        // WHEN the check handler's configuration loads, THEN one message names each of them
        assertThatThrownBy(() -> Configuration.load(Handler.CHECK_RECORDINGS, environment))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Invalid configuration of "
                        + "io.github.recordingleakagedetector.runtime.handler.CheckRecordingsHandler: ")
                .hasMessageContaining("CONTACT_TABLE_NAME is required (Name of the contact table.)")
                .hasMessageContaining("RECORDING_KEY_PREFIX='/connect/acme/' must not start or end with '/'")
                .hasMessageContaining("RECORDING_GRACE_PERIOD_SECONDS='fifteen' is not a whole number")
                .hasMessageContaining("DESCRIBE_CONTACT_RATE_LIMIT='0' must be a number greater than 0")
                .hasMessageContaining("ALERT_TOPIC_ARN='my-topic' is not an SNS topic ARN");
    }

    @Test
    void aHandlerOnlyValidatesWhatItReads() {
        // The purge step never reads the bucket, so its absence is not an error there.
        Configuration configuration = Configuration.load(Handler.PURGE_QUEUE_CONTACTS,
                Map.of("CONTACT_TABLE_NAME", "contacts"));

        assertThat(configuration.text(EnvironmentVariable.CONTACT_TABLE_NAME)).isEqualTo("contacts");
        assertThatThrownBy(() -> configuration.text(EnvironmentVariable.RECORDING_BUCKET_NAME))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("RECORDING_BUCKET_NAME is not read by PURGE_QUEUE_CONTACTS");
    }

    @Test
    void aTopicArnIsAccepted() {
        Configuration configuration = Configuration.load(Handler.POLL_INITIALISED, Map.of(
                "CONTACT_TABLE_NAME", "contacts",
                "ALERT_TOPIC_ARN", "arn:aws:sns:eu-west-2:111122223333:recording-alerts"));

        assertThat(configuration.optionalText(EnvironmentVariable.ALERT_TOPIC_ARN))
                .contains("arn:aws:sns:eu-west-2:111122223333:recording-alerts");
    }
}

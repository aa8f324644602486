package io.github.recordingleakagedetector.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import io.github.recordingleakagedetector.runtime.testing.FunctionEnvironment;
import org.junit.jupiter.api.Test;

class ConfigurationTest {

    @Test
    void everyVariableAHandlerReadsMustBeSetAndOnlyOptionalKindsMayBeEmpty() {
        // GIVEN the check handler's complete environment without two variables, one required value empty, and the
        // optional ones empty
        Map<String, String> environment = FunctionEnvironment.of(Handler.CHECK_RECORDINGS, Map.of(
                "RECORDING_KEY_PREFIX", " ", "ALERT_TOPIC_ARN", "", "ADDITIONAL_RECORDING_PREFIXES", ""));
        environment.remove("RECORDING_GRACE_PERIOD_SECONDS");
        environment.remove("METRICS_NAMESPACE");

        // WHEN / THEN the cold start fails naming exactly the missing and the empty one: no default stands in
        assertThatThrownBy(() -> Configuration.load(Handler.CHECK_RECORDINGS, environment))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid configuration of io.github.recordingleakagedetector.runtime.handler."
                        + "CheckRecordingsHandler: RECORDING_KEY_PREFIX is empty (Key prefix of the call recordings, up "
                        + "to the date folders, e.g. connect/my-alias/CallRecordings.); RECORDING_GRACE_PERIOD_SECONDS "
                        + "is not set (How long after disconnect a recording may still arrive before it is declared "
                        + "missing. The construct sets every variable a handler reads: deploy the function with it); "
                        + "METRICS_NAMESPACE is not set (CloudWatch namespace of the metrics the handlers emit "
                        + "(embedded metric format). The construct sets every variable a handler reads: deploy the "
                        + "function with it)");
    }

    @Test
    void emptyOptionalValuesMeanNone() {
        Configuration configuration = Configuration.load(Handler.CHECK_RECORDINGS, FunctionEnvironment.of(
                Handler.CHECK_RECORDINGS, Map.of("ALERT_TOPIC_ARN", "", "ADDITIONAL_RECORDING_PREFIXES", "")));

        assertThat(configuration.optionalText(EnvironmentVariable.ALERT_TOPIC_ARN)).isEmpty();
        assertThat(configuration.list(EnvironmentVariable.ADDITIONAL_RECORDING_PREFIXES)).isEmpty();
        assertThat(configuration.seconds(EnvironmentVariable.RECORDING_GRACE_PERIOD_SECONDS))
                .isEqualTo(Duration.ofSeconds(900));
    }

    @Test
    void everyProblemIsReportedAtOnceNamingTheVariable() {
        // GIVEN an environment with a missing table, a bad grace period, a zero rate, a bad prefix and a bad ARN
        Map<String, String> environment = FunctionEnvironment.of(Handler.CHECK_RECORDINGS, Map.of(
                "RECORDING_KEY_PREFIX", "/connect/acme/",
                "RECORDING_GRACE_PERIOD_SECONDS", "fifteen",
                "DESCRIBE_CONTACT_RATE_LIMIT", "0",
                "ALERT_TOPIC_ARN", "my-topic"));
        environment.remove("CONTACT_TABLE_NAME");

        // WHEN the check handler's configuration loads, THEN one message names each of them
        assertThatThrownBy(() -> Configuration.load(Handler.CHECK_RECORDINGS, environment))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Invalid configuration of "
                        + "io.github.recordingleakagedetector.runtime.handler.CheckRecordingsHandler: ")
                .hasMessageContaining("CONTACT_TABLE_NAME is not set (Name of the contact table. The construct sets")
                .hasMessageContaining("RECORDING_KEY_PREFIX='/connect/acme/' must not start or end with '/'")
                .hasMessageContaining("RECORDING_GRACE_PERIOD_SECONDS='fifteen' is not a whole number")
                .hasMessageContaining("DESCRIBE_CONTACT_RATE_LIMIT='0' must be a number greater than 0")
                .hasMessageContaining("ALERT_TOPIC_ARN='my-topic' is not an SNS topic ARN");
    }

    @Test
    void aHandlerOnlyValidatesWhatItReads() {
        // The purge step never reads the bucket, so its absence is not an error there.
        Configuration configuration = Configuration.load(Handler.PURGE_QUEUE_CONTACTS,
                FunctionEnvironment.of(Handler.PURGE_QUEUE_CONTACTS, Map.of()));

        assertThat(configuration.text(EnvironmentVariable.CONTACT_TABLE_NAME)).isEqualTo("contacts");
        assertThatThrownBy(() -> configuration.text(EnvironmentVariable.RECORDING_BUCKET_NAME))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("RECORDING_BUCKET_NAME is not read by PURGE_QUEUE_CONTACTS");
    }

    @Test
    void aTopicArnIsAccepted() {
        Configuration configuration = Configuration.load(Handler.POLL_INITIALISED, FunctionEnvironment.of(
                Handler.POLL_INITIALISED, Map.of("ALERT_TOPIC_ARN", "arn:aws:sns:eu-west-2:111122223333:recording-alerts")));

        assertThat(configuration.optionalText(EnvironmentVariable.ALERT_TOPIC_ARN))
                .contains("arn:aws:sns:eu-west-2:111122223333:recording-alerts");
    }
}

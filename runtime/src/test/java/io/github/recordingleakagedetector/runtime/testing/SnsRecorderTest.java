package io.github.recordingleakagedetector.runtime.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.sns.model.AuthorizationErrorException;
import software.amazon.awssdk.services.sns.model.InternalErrorException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/** Drives {@link SnsRecorder} with the real SDK {@code SnsClient}. */
class SnsRecorderTest {
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:recording-leakage-alerts";

    private SnsRecorder sns;

    @BeforeEach
    void start() {
        sns = SnsRecorder.start();
    }

    @AfterEach
    void stop() {
        sns.close();
    }

    private PublishResponse publish(String message) {
        return sns.client().publish(PublishRequest.builder()
                .topicArn(TOPIC)
                .subject("Call not recorded")
                .message(message)
                .messageAttributes(Map.of(
                        "ContactId", MessageAttributeValue.builder().dataType("String").stringValue("c-1").build(),
                        "Attempts", MessageAttributeValue.builder().dataType("Number").stringValue("2").build()))
                .build());
    }

    @Test
    void recordsPublishedMessagesWithSubjectAndAttributes() {
        String message = "{\"contactId\":\"c-1\",\"text\":\"a & b = c; ünïcödé\"}";

        PublishResponse response = publish(message);

        assertThat(response.messageId()).isNotBlank();
        assertThat(sns.published()).singleElement().satisfies(published -> {
            assertThat(published.topicArn()).isEqualTo(TOPIC);
            assertThat(published.subject()).isEqualTo("Call not recorded");
            assertThat(published.message()).isEqualTo(message);
            assertThat(published.messageAttributes()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("ContactId", "c-1", "Attempts", "2"));
        });
    }

    @Test
    void serverErrorsAreRetriedUntilTheAttemptsRunOut() {
        sns.failNextPublishes(2);
        publish("retried");
        assertThat(sns.published()).hasSize(1);
        assertThat(sns.requestCount()).isEqualTo(3);

        sns.failNextPublishes(3);
        assertThatThrownBy(() -> publish("lost")).isInstanceOf(InternalErrorException.class);
        assertThat(sns.published()).hasSize(1);
        assertThat(sns.requestCount()).isEqualTo(6);
    }

    @Test
    void deniedPublishFailsAtOnce() {
        sns.denyPublishes(true);

        assertThatThrownBy(() -> publish("denied"))
                .isInstanceOfSatisfying(AuthorizationErrorException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(403));
        assertThat(sns.requestCount()).isEqualTo(1);

        sns.denyPublishes(false);
        publish("allowed");
        assertThat(sns.published()).extracting(SnsRecorder.PublishedMessage::message).containsExactly("allowed");
    }
}

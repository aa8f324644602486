package io.github.recordingleakagedetector.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Tolerant where Connect's own samples differ, strict where a wrong reading would move a contact. */
class ContactEventInterpreterTest {
    private static final String INSTANCE = "arn:aws:connect:eu-west-2:111122223333:instance/"
            + "11111111-2222-3333-4444-555555555555";
    private final ContactEventInterpreter interpreter = new ContactEventInterpreter(INSTANCE);

    private static String event(String detail) {
        return "{\"detail-type\":\"Amazon Connect Contact Event\",\"source\":\"aws.connect\","
                + "\"time\":\"2024-05-01T09:05:00Z\",\"detail\":" + detail + "}";
    }

    @Test
    void readsADisconnectedEventWithItsAgentQueueAndTimes() {
        ContactEvent event = interpreter.interpret(event("{\"eventType\":\"DISCONNECTED\",\"contactId\":\"c-1\","
                + "\"instanceArn\":\"" + INSTANCE + "\",\"channel\":\"Voice\",\"initiationMethod\":\"inbound\","
                + "\"initiationTimestamp\":\"2024-05-01T09:00:00.000Z\",\"disconnectTimestamp\":\"2024-05-01T09:04:00Z\","
                + "\"agentInfo\":{\"agentArn\":\"" + INSTANCE + "/agent/a-7\","
                + "\"connectedToAgentTimestamp\":\"2024-05-01T09:01:00+00:00\"},"
                + "\"queueInfo\":{\"queueArn\":\"" + INSTANCE + "/queue/q-1\"},\"previousContactId\":\"c-0\"}"));

        assertThat(event.type()).isEqualTo(ContactEvent.Type.DISCONNECTED);
        assertThat(event.contactId()).isEqualTo("c-1");
        assertThat(event.instanceId()).isEqualTo("11111111-2222-3333-4444-555555555555");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2024-05-01T09:05:00Z"));
        assertThat(event.said()).isEqualTo(new ContactSnapshot(Instant.parse("2024-05-01T09:00:00Z"),
                Instant.parse("2024-05-01T09:01:00Z"), Instant.parse("2024-05-01T09:04:00Z"), "a-7", "q-1", "VOICE",
                "INBOUND", "c-0", null, null));
    }

    @Test
    void anEventTypeInAnotherCaseIsTheSameTypeAndAMissingTimeIsTheEventsOwn() {
        ContactEvent event = interpreter.interpret(event("{\"eventType\":\"connected_to_agent\",\"contactId\":\"c-1\","
                + "\"instanceArn\":\"" + INSTANCE.toUpperCase() + "\"}"));

        assertThat(event.type()).isEqualTo(ContactEvent.Type.CONNECTED_TO_AGENT);
        assertThat(event.said().connectedToAgentAt()).isEqualTo(Instant.parse("2024-05-01T09:05:00Z"));
        assertThat(event.said().disconnectedAt()).isNull();
    }

    @Test
    void rejectsWhatMustNotMoveAContact() {
        assertThatThrownBy(() -> interpreter.interpret("{")).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> interpreter.interpret("[1]")).hasMessage("the message is not a JSON object");
        assertThatThrownBy(() -> interpreter.interpret("{\"detail-type\":\"Scheduled Event\"}"))
                .hasMessage("detail-type 'Scheduled Event' is not 'Amazon Connect Contact Event'");
        assertThatThrownBy(() -> interpreter.interpret(event("{\"eventType\":\"DISCONNECTED\",\"contactId\":\"c-1\","
                + "\"instanceArn\":\"" + INSTANCE.replace("11111111", "99999999") + "\"}")))
                .hasMessageEndingWith("is not this detector's instance");
        assertThatThrownBy(() -> interpreter.interpret(event("{\"eventType\":\"QUEUED\",\"contactId\":\"c-1\","
                + "\"instanceArn\":\"" + INSTANCE + "\"}")))
                .hasMessage("eventType 'QUEUED' is not one the detector uses");
        assertThatThrownBy(() -> interpreter.interpret(event("{\"eventType\":\"DISCONNECTED\","
                + "\"instanceArn\":\"" + INSTANCE + "\"}")))
                .hasMessage("no contactId");
        assertThatThrownBy(() -> interpreter.interpret(event("{\"eventType\":\"DISCONNECTED\",\"contactId\":\"c-1\","
                + "\"instanceArn\":\"" + INSTANCE + "\",\"disconnectTimestamp\":\"yesterday\"}")))
                .hasMessage("disconnectTimestamp 'yesterday' is not a time");
    }

    @Test
    void mergingKeepsWhatIsKnownWhateverTheOrder() {
        ContactSnapshot connected = new ContactSnapshot(null, Instant.parse("2024-05-01T09:01:00Z"), null, "a-7",
                null, "VOICE", null, null, null, null);
        ContactSnapshot disconnected = new ContactSnapshot(Instant.parse("2024-05-01T09:00:00Z"), null,
                Instant.parse("2024-05-01T09:04:00Z"), null, "q-1", "VOICE", null, null, null, null);

        assertThat(connected.mergedWith(disconnected)).isEqualTo(disconnected.mergedWith(connected));
        assertThat(connected.mergedWith(disconnected).mergedWith(connected))
                .isEqualTo(connected.mergedWith(disconnected));
        assertThat(ContactClassifier.classify(connected.mergedWith(disconnected)))
                .isEqualTo(ContactState.COMPLETED_AGENT);
    }
}

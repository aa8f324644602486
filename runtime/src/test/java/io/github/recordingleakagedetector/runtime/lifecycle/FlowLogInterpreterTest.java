package io.github.recordingleakagedetector.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlowLogInterpreterTest {
    private static final String FLOW_ARN =
            "arn:aws:connect:eu-west-2:111122223333:instance/inst-1/contact-flow/flow-9";

    static String legacyEvent(String contactId, String option, String participants, String timestamp) {
        return "{\"ContactId\":\"" + contactId + "\",\"ContactFlowId\":\"" + FLOW_ARN + "\","
                + "\"ContactFlowName\":\"Inbound sales\",\"ContactFlowModuleType\":\"SetRecordingBehavior\","
                + "\"Identifier\":\"Set recording\",\"Timestamp\":\"" + timestamp + "\","
                + "\"Parameters\":{\"RecordingBehaviorOption\":\"" + option + "\""
                + (participants == null ? "" : ",\"RecordingParticipantOption\":\"" + participants + "\"") + "}}";
    }

    private static final long LOG_EVENT_MILLIS = 1_700_000_000_000L;
    private static final Instant RECEIVED_AT = Instant.ofEpochMilli(LOG_EVENT_MILLIS).plusSeconds(3);

    private static RecordingBehaviourEvent interpret(String message) {
        return FlowLogInterpreter.interpret(new FlowLogRecord("e1", LOG_EVENT_MILLIS, message), RECEIVED_AT);
    }

    @ParameterizedTest(name = "{0} records {1}")
    @CsvSource({
        "Agent, AGENT",
        "Customer, CUSTOMER",
        "Both, AGENT CUSTOMER",
        "All, AGENT CUSTOMER",
    })
    void everyParticipantOptionIsAnExpectation(String option, String expected) {
        // GIVEN a legacy block enabling recording for one participant option (the original only honoured All)
        String message = legacyEvent("c-1", "Enable", option, "2023-08-29T10:29:58.123Z");

        // WHEN it is interpreted
        RecordingBehaviourEvent event = interpret(message);

        // THEN the contact is expected to be recorded for exactly those participants
        assertThat(event).isInstanceOf(RecordingBehaviourEvent.Enabled.class);
        RecordingBehaviourEvent.Enabled enabled = (RecordingBehaviourEvent.Enabled) event;
        assertThat(enabled.contactId()).isEqualTo("c-1");
        assertThat(enabled.instanceId()).isEqualTo("inst-1");
        assertThat(enabled.expectation().participants())
                .containsExactlyInAnyOrderElementsOf(Set.of(expected.split(" ")).stream().map(Participant::valueOf).toList());
        assertThat(enabled.expectation().contactFlowName()).isEqualTo("Inbound sales");
        assertThat(enabled.expectation().setAt()).isEqualTo(Instant.parse("2023-08-29T10:29:58.123Z"));
    }

    @Test
    void disableIsADisabledEventWithItsTimestamp() {
        RecordingBehaviourEvent event = interpret(legacyEvent("c-2", "Disable", "Both", "2023-08-29T10:30:00Z"));

        assertThat(event).isEqualTo(new RecordingBehaviourEvent.Disabled("c-2", "inst-1",
                Instant.parse("2023-08-29T10:30:00Z")));
    }

    @Test
    void enableWithoutParticipantOptionStillExpectsARecording() {
        RecordingBehaviourEvent event = interpret(legacyEvent("c-3", "Enable", null, "2023-08-29T10:30:00Z"));

        assertThat(((RecordingBehaviourEvent.Enabled) event).expectation().participants())
                .containsExactlyInAnyOrder(Participant.AGENT, Participant.CUSTOMER);
    }

    @Test
    void newerBlockWithRecordedParticipantsObject() {
        String message = "{\"ContactId\":\"c-4\",\"ContactFlowId\":\"" + FLOW_ARN + "\","
                + "\"ContactFlowModuleType\":\"UpdateContactRecordingBehavior\",\"Timestamp\":\"2023-11-14T22:00:00Z\","
                + "\"Parameters\":{\"RecordingBehavior\":{\"RecordedParticipants\":[\"Agent\",\"Customer\"],"
                + "\"IVRRecordingBehavior\":\"Disabled\"}}}";

        RecordingBehaviourEvent event = interpret(message);

        assertThat(((RecordingBehaviourEvent.Enabled) event).expectation().participants())
                .containsExactlyInAnyOrder(Participant.AGENT, Participant.CUSTOMER);
    }

    @Test
    void newerBlockWithParticipantsInAJsonStringAndAnEmptyListDisables() {
        String enabled = "{\"ContactId\":\"c-5\",\"ContactFlowId\":\"" + FLOW_ARN + "\","
                + "\"ContactFlowModuleType\":\"UpdateContactRecordingAndAnalyticsBehavior\","
                + "\"Parameters\":{\"RecordingBehavior\":\"{\\\"RecordedParticipants\\\":[\\\"Customer\\\"]}\"}}";
        String disabled = "{\"ContactId\":\"c-5\",\"ContactFlowId\":\"" + FLOW_ARN + "\","
                + "\"ContactFlowModuleType\":\"UpdateContactRecordingBehavior\","
                + "\"Parameters\":{\"RecordingBehavior\":{\"RecordedParticipants\":[]}}}";

        assertThat(((RecordingBehaviourEvent.Enabled) interpret(enabled)).expectation().participants())
                .containsExactly(Participant.CUSTOMER);
        assertThat(interpret(disabled)).isInstanceOf(RecordingBehaviourEvent.Disabled.class);
    }

    @Test
    void missingTimestampFallsBackToTheLogEventTime() {
        String message = "{\"ContactId\":\"c-6\",\"ContactFlowId\":\"" + FLOW_ARN + "\","
                + "\"ContactFlowModuleType\":\"SetRecordingBehavior\","
                + "\"Parameters\":{\"RecordingBehaviorOption\":\"Enable\",\"RecordingParticipantOption\":\"Agent\"}}";

        RecordingBehaviourEvent event = interpret(message);

        assertThat(((RecordingBehaviourEvent.Enabled) event).expectation().setAt())
                .isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
    }

    @Test
    void otherBlocksAreUnrelated() {
        String message = "{\"ContactId\":\"c-7\",\"ContactFlowId\":\"" + FLOW_ARN + "\","
                + "\"ContactFlowModuleType\":\"PlayPrompt\",\"Parameters\":{}}";

        assertThat(interpret(message)).isEqualTo(new RecordingBehaviourEvent.Unrelated("PlayPrompt"));
    }

    @Test
    void malformedMessagesNameTheirProblem() {
        assertThatThrownBy(() -> interpret("not json at all"))
                .isInstanceOf(MalformedFlowLogException.class).hasMessageStartingWith("message is not JSON");
        assertThatThrownBy(() -> interpret("[1,2]"))
                .isInstanceOf(MalformedFlowLogException.class).hasMessage("message is not a JSON object");
        assertThatThrownBy(() -> interpret(legacyEvent("", "Enable", "Agent", "2023-08-29T10:29:58Z")))
                .isInstanceOf(MalformedFlowLogException.class).hasMessage("missing ContactId");
        assertThatThrownBy(() -> interpret(legacyEvent("c-8", "Maybe", "Agent", "2023-08-29T10:29:58Z")))
                .isInstanceOf(MalformedFlowLogException.class)
                .hasMessage("RecordingBehaviorOption is 'Maybe', expected Enable or Disable");
        assertThatThrownBy(() -> interpret(legacyEvent("c-9", "Enable", "Supervisor", "2023-08-29T10:29:58Z")))
                .isInstanceOf(MalformedFlowLogException.class)
                .hasMessage("RecordingParticipantOption is 'Supervisor', expected Agent, Customer, Both or All");
        assertThatThrownBy(() -> interpret(legacyEvent("c-10", "Enable", "Agent", "x")
                .replace(FLOW_ARN, "flow-without-instance")))
                .isInstanceOf(MalformedFlowLogException.class)
                .hasMessage("ContactFlowId 'flow-without-instance' holds no instance id");
    }

    @ParameterizedTest(name = "ContactId {0}")
    @CsvSource(delimiter = '|', value = {
        "{\"id\":\"c-1\"}  | ContactId is not a JSON string but {id=c-1}",
        "[\"c-1\"]           | ContactId is not a JSON string but [c-1]",
        "42                    | ContactId is not a JSON string but 42",
        "true                  | ContactId is not a JSON string but true",
        "\"c 1\"             | ContactId 'c 1' is not a contact id (1 to 256 visible ASCII characters)",
    })
    void aContactIdThatIsNotAJsonStringOrNotAnIdIsMalformed(String contactIdJson, String reason) {
        String message = legacyEvent("PLACEHOLDER", "Enable", "Agent", "2023-08-29T10:29:58Z")
                .replace("\"PLACEHOLDER\"", contactIdJson);

        assertThatThrownBy(() -> interpret(message))
                .isInstanceOf(MalformedFlowLogException.class).hasMessage(reason);
    }

    @Test
    void aContactIdLongerThanConnectAllowsIsMalformedAndOneOfTheLongestAllowedIsNot() {
        String longest = "c".repeat(256);

        assertThat(interpret(legacyEvent(longest, "Enable", "Agent", "2023-08-29T10:29:58Z")))
                .isInstanceOf(RecordingBehaviourEvent.Enabled.class);
        assertThatThrownBy(() -> interpret(legacyEvent(longest + "c", "Enable", "Agent", "2023-08-29T10:29:58Z")))
                .isInstanceOf(MalformedFlowLogException.class)
                .hasMessageEndingWith("is not a contact id (1 to 256 visible ASCII characters)");
    }

    @ParameterizedTest(name = "block time {0}, log event at {1} ms")
    @CsvSource({
        "1970-01-01T00:00:00Z, 1700000000000",
        "2017-03-27T23:59:59Z, 1700000000000",
        "2023-11-15T22:13:21Z, 1700000000000",
        "3023-01-01T00:00:00Z, 1700000000000",
        "'',                   0",
    })
    void aBlockTimeOutsideWhatConnectCanLogIsMalformed(String timestamp, long logEventMillis) {
        // GIVEN a block time before Connect existed, more than a day after its log event, or missing with no log time
        String message = timestamp.isEmpty()
                ? legacyEvent("c-1", "Enable", "Agent", "x").replace(",\"Timestamp\":\"x\"", "")
                : legacyEvent("c-1", "Enable", "Agent", timestamp);

        // WHEN it is interpreted, THEN it is refused with the window it missed
        assertThatThrownBy(() -> FlowLogInterpreter.interpret(new FlowLogRecord("e1", logEventMillis, message),
                RECEIVED_AT))
                .isInstanceOf(MalformedFlowLogException.class)
                .hasMessageContaining("is outside 2017-03-28T00:00:00Z ..");
    }

    @Test
    void aBlockTimeUpToADayAfterItsLogEventIsAccepted() {
        Instant dayLater = Instant.ofEpochMilli(LOG_EVENT_MILLIS).plus(Duration.ofDays(1));

        RecordingBehaviourEvent event = interpret(legacyEvent("c-1", "Enable", "Agent", dayLater.toString()));

        assertThat(((RecordingBehaviourEvent.Enabled) event).at()).isEqualTo(dayLater);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"RecordedParticipants\":[\"Agent\",\"Customer\"],\"IVRRecordingBehavior\":\"Enabled\"} | AGENT CUSTOMER | true",
        "{\"RecordedParticipants\":[],\"IVRRecordingBehavior\":\"Enabled\"}                    | ''             | true",
        "{\"RecordedParticipants\":[\"Agent\"],\"IVRRecordingBehavior\":\"Disabled\"}           | AGENT          | false",
        "{\"VoiceBehavior\":{\"VoiceRecordingBehavior\":{\"RecordedParticipants\":[\"Customer\"],\"IVRRecordingBehavior\":\"enabled\"}}} | CUSTOMER | true",
    })
    void ivrRecordingIsReadWhereverTheBlockNestsIt(String behaviour, String participants, boolean ivr) {
        String message = "{\"ContactId\":\"c-11\",\"ContactFlowId\":\"" + FLOW_ARN + "\","
                + "\"ContactFlowModuleType\":\"UpdateContactRecordingBehavior\",\"Timestamp\":\"2023-11-14T22:00:00Z\","
                + "\"Parameters\":{\"RecordingBehavior\":" + behaviour + "}}";

        RecordingBehaviourEvent.Enabled event = (RecordingBehaviourEvent.Enabled) interpret(message);

        assertThat(event.expectation().ivr()).isEqualTo(ivr);
        assertThat(event.expectation().participants()).containsExactlyInAnyOrderElementsOf(participants.isBlank()
                ? List.of() : Arrays.stream(participants.split(" ")).map(Participant::valueOf).toList());
    }

    @Test
    void withoutIvrRecordingAnEmptyParticipantListStillDisables() {
        String message = "{\"ContactId\":\"c-12\",\"ContactFlowId\":\"" + FLOW_ARN + "\","
                + "\"ContactFlowModuleType\":\"UpdateContactRecordingBehavior\",\"Timestamp\":\"2023-11-14T22:00:00Z\","
                + "\"Parameters\":{\"RecordingBehavior\":{\"RecordedParticipants\":[],\"IVRRecordingBehavior\":\"Disabled\"}}}";

        assertThat(interpret(message)).isInstanceOf(RecordingBehaviourEvent.Disabled.class);
        assertThat(((RecordingBehaviourEvent.Enabled) interpret(legacyEvent("c-13", "Enable", "Both",
                "2023-11-14T22:00:00Z"))).expectation().ivr()).isFalse();
    }
}

package io.github.recordingleakagedetector.runtime.handler;

import static io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries.delivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.CloudWatchLogsEvent;
import io.github.recordingleakagedetector.runtime.lifecycle.BehaviourChange;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactSnapshot;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactState;
import io.github.recordingleakagedetector.runtime.lifecycle.Participant;
import io.github.recordingleakagedetector.runtime.lifecycle.TrackedContact;
import io.github.recordingleakagedetector.runtime.log.JsonLog;
import io.github.recordingleakagedetector.runtime.store.DynamoDbContactStore;
import io.github.recordingleakagedetector.runtime.support.FakeLambdaContext;
import io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries;
import io.github.recordingleakagedetector.runtime.support.HandlerTestBed;
import io.github.recordingleakagedetector.runtime.support.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

@ExtendWith(HandlerTestBed.LocalServers.class)
class FlowLogIngestHandlerTest {
    private static final Instant T0 = Instant.parse("2024-05-01T09:00:00Z");

    private final HandlerTestBed bed = new HandlerTestBed();
    private MutableClock clock;
    private String table;
    private DynamoDbContactStore store;
    private FlowLogIngestHandler handler;

    @BeforeEach
    void freshTable() {
        bed.reset(T0.plusSeconds(2)).with("CONTACT_RETENTION_DAYS", "30");
        clock = bed.clock();
        table = bed.table();
        store = bed.store();
        handler = bed.ingestHandler();
    }

    @SuppressWarnings("unchecked")
    private static long outcome(Map<String, Object> summary, String name) {
        return ((Map<String, Long>) summary.get("outcomes")).getOrDefault(name, 0L);
    }

    private Map<String, Object> ingest(CloudWatchLogsEvent event) {
        return handler.handleRequest(event, FakeLambdaContext.withPlentyOfTime());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Agent", "Customer", "Both", "All"})
    void everyRecordedParticipantOptionCreatesAnInitialisedContact(String participants) {
        Map<String, Object> summary = ingest(delivery().enable("c-1", participants, T0).event());

        assertThat(outcome(summary, "initialised")).isEqualTo(1);
        TrackedContact contact = store.find("c-1").orElseThrow();
        assertThat(contact.state()).isEqualTo(ContactState.INITIALISED);
        assertThat(contact.instanceId()).isEqualTo(FlowLogDeliveries.INSTANCE_ID);
        assertThat(contact.behaviour().changes()).hasSize(1);
        assertThat(contact.behaviour().lastChangeAt()).isEqualTo(T0);
        assertThat(contact.contactFlowName()).isEqualTo("Inbound");
        assertThat(contact.behaviour().recordedParticipants(null)).isNotEmpty();
    }

    @Test
    void storesParticipantsFlowTimestampAndTtl() {
        ingest(delivery().enable("c-1", "Agent", T0).event());

        Map<String, AttributeValue> item = HandlerTestBed.dynamoDb().client()
                .getItem(r -> r.tableName(table).key(Map.of("ContactId", AttributeValue.fromS("c-1")))).item();
        assertThat(item.get("State").s()).isEqualTo("INITIALISED");
        assertThat(item.get("RecordedParticipants").ss()).containsExactly("AGENT");
        assertThat(item.get("ContactFlowName").s()).isEqualTo("Inbound");
        assertThat(item.get("RecordingBehaviourSetAt").s()).isEqualTo(T0.toString());
        assertThat(Long.parseLong(item.get("ExpiresAt").n()))
                .isEqualTo(T0.plus(Duration.ofDays(30)).getEpochSecond());
        assertThat(Long.parseLong(item.get("UpdatedAt").n())).isEqualTo(clock.instant().toEpochMilli());
    }

    @Test
    void aRedeliveryAfterTheContactMovedOnDoesNotResetIt() {
        // GIVEN a contact that was ingested and has since reached an agent
        CloudWatchLogsEvent delivery = delivery().enable("c-1", "Both", T0).event();
        ingest(delivery);
        ContactSnapshot withAgent = new ContactSnapshot(T0, T0.plusSeconds(20), null, "agent-1", "queue-1", "VOICE",
                "INBOUND", null, null, List.of());
        store.recordObservation(store.find("c-1").orElseThrow(), ContactState.IN_PROGRESS_AGENT, withAgent,
                T0.plusSeconds(30));

        // WHEN the same log events are delivered again (at least once delivery), and a second Enable follows
        Map<String, Object> redelivered = ingest(delivery);
        Map<String, Object> secondEnable = ingest(delivery().enable("c-1", "Agent", T0.plusSeconds(40)).event());

        // THEN the contact keeps its progress; the second Enable only joins its history
        assertThat(outcome(redelivered, "duplicates")).isEqualTo(1);
        assertThat(outcome(secondEnable, "updated")).isEqualTo(1);
        TrackedContact contact = store.find("c-1").orElseThrow();
        assertThat(contact.state()).isEqualTo(ContactState.IN_PROGRESS_AGENT);
        assertThat(contact.observed().agentId()).isEqualTo("agent-1");
    }

    private void agentJoined(String contactId, Instant at) {
        ContactSnapshot withAgent = new ContactSnapshot(T0, at, null, "agent-1", "queue-1", "VOICE", "INBOUND", null, null,
                List.of());
        assertThat(store.recordObservation(store.find(contactId).orElseThrow(), ContactState.IN_PROGRESS_AGENT,
                withAgent, at.plusSeconds(1))).isTrue();
    }

    @Test
    void aDisableBeforeTheAgentIsKnownIsRememberedAndTheContactStaysTracked() {
        ingest(delivery().enable("c-1", "Both", T0).event());

        Map<String, Object> disabled = ingest(delivery().disable("c-1", T0.plusSeconds(10)).event());

        // THEN the poller decides once it knows when the agent joined (see PollHandlersTest)
        assertThat(outcome(disabled, "updated")).isEqualTo(1);
        TrackedContact contact = store.find("c-1").orElseThrow();
        assertThat(contact.state()).isEqualTo(ContactState.INITIALISED);
        assertThat(contact.behaviour().changes()).extracting(BehaviourChange::enables).containsExactly(true, false);
    }

    @Test
    void aDisableAfterTheAgentJoinedKeepsTheExpectation() {
        // GIVEN a recorded call whose agent joined at T0+20, and a disconnect flow that disables recording later
        ingest(delivery().enable("c-1", "Both", T0).event());
        agentJoined("c-1", T0.plusSeconds(20));

        Map<String, Object> summary = ingest(delivery().disable("c-1", T0.plusSeconds(300)).event());

        assertThat(outcome(summary, "updated")).isEqualTo(1);
        assertThat(store.find("c-1").orElseThrow().state()).isEqualTo(ContactState.IN_PROGRESS_AGENT);
    }

    @Test
    void aDisableFromBeforeTheAgentJoinedThatArrivesLateClosesTheContact() {
        ingest(delivery().enable("c-1", "Both", T0).event());
        agentJoined("c-1", T0.plusSeconds(20));

        Map<String, Object> summary = ingest(delivery().disable("c-1", T0.plusSeconds(10)).event());

        assertThat(outcome(summary, "disabled")).isEqualTo(1);
        TrackedContact contact = store.find("c-1").orElseThrow();
        assertThat(contact.state()).isEqualTo(ContactState.RECORDING_DISABLED);
        assertThat(contact.updatedAt()).isNull();
    }

    @Test
    void outOfOrderDeliveryCannotLetAnOlderDisableHideALaterEnable() {
        // GIVEN Enable t1, Disable t2, Enable t3 (recording paused for a card number), the agent joining at t4,
        // and the Disable delivered last (its batch was retried)
        ingest(delivery().enable("c-1", "Both", T0).event());
        ingest(delivery().enable("c-1", "Both", T0.plusSeconds(30)).event());
        agentJoined("c-1", T0.plusSeconds(40));

        Map<String, Object> lateDisable = ingest(delivery().disable("c-1", T0.plusSeconds(20)).event());

        // THEN recording was on when the agent joined: the contact is still expected to be recorded
        assertThat(outcome(lateDisable, "updated")).isEqualTo(1);
        TrackedContact contact = store.find("c-1").orElseThrow();
        assertThat(contact.state()).isEqualTo(ContactState.IN_PROGRESS_AGENT);
        assertThat(contact.behaviour().changes()).hasSize(3);
    }

    @Test
    void aDisableArrivingBeforeItsOlderEnableIsWeighedWhenTheEnableArrives() {
        Map<String, Object> summary = ingest(delivery()
                .disable("c-1", T0.plusSeconds(10))
                .enable("c-1", "Agent", T0)
                .event());

        // THEN the contact is tracked again with both changes; when the agent joined decides (PollHandlersTest)
        assertThat(outcome(summary, "disableRemembered")).isEqualTo(1);
        assertThat(outcome(summary, "initialised")).isEqualTo(1);
        TrackedContact contact = store.find("c-1").orElseThrow();
        assertThat(contact.state()).isEqualTo(ContactState.INITIALISED);
        assertThat(contact.behaviour().changes()).extracting(BehaviourChange::at)
                .containsExactly(T0, T0.plusSeconds(10));
        // the contact was created by the Disable, which names no recording flow: the Enable's flow is the one alerts show
        assertThat(contact.contactFlowName()).isEqualTo("Inbound");
    }

    @Test
    void anotherDisableOfAnUntrackedContactKeepsItClosed() {
        ingest(delivery().disable("c-1", T0).event());

        Map<String, Object> summary = ingest(delivery().disable("c-1", T0.plusSeconds(5)).event());

        assertThat(outcome(summary, "updated")).isEqualTo(1);
        assertThat(store.find("c-1").orElseThrow().state()).isEqualTo(ContactState.RECORDING_DISABLED);
    }

    @Test
    void recordingEnabledAgainAfterADisableRecordsTheLatestParticipants() {
        ingest(delivery().enable("c-1", "Both", T0).disable("c-1", T0.plusSeconds(10)).event());

        Map<String, Object> summary = ingest(delivery().enable("c-1", "Customer", T0.plusSeconds(20)).event());

        assertThat(outcome(summary, "updated")).isEqualTo(1);
        TrackedContact contact = store.find("c-1").orElseThrow();
        assertThat(contact.state()).isEqualTo(ContactState.INITIALISED);
        assertThat(contact.behaviour().recordedParticipants(null)).containsExactly(Participant.CUSTOMER);
        assertThat(contact.behaviour().recordedParticipants(T0.plusSeconds(15))).isEmpty();
    }

    @Test
    void malformedEventsAreLoggedWithTheirIdAndSkippedWhileTheRestOfTheBatchIsProcessed() {
        // GIVEN a batch with good events around a non-JSON message and a block without a contact id
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream previous = JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
        Map<String, Object> summary;
        try {
            summary = ingest(delivery()
                    .enable("c-1", "Agent", T0)
                    .rawMessage("{not json", T0)
                    .rawMessage("{\"ContactFlowModuleType\":\"SetRecordingBehavior\",\"Parameters\":{}}", T0)
                    .block("c-9", "PlayPrompt", Map.of("Text", "hello"), T0)
                    .enable("c-2", "Customer", T0)
                    .event());
        } finally {
            JsonLog.redirect(previous);
        }

        // THEN the good events are stored, the bad ones counted and logged with their log event ids
        assertThat(summary.get("read")).isEqualTo(5L);
        assertThat(outcome(summary, "initialised")).isEqualTo(2);
        assertThat(outcome(summary, "skipped")).isEqualTo(2);
        assertThat(outcome(summary, "ignored")).isEqualTo(1);
        assertThat(store.find("c-1")).isPresent();
        assertThat(store.find("c-2")).isPresent();
        String logged = logs.toString(StandardCharsets.UTF_8);
        assertThat(logged).contains("\"event\":\"flowlog.malformed\"", "\"logEventId\":\"event-2\"",
                "\"logEventId\":\"event-3\"", "\"reason\":\"missing ContactId\"");
        assertThat(logged).contains("\"MalformedLogEvents\":2");
    }

    /** A legacy Enable block whose ContactId and Timestamp are given as raw JSON. */
    private static String hostileEnable(String contactIdJson, String timestampJson) {
        return "{\"ContactId\":" + contactIdJson + ",\"ContactFlowId\":\"" + FlowLogDeliveries.FLOW_ARN + "\","
                + "\"ContactFlowName\":\"Inbound\",\"ContactFlowModuleType\":\"SetRecordingBehavior\","
                + (timestampJson == null ? "" : "\"Timestamp\":" + timestampJson + ",")
                + "\"Parameters\":{\"RecordingBehaviorOption\":\"Enable\",\"RecordingParticipantOption\":\"Both\"}}";
    }

    @Test
    void hostileIdsAndTimesAreSkippedAndCountedWhileTheGoodEventsAroundThemAreWritten() {
        // GIVEN a batch in which ids are not strings or not contact ids, and block times lie outside what Connect logs
        String tooLong = "\"" + "x".repeat(3000) + "\"";
        String at = "\"" + T0 + "\"";
        FlowLogDeliveries batch = delivery()
                .enable("good-1", "Agent", T0)
                .rawMessage(hostileEnable("{\"id\":\"c-1\"}", at), T0)
                .rawMessage(hostileEnable("[\"c-2\"]", at), T0)
                .rawMessage(hostileEnable("1234", at), T0)
                .rawMessage(hostileEnable("true", at), T0)
                .rawMessage(hostileEnable(tooLong, at), T0)
                .rawMessage(hostileEnable("\"no-time\"", null), Instant.EPOCH)
                .rawMessage(hostileEnable("\"in-1970\"", "\"1970-01-01T00:00:01Z\""), T0)
                .rawMessage(hostileEnable("\"far-future\"", "\"+999999-01-01T00:00:00Z\""), T0)
                .rawMessage(hostileEnable("\"expired\"", "\"" + T0.minus(Duration.ofDays(31)) + "\""), T0)
                .enable("good-2", "Customer", T0);

        // WHEN it is ingested
        Map<String, Object> summary = ingest(batch.event());

        // THEN only the good events became contacts; every other one is skipped and counted, and nothing failed
        assertThat(outcome(summary, "initialised")).isEqualTo(2);
        assertThat(outcome(summary, "skipped")).isEqualTo(9);
        List<String> stored = HandlerTestBed.dynamoDb().client().scanPaginator(r -> r.tableName(table)).items().stream()
                .map(item -> item.get("ContactId").s()).sorted().toList();
        assertThat(stored).containsExactly("good-1", "good-2");
    }

    @Test
    void aLargeBatchIsWrittenConcurrentlyYetEachContactGetsEveryOneOfItsEvents() {
        // GIVEN one delivery with 40 contacts, each enabled, disabled and enabled again, the events interleaved
        FlowLogDeliveries batch = delivery();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 40; i++) {
                Instant at = T0.plusSeconds(round);
                batch = round == 1 ? batch.disable("c-" + i, at) : batch.enable("c-" + i, "Agent", at);
            }
        }

        // WHEN it is ingested (8 workers)
        Map<String, Object> summary = ingest(batch.event());

        // THEN every contact holds all three changes in time order, and each event is counted once
        assertThat(summary.get("read")).isEqualTo(120L);
        assertThat(outcome(summary, "initialised")).isEqualTo(40);
        assertThat(outcome(summary, "updated")).isEqualTo(80);
        for (int i = 0; i < 40; i++) {
            TrackedContact contact = store.find("c-" + i).orElseThrow();
            assertThat(contact.state()).isEqualTo(ContactState.INITIALISED);
            assertThat(contact.behaviour().changes()).extracting(BehaviourChange::enables)
                    .containsExactly(true, false, true);
        }
    }

    @Test
    void aTableFailureFailsTheInvocationSoTheBatchIsRedelivered() {
        // GIVEN a function whose table does not exist
        HandlerTestBed.dynamoDb().client().deleteTable(request -> request.tableName(table));

        // WHEN a batch of several contacts arrives, THEN the invocation fails with the table's error
        assertThatThrownBy(() -> ingest(delivery().enable("c-1", "Agent", T0).enable("c-2", "Agent", T0)
                .enable("c-3", "Agent", T0).event()))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void controlMessagesAreNotProcessed() {
        Map<String, Object> summary = ingest(delivery().controlMessage().enable("c-1", "Agent", T0).event());

        assertThat(summary.get("read")).isEqualTo(0L);
        assertThat(store.find("c-1")).isEmpty();
    }

    @Test
    void anUndecodableDeliveryFailsTheInvocation() {
        CloudWatchLogsEvent event = new CloudWatchLogsEvent();
        CloudWatchLogsEvent.AWSLogs logs = new CloudWatchLogsEvent.AWSLogs();
        logs.setData("bm90IGd6aXA=");
        event.setAwsLogs(logs);

        assertThatThrownBy(() -> ingest(event))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Subscription payload is not base64-encoded gzipped JSON");
    }
}

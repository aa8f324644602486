package io.github.recordingleakagedetector.runtime.handler;

import static io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries.delivery;
import static io.github.recordingleakagedetector.runtime.support.HandlerTestBed.connect;
import static io.github.recordingleakagedetector.runtime.support.HandlerTestBed.dynamoDb;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactEventIngestion;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactState;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingChecker;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingState;
import io.github.recordingleakagedetector.runtime.lifecycle.TrackedContact;
import io.github.recordingleakagedetector.runtime.store.ContactTable;
import io.github.recordingleakagedetector.runtime.support.FakeLambdaContext;
import io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries;
import io.github.recordingleakagedetector.runtime.support.HandlerTestBed;
import io.github.recordingleakagedetector.runtime.support.QueuedEventMessages;
import io.github.recordingleakagedetector.runtime.testing.FunctionEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Contact events (EventBridge → SQS → this handler) move the contacts through the same conditional writes as a
 * DescribeContact answer, in any order, any number of times, also before the flow log announced the contact.
 */
@ExtendWith(HandlerTestBed.LocalServers.class)
class ContactEventHandlerTest {
    private static final Instant T0 = Instant.parse("2024-05-01T09:00:00Z");
    private final HandlerTestBed bed = new HandlerTestBed();
    private final QueuedEventMessages messages = new QueuedEventMessages();

    @BeforeEach
    void reset() {
        bed.reset(T0).with("CONTACT_EVENTS", "true");
    }

    /** An EventBridge contact event as SQS delivers it; {@code agentAt} null for a contact no agent took. */
    private static String event(String type, String contactId, Instant at, Instant agentAt) {
        return QueuedEventMessages.contactEvent(type, contactId, T0, at, agentAt);
    }

    private SQSBatchResponse deliver(String... bodies) {
        SQSBatchResponse response = bed.contactEventHandler().handleRequest(messages.batch(bodies),
                FakeLambdaContext.withPlentyOfTime());
        bed.clock().advance(Duration.ofSeconds(1));
        return response;
    }

    private void announce(String contactId) {
        bed.ingest(delivery().enable(contactId, "Both", T0.plusSeconds(5)));
    }

    @Test
    void connectedToAgentPutsAnAnnouncedContactInProgressWithAnAgentWithoutAskingConnect() {
        announce("c-1");

        SQSBatchResponse response = deliver(event("CONNECTED_TO_AGENT", "c-1", T0.plusSeconds(30), T0.plusSeconds(30)));

        TrackedContact contact = bed.contact("c-1");
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(contact.state()).isEqualTo(ContactState.IN_PROGRESS_AGENT);
        assertThat(contact.lastEventAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(contact.observation().orElseThrow().connectedToAgentAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(contact.observation().orElseThrow().agentId()).isEqualTo("agent-7");
        assertThat(contact.observation().orElseThrow().channel()).isEqualTo("VOICE");
        assertThat(connect().totalDescribeRequests()).isZero();
    }

    @Test
    void disconnectedCompletesAsAgentOrQueueByWhetherTheEventCarriesAnAgentConnection() {
        announce("with-agent");
        announce("queue-only");

        deliver(event("DISCONNECTED", "with-agent", T0.plusSeconds(90), T0.plusSeconds(30)),
                event("DISCONNECTED", "queue-only", T0.plusSeconds(90), null));

        assertThat(bed.contact("with-agent").state()).isEqualTo(ContactState.COMPLETED_AGENT);
        assertThat(bed.contact("with-agent").observation().orElseThrow().disconnectedAt())
                .isEqualTo(T0.plusSeconds(90));
        assertThat(bed.contact("queue-only").state()).isEqualTo(ContactState.COMPLETED_QUEUE_IVR);
        assertThat(connect().totalDescribeRequests()).isZero();
    }

    @Test
    void aLateConnectedAfterDisconnectedNeverMovesTheContactBackNorLosesAField() {
        // GIVEN a contact completed by its DISCONNECTED event
        announce("c-2");
        deliver(event("DISCONNECTED", "c-2", T0.plusSeconds(90), T0.plusSeconds(30)));
        long version = bed.contact("c-2").version();

        // WHEN its CONNECTED_TO_AGENT arrives late, and the DISCONNECTED again (a duplicate)
        deliver(event("CONNECTED_TO_AGENT", "c-2", T0.plusSeconds(30), T0.plusSeconds(30)),
                event("DISCONNECTED", "c-2", T0.plusSeconds(90), T0.plusSeconds(30)));

        // THEN nothing was written: it is still completed with an agent, with its disconnect time
        TrackedContact contact = bed.contact("c-2");
        assertThat(contact.state()).isEqualTo(ContactState.COMPLETED_AGENT);
        assertThat(contact.observation().orElseThrow().disconnectedAt()).isEqualTo(T0.plusSeconds(90));
        assertThat(contact.version()).isEqualTo(version);
    }

    @Test
    void anEventBeforeTheAnnouncementIsKeptAndTheAnnouncementPlacesTheContactWithoutAskingConnect() {
        // GIVEN a whole call's events before the flow log's Enable (the two travel by different paths)
        deliver(event("DISCONNECTED", "c-3", T0.plusSeconds(90), T0.plusSeconds(30)),
                event("CONNECTED_TO_AGENT", "c-3", T0.plusSeconds(30), T0.plusSeconds(30)));
        Map<String, AttributeValue> kept = pendingItem("c-3");
        assertThat(kept).doesNotContainKeys(ContactTable.STATE, ContactTable.REPORTING_DAY);
        assertThat(Long.parseLong(kept.get(ContactTable.EXPIRES_AT).n()))
                .isEqualTo(T0.plus(ContactEventIngestion.PENDING_EVENT_LIFETIME).getEpochSecond());

        // WHEN the Enable comes, and the recording is there after the call
        announce("c-3");
        HandlerTestBed.s3().putRecording(bed.bucket(), HandlerTestBed.PREFIX + "/2024/05/01/c-3_20240501T09:01_UTC.wav", 60);
        bed.clock().set(T0.plusSeconds(90).plus(RecordingChecker.UPLOAD_WAIT).plusSeconds(1));
        bed.runWorkflow();

        // THEN the contact was completed by its events, and checked, without one DescribeContact
        TrackedContact contact = bed.contact("c-3");
        assertThat(contact.recordingState()).isEqualTo(RecordingState.CALL_RECORDED_SUCCESS);
        assertThat(contact.observation().orElseThrow().connectedToAgentAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(connect().totalDescribeRequests()).isZero();
    }

    @Test
    void anEventForAContactNeverAnnouncedStaysOutOfEveryIndexAndExpires() {
        deliver(event("CONNECTED_TO_AGENT", "never", T0.plusSeconds(30), T0.plusSeconds(30)));

        assertThat(bed.store().find("never")).isEmpty();
        assertThat(bed.store().countNeedingWork(ContactState.INITIALISED)
                + bed.store().countNeedingWork(ContactState.IN_PROGRESS_AGENT)).isZero();
        assertThat(pendingItem("never")).containsKey(ContactTable.EXPIRES_AT);
    }

    @Test
    void recordingOffWhenTheAgentJoinedClosesTheContactAsIntentionallyNotRecorded() {
        // GIVEN a contact whose flow turned recording off before the agent joined
        bed.ingest(delivery().enable("c-4", "Both", T0.plusSeconds(5)).disable("c-4", T0.plusSeconds(10)));

        // WHEN the agent joins
        deliver(event("CONNECTED_TO_AGENT", "c-4", T0.plusSeconds(30), T0.plusSeconds(30)));

        // THEN it is closed, as DescribeContact would have closed it
        TrackedContact contact = bed.contact("c-4");
        assertThat(contact.state()).isEqualTo(ContactState.RECORDING_DISABLED);
        assertThat(contact.open()).isFalse();
    }

    @Test
    void badEventsAreLoggedAndCountedAndNeverFailTheBatch() {
        announce("c-5");
        String otherInstance = event("DISCONNECTED", "c-5", T0.plusSeconds(90), T0.plusSeconds(30))
                .replace(FlowLogDeliveries.INSTANCE_ID, "99999999-1111-1111-1111-111111111111");

        String[] response = new String[1];
        String logs = HandlerTestBed.logsOf(() -> response[0] = deliver("not json",
                otherInstance,
                event("QUEUED", "c-5", T0.plusSeconds(20), null),
                event("CONNECTED_TO_AGENT", "c-5", T0.plusSeconds(30), T0.plusSeconds(30)))
                .getBatchItemFailures().toString());

        assertThat(response[0]).isEqualTo("[]");
        assertThat(bed.contact("c-5").state()).isEqualTo(ContactState.IN_PROGRESS_AGENT);
        assertThat(logs).contains("\"eventRejected\":3")
                .contains("is not this detector's instance")
                .contains("eventType 'QUEUED' is not one the detector uses")
                .contains("not JSON");
    }

    @Test
    void aTableFailureReturnsExactlyTheContactsMessagesForRedelivery() {
        // GIVEN a function whose table is gone
        bed.with("CONTACT_TABLE_NAME", "no-such-table");

        // WHEN a batch with two good events and one rejected arrives
        SQSBatchResponse response = deliver(event("CONNECTED_TO_AGENT", "c-6", T0.plusSeconds(30), T0.plusSeconds(30)),
                "not json",
                event("DISCONNECTED", "c-6", T0.plusSeconds(90), T0.plusSeconds(30)));

        // THEN the good ones come back (SQS delivers them again), the rejected one does not
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m-1", "m-3");
    }

    @Test
    void thePollStepsLeaveAContactToItsEventsUntilTheyFallSilent() {
        // GIVEN a contact moved in progress by an event, whose DISCONNECTED is lost; Connect knows it ended
        connect().contact(FlowLogDeliveries.INSTANCE_ID, "c-7").initiatedAt(T0)
                .connectedToAgentAt(T0.plusSeconds(30), "agent-7").disconnectedAt(T0.plusSeconds(90));
        announce("c-7");
        deliver(event("CONNECTED_TO_AGENT", "c-7", T0.plusSeconds(30), T0.plusSeconds(30)));

        // WHEN the workflow runs within the silence, THEN Connect is not asked
        bed.clock().set(T0.plusSeconds(30).plus(Duration.ofMinutes(29)));
        bed.runWorkflow();
        assertThat(connect().describeCount("c-7")).isZero();
        assertThat(bed.contact("c-7").state()).isEqualTo(ContactState.IN_PROGRESS_AGENT);

        // WHEN it runs after the silence, THEN Connect is asked, and the contact completes: delayed, not lost
        bed.clock().set(T0.plusSeconds(30).plus(Duration.ofMinutes(31)));
        bed.runWorkflow();
        assertThat(connect().describeCount("c-7")).isEqualTo(1);
        assertThat(bed.contact("c-7").state()).isIn(ContactState.COMPLETED_AGENT);
    }

    @Test
    void anInitialisedContactWithoutEventsIsPolledOnlyOnceItIsOlderThanTheInitialisedSilence() {
        connect().contact(FlowLogDeliveries.INSTANCE_ID, "c-8").initiatedAt(T0)
                .connectedToAgentAt(T0.plusSeconds(30), "agent-7");
        announce("c-8");

        bed.clock().set(T0.plus(Duration.ofMinutes(9)));
        bed.runWorkflow();
        assertThat(connect().describeCount("c-8")).isZero();

        bed.clock().set(T0.plus(Duration.ofMinutes(11)));
        bed.runWorkflow();
        assertThat(connect().describeCount("c-8")).isEqualTo(1);
        assertThat(bed.contact("c-8").state()).isEqualTo(ContactState.IN_PROGRESS_AGENT);
    }

    @Test
    void aContactCompletedByItsEventsIsFirstSearchedOnceItsRecordingCanHaveUploaded() {
        // GIVEN a call completed by its DISCONNECTED event, whose recording uploads 90 s after the call
        announce("c-9");
        deliver(event("DISCONNECTED", "c-9", T0.plusSeconds(90), T0.plusSeconds(30)));
        String key = HandlerTestBed.PREFIX + "/2024/05/01/c-9_20240501T09:01_UTC.wav";

        // WHEN the check runs 30 s after the call, THEN it waits without listing the prefix
        bed.clock().set(T0.plusSeconds(120));
        long listings = bed.calls().operation("S3:ListObjectsV2");
        Map<String, Object> early = bed.checkHandler().handleRequest(Map.of(), FakeLambdaContext.withPlentyOfTime());
        assertThat(HandlerTestBed.outcomes(early)).isEqualTo("{awaitingRecording=1}");
        assertThat(bed.calls().operation("S3:ListObjectsV2")).isEqualTo(listings);

        // WHEN it runs after the upload wait, THEN one listing finds the recording
        HandlerTestBed.s3().putRecording(bed.bucket(), key, 60);
        bed.clock().set(T0.plusSeconds(90).plus(RecordingChecker.UPLOAD_WAIT).plusSeconds(1));
        Map<String, Object> later = bed.checkHandler().handleRequest(Map.of(), FakeLambdaContext.withPlentyOfTime());
        assertThat(HandlerTestBed.outcomes(later)).isEqualTo("{recorded=1}");
        assertThat(bed.calls().operation("S3:ListObjectsV2")).isEqualTo(listings + 1);
        assertThat(connect().totalDescribeRequests()).isZero();
    }

    private Map<String, AttributeValue> pendingItem(String contactId) {
        return dynamoDb().client().getItem(request -> request.tableName(bed.table())
                .key(Map.of(ContactTable.CONTACT_ID, AttributeValue.fromS(ContactTable.PENDING_EVENT_PREFIX
                        + contactId)))
                .consistentRead(true)).item();
    }
}

package io.github.recordingleakagedetector.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.recordingleakagedetector.runtime.lifecycle.BehaviourChange;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactSnapshot;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactState;
import io.github.recordingleakagedetector.runtime.lifecycle.Participant;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactStore;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingBehaviour;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingExpectation;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingEvidence;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingState;
import io.github.recordingleakagedetector.runtime.lifecycle.ReportedRecording;
import io.github.recordingleakagedetector.runtime.lifecycle.StoredRecording;
import io.github.recordingleakagedetector.runtime.lifecycle.Verdict;
import io.github.recordingleakagedetector.runtime.lifecycle.TrackedContact;
import io.github.recordingleakagedetector.runtime.testing.LocalDynamoDb;
import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DynamoDbContactStoreTest {
    private static final Instant T0 = Instant.parse("2024-05-01T09:00:00Z");
    private static LocalDynamoDb dynamoDb;
    private DynamoDbContactStore store;

    @BeforeAll
    static void startDynamoDb() {
        dynamoDb = LocalDynamoDb.start();
    }

    @AfterAll
    static void stopDynamoDb() {
        dynamoDb.close();
    }

    private String table;

    @BeforeEach
    void freshTable() {
        table = "contacts-" + UUID.randomUUID();
        dynamoDb.createContactTable(table);
        store = new DynamoDbContactStore(dynamoDb.client(), table);
    }

    private static RecordingExpectation expectation(Instant at) {
        return new RecordingExpectation(Set.of(Participant.AGENT, Participant.CUSTOMER), "Inbound", at);
    }

    private void insert(String contactId, Instant at) {
        assertThat(store.insertInitialised(contactId, "inst", expectation(at), at, at.plusSeconds(86_400))).isTrue();
    }

    @Test
    void readsEveryPageOldestFirstThroughTheIndex() {
        // GIVEN 250 initialised contacts (more than two query pages) inserted newest first
        for (int i = 249; i >= 0; i--) {
            insert(String.format("c-%03d", i), T0.plusSeconds(i));
        }

        // WHEN the store lists the contacts needing work
        List<String> ids = store.needingWork(ContactState.INITIALISED, T0.plusSeconds(250))
                .map(TrackedContact::contactId).toList();

        // THEN all of them come back, the longest-waiting first, and the count agrees
        assertThat(ids).hasSize(250).first().isEqualTo("c-000");
        assertThat(ids).last().isEqualTo("c-249");
        assertThat(ids).isSorted();
        assertThat(store.countNeedingWork(ContactState.INITIALISED)).isEqualTo(250);
    }

    @Test
    void readsOnlyContactsChangedBeforeTheGivenInstant() {
        // GIVEN contacts changed at T0, T0+1 s and T0+2 s
        insert("c-0", T0);
        insert("c-1", T0.plusSeconds(1));
        insert("c-2", T0.plusSeconds(2));

        // WHEN a run that started at T0+2 s reads, THEN the contact changed at its start is not among them
        assertThat(store.needingWork(ContactState.INITIALISED, T0.plusSeconds(2)).map(TrackedContact::contactId))
                .containsExactly("c-0", "c-1");
        assertThat(store.countNeedingWork(ContactState.INITIALISED)).isEqualTo(3);
    }

    @Test
    void aSecondInsertOfTheSameContactIsRefused() {
        insert("c-1", T0);

        assertThat(store.insertInitialised("c-1", "inst", expectation(T0.plusSeconds(5)), T0, T0)).isFalse();
        assertThat(store.find("c-1").orElseThrow().behaviour().lastChangeAt()).isEqualTo(T0);
    }

    @Test
    void aWriterHoldingAnOldVersionLosesTheRace() {
        // GIVEN two runs that read the same initialised contact
        insert("c-1", T0);
        TrackedContact readByRunA = store.find("c-1").orElseThrow();
        TrackedContact readByRunB = store.find("c-1").orElseThrow();
        ContactSnapshot queued = new ContactSnapshot(T0, null, null, null, "q", "VOICE", "INBOUND", null, null, List.of());
        ContactSnapshot agent = new ContactSnapshot(T0, T0.plusSeconds(30), null, "a", "q", "VOICE", "INBOUND", null, null,
                List.of());

        // WHEN run B moves it first and run A then tries with its stale copy
        boolean movedByB = store.recordObservation(readByRunB, ContactState.IN_PROGRESS_AGENT, agent, T0.plusSeconds(31));
        boolean movedByA = store.recordObservation(readByRunA, ContactState.IN_PROGRESS_QUEUE_IVR, queued,
                T0.plusSeconds(32));

        // THEN only B's write stands
        assertThat(movedByB).isTrue();
        assertThat(movedByA).isFalse();
        TrackedContact stored = store.find("c-1").orElseThrow();
        assertThat(stored.state()).isEqualTo(ContactState.IN_PROGRESS_AGENT);
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.observed().agentId()).isEqualTo("a");
    }

    @Test
    void aVerdictTakesTheContactOutOfTheWorkIndex() {
        insert("c-1", T0);
        ReportedRecording reported = new ReportedRecording("bucket/key.wav", "AVAILABLE", "AGENT",
                T0.plusSeconds(30), T0.plusSeconds(90), null);
        ContactSnapshot done = new ContactSnapshot(T0, T0.plusSeconds(30), T0.plusSeconds(90), "a", "q", "VOICE",
                "TRANSFER", "c-0", "c-00", List.of(reported));
        store.recordObservation(store.find("c-1").orElseThrow(), ContactState.COMPLETED_AGENT, done, T0.plusSeconds(91));
        assertThat(store.countNeedingWork(ContactState.COMPLETED_AGENT)).isEqualTo(1);
        RecordingEvidence evidence = new RecordingEvidence(List.of(new StoredRecording("key.wav", 1_920_044)), 60.0,
                RecordingEvidence.MEASURED_BY_CONNECT, 60.0, null);

        boolean recorded = store.recordVerdict(store.find("c-1").orElseThrow(),
                new Verdict(RecordingState.CALL_RECORDED_SUCCESS, evidence), List.of("s3://x"), T0.plusSeconds(120));

        assertThat(recorded).isTrue();
        assertThat(store.countNeedingWork(ContactState.COMPLETED_AGENT)).isZero();
        TrackedContact closed = store.find("c-1").orElseThrow();
        assertThat(closed.recordingState()).isEqualTo(RecordingState.CALL_RECORDED_SUCCESS);
        assertThat(closed.evidence()).isEqualTo(evidence);
        assertThat(closed.updatedAt()).isNull();
        assertThat(closed.observed().recordings()).containsExactly(reported);
        assertThat(closed.observed().initialContactId()).isEqualTo("c-00");
    }

    @Test
    void aClaimedAlertStaysInTheIndexUntilItIsConfirmed() {
        insert("c-1", T0);
        ContactSnapshot done = new ContactSnapshot(T0, T0.plusSeconds(30), T0.plusSeconds(90), "a", "q", "VOICE",
                "INBOUND", null, null, List.of());
        store.recordObservation(store.find("c-1").orElseThrow(), ContactState.COMPLETED_AGENT, done, T0.plusSeconds(91));
        Instant claimedAt = T0.plusSeconds(2_000);

        assertThat(store.recordVerdict(store.find("c-1").orElseThrow(), new Verdict(RecordingState.CALL_RECORDED_FAILURE,
                RecordingEvidence.none(60.0)), List.of("s3://b/p*"), claimedAt)).isTrue();
        TrackedContact pending = store.find("c-1").orElseThrow();
        assertThat(pending.alertPendingSince()).isEqualTo(claimedAt);
        assertThat(store.countNeedingWork(ContactState.COMPLETED_AGENT)).isEqualTo(1);

        assertThat(store.closeAfterAlert("c-1", claimedAt.plusSeconds(1), claimedAt.plusSeconds(2))).isFalse();
        assertThat(store.closeAfterAlert("c-1", claimedAt, claimedAt.plusSeconds(2))).isTrue();
        TrackedContact closed = store.find("c-1").orElseThrow();
        assertThat(closed.recordingState()).isEqualTo(RecordingState.CALL_RECORDED_FAILURE);
        assertThat(closed.alertPendingSince()).isNull();
        assertThat(closed.searchedLocations()).containsExactly("s3://b/p*");
        assertThat(closed.evidence()).isEqualTo(RecordingEvidence.none(60.0));
        assertThat(store.countNeedingWork(ContactState.COMPLETED_AGENT)).isZero();
    }

    @Test
    void anItemWrittenWithLocationsOnlyReadsThemAsAvailableRecordings() {
        insert("c-1", T0);
        dynamoDb.client().updateItem(r -> r.tableName(table).key(java.util.Map.of("ContactId", AttributeValue.fromS("c-1")))
                .updateExpression("SET LastDescribedAt = :t, RecordingLocations = :l")
                .expressionAttributeValues(java.util.Map.of(":t", AttributeValue.fromS(T0.toString()),
                        ":l", AttributeValue.fromL(List.of(AttributeValue.fromS("bucket/old.wav"))))));

        assertThat(store.find("c-1").orElseThrow().observed().recordingLocations()).containsExactly("bucket/old.wav");
    }

    @Test
    void deleteIsConditionalOnTheVersionRead() {
        insert("c-1", T0);
        TrackedContact stale = store.find("c-1").orElseThrow();
        store.recordNotFound(stale, "not yet", T0.plusSeconds(1));

        assertThat(store.delete(stale)).isFalse();
        assertThat(store.delete(store.find("c-1").orElseThrow())).isTrue();
        assertThat(store.find("c-1")).isEmpty();
    }

    @Test
    void theIndexServesTheLatestVersionAfterABehaviourChange() {
        // GIVEN an open contact whose behaviour history changes without a state change
        insert("c-1", T0);
        TrackedContact read = store.find("c-1").orElseThrow();
        RecordingBehaviour withDisable = read.behaviour().with(BehaviourChange.disabled(T0.plusSeconds(30)));
        assertThat(store.changeBehaviour(read, withDisable, ContactStore.BehaviourTransition.KEEP, "",
                T0.plusSeconds(31)))
                .isTrue();

        // WHEN a step reads it through the index, THEN it sees the new version, so its conditional write can succeed
        TrackedContact indexed = store.needingWork(ContactState.INITIALISED, T0.plusSeconds(60)).findFirst().orElseThrow();
        assertThat(indexed.version()).isEqualTo(2);
        assertThat(indexed.behaviour()).isEqualTo(withDisable);
    }

    @Test
    void readsEveryPageWhenManyContactsChangedInTheSameMillisecond() {
        // GIVEN 250 contacts changed at the same instant (a step writes its whole batch at one clock reading)
        for (int i = 0; i < 250; i++) {
            insert(String.format("t-%03d", i), T0);
        }

        // WHEN they are read through the index, page by page, THEN none is skipped at a page boundary
        assertThat(store.needingWork(ContactState.INITIALISED, T0.plusSeconds(1)).map(TrackedContact::contactId))
                .hasSize(250).doesNotHaveDuplicates();
    }

    @Test
    void aContactFirstNotFoundThenDescribedStaysInTheIndex() {
        insert("c-1", T0);
        assertThat(store.recordNotFound(store.find("c-1").orElseThrow(), "not yet", T0.plusSeconds(300))).isTrue();
        ContactSnapshot agent = new ContactSnapshot(T0, T0.plusSeconds(30), null, "a", "q", "VOICE", "TRANSFER", "c-0",
                "c-0", List.of());
        assertThat(store.recordObservation(store.find("c-1").orElseThrow(), ContactState.IN_PROGRESS_AGENT, agent,
                T0.plusSeconds(600))).isTrue();

        assertThat(store.needingWork(ContactState.IN_PROGRESS_AGENT, T0.plusSeconds(900)).map(TrackedContact::contactId))
                .containsExactly("c-1");
        assertThat(store.needingWork(ContactState.INITIALISED, T0.plusSeconds(900))).isEmpty();
    }

    /** An item as written before every behaviour change was kept: only the latest change's participants and time. */
    private void putItemWithoutBehaviourHistory(String contactId, String state, List<String> participants) {
        java.util.Map<String, AttributeValue> item = new java.util.HashMap<>(java.util.Map.of(
                "ContactId", AttributeValue.fromS(contactId),
                "InstanceId", AttributeValue.fromS("inst"),
                "State", AttributeValue.fromS(state),
                "Version", AttributeValue.fromN("3"),
                "CreatedAt", AttributeValue.fromS(T0.toString()),
                "UpdatedAt", AttributeValue.fromN(Long.toString(T0.toEpochMilli())),
                "RecordingBehaviourSetAt", AttributeValue.fromS(T0.minusSeconds(5).toString())));
        if (!participants.isEmpty()) {
            item.put("RecordedParticipants", AttributeValue.fromSs(participants));
        }
        dynamoDb.client().putItem(r -> r.tableName(table).item(item));
    }

    @Test
    void anItemWithoutABehaviourHistoryIsReadAsTheOneChangeItRecorded() {
        // GIVEN items of the older shape: an enabled one with its participants, a disabled one without
        putItemWithoutBehaviourHistory("enabled", "INITIALISED", List.of("AGENT"));
        putItemWithoutBehaviourHistory("disabled", "RECORDING_DISABLED", List.of());

        // WHEN they are read
        TrackedContact enabled = store.find("enabled").orElseThrow();
        TrackedContact disabled = store.find("disabled").orElseThrow();

        // THEN each holds one change at RecordingBehaviourSetAt, and the behaviour questions have answers
        assertThat(enabled.behaviour().changes())
                .containsExactly(new BehaviourChange(T0.minusSeconds(5), Set.of(Participant.AGENT)));
        assertThat(enabled.behaviour().lastChangeAt()).isEqualTo(T0.minusSeconds(5));
        assertThat(enabled.behaviour().expectsRecordingWithAgentAt(T0)).isTrue();
        assertThat(disabled.behaviour().changes()).containsExactly(BehaviourChange.disabled(T0.minusSeconds(5)));
        assertThat(disabled.behaviour().mayExpectRecording()).isFalse();
    }
}

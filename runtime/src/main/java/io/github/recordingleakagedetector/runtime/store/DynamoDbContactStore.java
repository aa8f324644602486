package io.github.recordingleakagedetector.runtime.store;

import static io.github.recordingleakagedetector.runtime.store.Items.epochMillis;
import static io.github.recordingleakagedetector.runtime.store.Items.instant;
import static io.github.recordingleakagedetector.runtime.store.Items.number;
import static io.github.recordingleakagedetector.runtime.store.Items.text;
import static io.github.recordingleakagedetector.runtime.store.Items.textOrNull;

import io.github.recordingleakagedetector.runtime.lifecycle.BehaviourChange;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactSnapshot;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactState;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactStore;
import io.github.recordingleakagedetector.runtime.lifecycle.Participant;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingBehaviour;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingExpectation;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingEvidence;
import io.github.recordingleakagedetector.runtime.lifecycle.SeenRecording;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactVerdict;
import io.github.recordingleakagedetector.runtime.lifecycle.TrackedContact;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The contact table in DynamoDB. Reads go through the sparse {@link ContactTable#STATE_INDEX} (never a scan);
 * writes are conditional on the version read, so concurrent runs cannot overwrite each other. A failed condition
 * is reported as {@code false}; any other DynamoDB error propagates and fails the invocation.
 */
public final class DynamoDbContactStore implements ContactStore {
    private static final int PAGE_SIZE = 100;

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final ZoneId reportingTimeZone;

    /** A store whose contacts' reporting days are UTC days. */
    public DynamoDbContactStore(DynamoDbClient dynamoDb, String tableName) {
        this(dynamoDb, tableName, ZoneOffset.UTC);
    }

    /** A store that files each contact under its day in {@code reportingTimeZone} (the centre's day). */
    public DynamoDbContactStore(DynamoDbClient dynamoDb, String tableName, ZoneId reportingTimeZone) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.reportingTimeZone = reportingTimeZone;
    }

    @Override
    public Optional<TrackedContact> find(String contactId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder()
                .tableName(tableName)
                .key(Map.of(ContactTable.CONTACT_ID, text(contactId)))
                .consistentRead(true)
                .build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Items.toContact(item));
    }

    @Override
    public Stream<TrackedContact> needingWork(ContactState state, Instant changedBefore) {
        QueryRequest query = QueryRequest.builder()
                .tableName(tableName)
                .indexName(ContactTable.STATE_INDEX)
                .keyConditionExpression("#state = :state AND #updated < :before")
                .expressionAttributeNames(Map.of("#state", ContactTable.STATE, "#updated", ContactTable.UPDATED_AT))
                .expressionAttributeValues(Map.of(":state", text(state.value()), ":before", epochMillis(changedBefore)))
                .scanIndexForward(true)
                .limit(PAGE_SIZE)
                .build();
        return dynamoDb.queryPaginator(query).items().stream().map(Items::toContact);
    }

    @Override
    public Stream<TrackedContact> ofReportingDay(LocalDate day) {
        QueryRequest query = QueryRequest.builder()
                .tableName(tableName)
                .indexName(ContactTable.REPORTING_DAY_INDEX)
                .keyConditionExpression("#day = :day")
                .expressionAttributeNames(Map.of("#day", ContactTable.REPORTING_DAY))
                .expressionAttributeValues(Map.of(":day", text(day.toString())))
                .limit(PAGE_SIZE)
                .build();
        return dynamoDb.queryPaginator(query).items().stream().map(Items::toContact);
    }

    @Override
    public Map<LocalDate, Long> openByReportingDay() {
        Map<LocalDate, Long> open = new TreeMap<>();
        for (ContactState state : ContactState.values()) {
            QueryRequest query = QueryRequest.builder()
                    .tableName(tableName)
                    .indexName(ContactTable.STATE_INDEX)
                    .keyConditionExpression("#state = :state")
                    .projectionExpression("#day")
                    .expressionAttributeNames(Map.of("#state", ContactTable.STATE, "#day", ContactTable.REPORTING_DAY))
                    .expressionAttributeValues(Map.of(":state", text(state.value())))
                    .build();
            dynamoDb.queryPaginator(query).items().stream()
                    .filter(item -> item.containsKey(ContactTable.REPORTING_DAY))
                    .forEach(item -> open.merge(LocalDate.parse(item.get(ContactTable.REPORTING_DAY).s()), 1L,
                            Long::sum));
        }
        return open;
    }

    @Override
    public long countNeedingWork(ContactState state) {
        QueryRequest count = QueryRequest.builder()
                .tableName(tableName)
                .indexName(ContactTable.STATE_INDEX)
                .keyConditionExpression("#state = :state")
                .expressionAttributeNames(Map.of("#state", ContactTable.STATE))
                .expressionAttributeValues(Map.of(":state", text(state.value())))
                .select(Select.COUNT)
                .build();
        return dynamoDb.queryPaginator(count).stream().mapToLong(QueryResponse::count).sum();
    }

    @Override
    public boolean insertInitialised(String contactId, String instanceId, RecordingExpectation expectation,
            Instant now, Instant expiresAt) {
        Map<String, AttributeValue> item = newItem(contactId, instanceId, ContactState.INITIALISED, now, expiresAt,
                RecordingBehaviour.of(List.of(BehaviourChange.enabled(expectation))));
        item.put(ContactTable.REPORTING_DAY, reportingDay(expectation.setAt()));
        item.put(ContactTable.UPDATED_AT, epochMillis(now));
        putIfPresent(item, ContactTable.CONTACT_FLOW_NAME, textOrNull(expectation.contactFlowName()));
        return putIfAbsent(item);
    }

    @Override
    public boolean insertRecordingDisabled(String contactId, String instanceId, Instant disabledAt, Instant now,
            Instant expiresAt) {
        Map<String, AttributeValue> item = newItem(contactId, instanceId, ContactState.RECORDING_DISABLED, now, expiresAt,
                RecordingBehaviour.of(List.of(BehaviourChange.disabled(disabledAt))));
        item.put(ContactTable.REPORTING_DAY, reportingDay(disabledAt));
        item.put(ContactTable.CLOSED_AT, instant(now));
        return putIfAbsent(item);
    }

    @Override
    public boolean changeBehaviour(TrackedContact current, RecordingBehaviour behaviour,
            BehaviourTransition transition, String contactFlowName, Instant now) {
        ConditionalUpdate update = behaviour(new ConditionalUpdate().expectVersion(current.version()), behaviour)
                .setIfPresent(ContactTable.CONTACT_FLOW_NAME, textOrNull(contactFlowName));
        switch (transition) {
            case CLOSE_AS_DISABLED -> close(update, now).set(ContactTable.STATE,
                    text(ContactState.RECORDING_DISABLED.value()));
            case REOPEN -> update.set(ContactTable.STATE, text(ContactState.INITIALISED.value()))
                    .set(ContactTable.UPDATED_AT, epochMillis(now))
                    .remove(ContactTable.CLOSED_AT);
            case KEEP -> { }
        }
        return update(current.contactId(), update);
    }

    @Override
    public boolean recordObservation(TrackedContact current, ContactState next, ContactSnapshot seen, Instant now) {
        ConditionalUpdate update = snapshotFields(new ConditionalUpdate()
                .expectVersion(current.version())
                .set(ContactTable.STATE, text(next.value()))
                .set(ContactTable.LAST_DESCRIBED_AT, instant(now)), seen)
                .set(ContactTable.REPORTED_RECORDINGS, Items.reportedRecordings(seen.recordings()))
                .remove(ContactTable.RECORDING_LOCATIONS)
                .remove(ContactTable.LAST_DESCRIBE_ERROR);
        return update(current.contactId(), closeOrRequeue(update, next, now));
    }

    @Override
    public boolean recordEvent(TrackedContact current, ContactState next, ContactSnapshot merged, Instant eventAt,
            Instant now) {
        ConditionalUpdate update = new ConditionalUpdate()
                .expectVersion(current.version())
                .set(ContactTable.STATE, text(next.value()))
                .set(ContactTable.LAST_EVENT_AT, instant(eventAt));
        snapshotFields(update, merged);
        return update(current.contactId(), closeOrRequeue(update, next, now));
    }

    @Override
    public boolean recordSeenRecordings(TrackedContact current, List<SeenRecording> seen) {
        return update(current.contactId(), new ConditionalUpdate()
                .expectVersion(current.version())
                .set(ContactTable.SEEN_RECORDINGS, Items.seenRecordings(seen)));
    }

    /**
     * {@code RECORDING_DISABLED} closes the contact (it reached an agent while recording was off); any other state
     * keeps it in the work index, at the back of the queue.
     */
    private static ConditionalUpdate closeOrRequeue(ConditionalUpdate update, ContactState next, Instant now) {
        return next == ContactState.RECORDING_DISABLED
                ? close(update, now)
                : update.set(ContactTable.UPDATED_AT, epochMillis(now));
    }

    @Override
    public void keepPendingEvent(String contactId, ContactSnapshot said, Instant eventAt, Instant expiresAt) {
        ConditionalUpdate update = new ConditionalUpdate();
        // if_not_exists: the first value kept wins, whatever order the events come in
        snapshotAttributes(said).forEach((attribute, value) -> {
            if (value != null) {
                update.setIfAbsent(attribute, value);
            }
        });
        update.set(ContactTable.LAST_EVENT_AT, instant(eventAt))
                .set(ContactTable.EXPIRES_AT, Items.epochSeconds(expiresAt));
        dynamoDb.updateItem(update.toRequest(tableName, ContactTable.PENDING_EVENT_PREFIX + contactId));
    }

    @Override
    public Optional<PendingEvent> pendingEvent(String contactId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder()
                .tableName(tableName)
                .key(Map.of(ContactTable.CONTACT_ID, text(ContactTable.PENDING_EVENT_PREFIX + contactId)))
                .consistentRead(true)
                .build()).item();
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.of(new PendingEvent(Items.snapshotOf(item), Items.instantOf(item, ContactTable.LAST_EVENT_AT)));
    }

    /** The contact's fields as Connect gave them; absent ones are left as they are. */
    private static ConditionalUpdate snapshotFields(ConditionalUpdate update, ContactSnapshot seen) {
        snapshotAttributes(seen).forEach(update::setIfPresent);
        return update;
    }

    /** The table attribute of each of the contact's fields, null where the snapshot has none. */
    private static Map<String, AttributeValue> snapshotAttributes(ContactSnapshot seen) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        attributes.put(ContactTable.INITIATION_TIMESTAMP, instant(seen.initiatedAt()));
        attributes.put(ContactTable.CONNECTED_TO_AGENT_TIMESTAMP, instant(seen.connectedToAgentAt()));
        attributes.put(ContactTable.DISCONNECT_TIMESTAMP, instant(seen.disconnectedAt()));
        attributes.put(ContactTable.AGENT_ID, textOrNull(seen.agentId()));
        attributes.put(ContactTable.QUEUE_ID, textOrNull(seen.queueId()));
        attributes.put(ContactTable.CHANNEL, textOrNull(seen.channel()));
        attributes.put(ContactTable.INITIATION_METHOD, textOrNull(seen.initiationMethod()));
        attributes.put(ContactTable.PREVIOUS_CONTACT_ID, textOrNull(seen.previousContactId()));
        attributes.put(ContactTable.INITIAL_CONTACT_ID, textOrNull(seen.initialContactId()));
        return attributes;
    }

    @Override
    public boolean recordNotFound(TrackedContact current, String error, Instant now) {
        return update(current.contactId(), describeError(current, error, now)
                .set(ContactTable.DESCRIBE_NOT_FOUND_COUNT, number(current.describeNotFoundCount() + 1L)));
    }

    @Override
    public boolean recordRejected(TrackedContact current, String error, Instant now) {
        return update(current.contactId(), describeError(current, error, now));
    }

    /** Keeps the error for the unverifiable alert; the new UpdatedAt sends the contact to the back of the queue. */
    private static ConditionalUpdate describeError(TrackedContact current, String error, Instant now) {
        return new ConditionalUpdate()
                .expectVersion(current.version())
                .set(ContactTable.LAST_DESCRIBE_ERROR, text(error))
                .set(ContactTable.UPDATED_AT, epochMillis(now));
    }

    @Override
    public boolean recordVerdict(TrackedContact current, ContactVerdict verdict, List<String> searched, Instant now) {
        ConditionalUpdate update = new ConditionalUpdate()
                .expectVersion(current.version())
                .set(ContactTable.SEARCHED_LOCATIONS, Items.textList(searched));
        if (verdict.agent() != null) {
            RecordingEvidence evidence = verdict.agent().evidence();
            update.set(ContactTable.RECORDING_STATE, text(verdict.agent().state().name()))
                    .set(ContactTable.RECORDING_FILES, Items.files(evidence.files()))
                    .setIfPresent(ContactTable.RECORDING_KEY, evidence.files().isEmpty() ? null
                            : text(evidence.files().get(0).key()))
                    .setIfPresent(ContactTable.RECORDED_SECONDS, Items.decimal(evidence.recordedSeconds()))
                    .setIfPresent(ContactTable.RECORDED_SECONDS_MEASURED_BY, textOrNull(evidence.measuredBy()))
                    .setIfPresent(ContactTable.AGENT_LEG_SECONDS, Items.decimal(evidence.agentLegSeconds()))
                    .setIfPresent(ContactTable.DELETION_REASON, textOrNull(evidence.deletionReason()));
        }
        if (verdict.ivr() != null) {
            update.set(ContactTable.IVR_RECORDING_STATE, text(verdict.ivr().state().name()))
                    .set(ContactTable.IVR_RECORDING_FILES, Items.files(verdict.ivr().files()));
        }
        if (verdict.leak()) {
            update.set(ContactTable.ALERT_PENDING_SINCE, instant(now)).set(ContactTable.UPDATED_AT, epochMillis(now));
        } else {
            close(update, now);
        }
        return update(current.contactId(), update);
    }

    @Override
    public boolean claimUnverifiable(TrackedContact current, String reason, Instant now) {
        return update(current.contactId(), new ConditionalUpdate()
                .expectVersion(current.version())
                .set(ContactTable.STATE, text(ContactState.UNVERIFIABLE.value()))
                .set(ContactTable.UNVERIFIABLE_REASON, text(reason))
                .set(ContactTable.ALERT_PENDING_SINCE, instant(now))
                .set(ContactTable.UPDATED_AT, epochMillis(now)));
    }

    @Override
    public boolean reclaimPendingAlert(TrackedContact current, Instant now) {
        return update(current.contactId(), new ConditionalUpdate()
                .expectVersion(current.version())
                .set(ContactTable.ALERT_PENDING_SINCE, instant(now))
                .set(ContactTable.UPDATED_AT, epochMillis(now)));
    }

    @Override
    public boolean closeAfterAlert(String contactId, Instant claimedAt, Instant now) {
        return update(contactId, close(new ConditionalUpdate(), now)
                .expect(ContactTable.ALERT_PENDING_SINCE, instant(claimedAt))
                .incrementVersion()
                .set(ContactTable.ALERTED_AT, instant(now))
                .remove(ContactTable.ALERT_PENDING_SINCE));
    }

    @Override
    public boolean delete(TrackedContact current) {
        try {
            dynamoDb.deleteItem(DeleteItemRequest.builder()
                    .tableName(tableName)
                    .key(Map.of(ContactTable.CONTACT_ID, text(current.contactId())))
                    .conditionExpression("#version = :version")
                    .expressionAttributeNames(Map.of("#version", ContactTable.VERSION))
                    .expressionAttributeValues(Map.of(":version", number(current.version())))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean closeAsNotApplicable(TrackedContact current, Instant now) {
        return update(current.contactId(), close(new ConditionalUpdate().expectVersion(current.version()), now));
    }

    private AttributeValue reportingDay(Instant instant) {
        return text(instant.atZone(reportingTimeZone).toLocalDate().toString());
    }

    /** Takes the contact out of the work index: nothing further will read it. */
    private static ConditionalUpdate close(ConditionalUpdate update, Instant now) {
        return update.set(ContactTable.CLOSED_AT, instant(now)).remove(ContactTable.UPDATED_AT);
    }

    /** The behaviour history, with the latest change and the recorded participants beside it for readers. */
    private static ConditionalUpdate behaviour(ConditionalUpdate update, RecordingBehaviour behaviour) {
        update.set(ContactTable.RECORDING_BEHAVIOUR, Items.behaviour(behaviour))
                .set(ContactTable.BEHAVIOUR_SET_AT, instant(behaviour.lastChangeAt()));
        Set<Participant> participants = behaviour.recordedParticipants(null);
        return participants.isEmpty()
                ? update.remove(ContactTable.RECORDED_PARTICIPANTS)
                : update.set(ContactTable.RECORDED_PARTICIPANTS, Items.participants(participants));
    }

    private static Map<String, AttributeValue> newItem(String contactId, String instanceId, ContactState state,
            Instant now, Instant expiresAt, RecordingBehaviour behaviour) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ContactTable.CONTACT_ID, text(contactId));
        item.put(ContactTable.INSTANCE_ID, text(instanceId));
        item.put(ContactTable.STATE, text(state.value()));
        item.put(ContactTable.VERSION, number(1));
        item.put(ContactTable.CREATED_AT, instant(now));
        item.put(ContactTable.EXPIRES_AT, Items.epochSeconds(expiresAt));
        item.put(ContactTable.RECORDING_BEHAVIOUR, Items.behaviour(behaviour));
        item.put(ContactTable.BEHAVIOUR_SET_AT, instant(behaviour.lastChangeAt()));
        Set<Participant> participants = behaviour.recordedParticipants(null);
        if (!participants.isEmpty()) {
            item.put(ContactTable.RECORDED_PARTICIPANTS, Items.participants(participants));
        }
        return item;
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String attribute, AttributeValue value) {
        if (value != null) {
            item.put(attribute, value);
        }
    }

    private boolean putIfAbsent(Map<String, AttributeValue> item) {
        try {
            dynamoDb.putItem(PutItemRequest.builder()
                    .tableName(tableName)
                    .item(item)
                    .conditionExpression("attribute_not_exists(#id)")
                    .expressionAttributeNames(Map.of("#id", ContactTable.CONTACT_ID))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private boolean update(String contactId, ConditionalUpdate update) {
        UpdateItemRequest request = update.toRequest(tableName, contactId);
        try {
            dynamoDb.updateItem(request);
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}

package io.github.recordingleakagedetector.runtime.lifecycle;

import io.github.recordingleakagedetector.runtime.log.JsonLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns flow-log events into tracked contacts. Delivery is at least once and not ordered across batches, so every
 * write is conditional and each contact keeps the whole history of its recording-behaviour changes, ordered by the
 * block's timestamp, never by arrival: the behaviour in force when the agent joined decides (see
 * {@link RecordingBehaviour}). Different contacts are written concurrently (each event costs one to three
 * sequential table requests); one contact's events go in arrival order on one worker, since they would only race
 * each other's conditional writes.
 */
public final class FlowLogIngestion {
    private static final JsonLog LOG = JsonLog.of(FlowLogIngestion.class);
    private static final int ATTEMPTS_PER_EVENT = 3;

    private final ContactStore store;
    private final Duration retention;
    private final int concurrency;
    private final Clock clock;
    private final ContactEventIngestion contactEvents;

    public FlowLogIngestion(ContactStore store, Duration retention, int concurrency, Clock clock) {
        this(store, retention, concurrency, clock, null);
    }

    /**
     * @param contactEvents with contact events on, applies what events said of a contact before its announcement
     *     (null when they are off)
     */
    public FlowLogIngestion(ContactStore store, Duration retention, int concurrency, Clock clock,
            ContactEventIngestion contactEvents) {
        this.store = store;
        this.retention = retention;
        this.concurrency = concurrency;
        this.clock = clock;
        this.contactEvents = contactEvents;
    }

    /**
     * Applies a batch. A table failure is thrown once every contact's events were tried, so that the batch is
     * delivered again (applying it twice changes nothing).
     */
    public RunSummary ingest(List<FlowLogRecord> records) {
        RunSummary summary = new RunSummary("ingest");
        Map<String, List<RecordingBehaviourEvent.ContactChange>> byContact = new LinkedHashMap<>();
        Instant receivedAt = clock.instant();
        for (FlowLogRecord record : records) {
            summary.read();
            try {
                if (FlowLogInterpreter.interpret(record, receivedAt) instanceof RecordingBehaviourEvent.ContactChange change) {
                    byContact.computeIfAbsent(withinRetention(change, receivedAt).contactId(), id -> new ArrayList<>())
                            .add(change);
                } else {
                    summary.count(Outcome.IGNORED);
                }
            } catch (MalformedFlowLogException e) {
                LOG.warn("flowlog.malformed", "logEventId", record.id(), "reason", e.getMessage(),
                        "message", record.message());
                summary.count(Outcome.SKIPPED);
            }
        }
        try (WorkerPool workers = WorkerPool.of(concurrency)) {
            // Each contact's events in order on one worker; every contact is tried even after one fails.
            byContact.values().forEach(events -> workers.submit(() -> events.forEach(event -> summary.count(apply(event)))));
            workers.awaitAll();
        }
        return summary;
    }

    /** A change older than the retention would be written already expired: nothing could verify it. */
    private RecordingBehaviourEvent.ContactChange withinRetention(RecordingBehaviourEvent.ContactChange change,
            Instant receivedAt) {
        if (!change.at().plus(retention).isAfter(receivedAt)) {
            throw new MalformedFlowLogException("block time " + change.at() + " is older than the contact retention ("
                    + retention.toDays() + " days)");
        }
        return change;
    }

    private Outcome apply(RecordingBehaviourEvent.ContactChange event) {
        return event instanceof RecordingBehaviourEvent.Enabled enabled
                ? enable(enabled)
                : disable((RecordingBehaviourEvent.Disabled) event);
    }

    private Outcome enable(RecordingBehaviourEvent.Enabled event) {
        Instant now = clock.instant();
        Instant expiresAt = event.expectation().setAt().plus(retention);
        for (int attempt = 0; attempt < ATTEMPTS_PER_EVENT; attempt++) {
            if (store.insertInitialised(event.contactId(), event.instanceId(), event.expectation(), now, expiresAt)) {
                LOG.info("contact.initialised", "contactId", event.contactId(), "instanceId", event.instanceId(),
                        "participants", event.expectation().participants().toString(),
                        "contactFlowName", event.expectation().contactFlowName());
                if (contactEvents != null) {
                    // Its contact events may have come first: they place it without asking Connect.
                    contactEvents.applyPending(event.contactId());
                }
                return Outcome.INITIALISED;
            }
            Optional<Outcome> outcome = recordChange(event.contactId(), BehaviourChange.enabled(event.expectation()),
                    event.expectation().contactFlowName(), now);
            if (outcome.isPresent()) {
                return outcome.get();
            }
        }
        throw keptChanging(event.contactId());
    }

    private Outcome disable(RecordingBehaviourEvent.Disabled event) {
        Instant now = clock.instant();
        for (int attempt = 0; attempt < ATTEMPTS_PER_EVENT; attempt++) {
            if (store.insertRecordingDisabled(event.contactId(), event.instanceId(), event.at(), now,
                    event.at().plus(retention))) {
                LOG.info("contact.disabled", "contactId", event.contactId(), "tracked", false);
                return Outcome.DISABLE_REMEMBERED;
            }
            Optional<Outcome> outcome = recordChange(event.contactId(), BehaviourChange.disabled(event.at()), "", now);
            if (outcome.isPresent()) {
                return outcome.get();
            }
        }
        throw keptChanging(event.contactId());
    }

    /**
     * A change that cannot be written must not be dropped: one lost Disable or Enable changes the verdict. The batch
     * fails, and is delivered again once the contact has settled (applying it twice changes nothing).
     */
    private static IllegalStateException keptChanging(String contactId) {
        return new IllegalStateException("Contact " + contactId + " changed on every one of " + ATTEMPTS_PER_EVENT
                + " attempts to record its recording-behaviour change; failing the batch so that it is delivered "
                + "again");
    }

    /**
     * Adds a change to an existing contact's behaviour history and applies what it implies; empty when the contact
     * changed (or vanished) meanwhile and the attempt must be repeated. A contact first seen through a Disable gets
     * the name of the flow that enabled recording from the first Enable.
     */
    private Optional<Outcome> recordChange(String contactId, BehaviourChange change, String flowName, Instant now) {
        Optional<TrackedContact> found = store.find(contactId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        TrackedContact current = found.get();
        if (current.behaviour().contains(change) || current.decided()) {
            LOG.info("contact.duplicate", "contactId", contactId, "state", current.state().value());
            return Optional.of(Outcome.DUPLICATES);
        }
        RecordingBehaviour behaviour = current.behaviour().with(change);
        ContactStore.BehaviourTransition transition = transition(current, behaviour);
        String newFlowName = current.contactFlowName().isEmpty() ? flowName : "";
        if (!store.changeBehaviour(current, behaviour, transition, newFlowName, now)) {
            return Optional.empty();
        }
        LOG.info("contact.behaviourChanged", "contactId", contactId, "recording", change.enables(),
                "at", change.at().toString(), "transition", transition.name());
        return Optional.of(switch (transition) {
            case REOPEN -> Outcome.INITIALISED;
            case CLOSE_AS_DISABLED -> Outcome.DISABLED;
            case KEEP -> Outcome.UPDATED;
        });
    }

    /**
     * Once an agent has joined, the behaviour in force at that moment decides; before that, an open contact stays
     * open (the poller decides when the agent joins) and a closed one reopens if any change enables recording.
     */
    private static ContactStore.BehaviourTransition transition(TrackedContact current, RecordingBehaviour behaviour) {
        Instant agentJoined = current.observation().map(ContactSnapshot::connectedToAgentAt).orElse(null);
        boolean expected = agentJoined == null
                ? behaviour.mayExpectRecording()
                : behaviour.expectsRecordingWithAgentAt(agentJoined);
        boolean closed = current.state() == ContactState.RECORDING_DISABLED;
        if (closed) {
            return expected ? ContactStore.BehaviourTransition.REOPEN : ContactStore.BehaviourTransition.KEEP;
        }
        return agentJoined != null && !expected
                ? ContactStore.BehaviourTransition.CLOSE_AS_DISABLED
                : ContactStore.BehaviourTransition.KEEP;
    }
}

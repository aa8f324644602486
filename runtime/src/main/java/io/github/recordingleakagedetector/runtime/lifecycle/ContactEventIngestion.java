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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Moves contacts with Amazon Connect's contact events, through the same conditional writes as a DescribeContact
 * observation. An event is merged into what is known of the contact (a field once known stays), and the contact takes
 * the state the merged facts classify to: so a late {@code CONNECTED_TO_AGENT} after {@code DISCONNECTED}, a
 * duplicate, or an event older than the table's facts never moves a contact backwards or loses a field. An event for
 * a contact the flow log has not announced yet is kept for {@link #PENDING_EVENT_LIFETIME}; the announcement then
 * applies it ({@link #applyPending}), and one never announced expires unused.
 *
 * <p>The same queue brings the recording bucket's S3 events when its owner sends them to EventBridge: each is merged
 * into its contact's seen recordings ({@link SeenRecording}), so that the check can judge a recorded contact without
 * listing the bucket. One that names no open contact changes nothing (the check then lists, as without events).
 */
public final class ContactEventIngestion {
    /** How long an event waits for its contact's flow-log announcement (the two travel by different paths). */
    public static final Duration PENDING_EVENT_LIFETIME = Duration.ofHours(1);
    private static final int ATTEMPTS_PER_EVENT = 3;
    private static final JsonLog LOG = JsonLog.of(ContactEventIngestion.class);

    /** One queued message: its id (for partial batch failures) and body. */
    public record Message(String id, String body) {
    }

    /** What a batch came to: the counts, and the messages to deliver again (their contact's write failed). */
    public record Result(RunSummary summary, List<String> failedMessageIds) {
    }

    private final ContactStore store;
    private final int concurrency;
    private final Clock clock;

    public ContactEventIngestion(ContactStore store, int concurrency, Clock clock) {
        this.store = store;
        this.concurrency = concurrency;
        this.clock = clock;
    }

    /**
     * Applies a batch: a rejected event is logged and counted, never failing the batch; each contact's events go in
     * arrival order on one worker; a contact whose write fails has its messages returned for redelivery (applying
     * an event twice changes nothing).
     */
    public Result ingest(List<Message> messages, QueuedEventReader reader) {
        RunSummary summary = new RunSummary("contactEvents");
        Map<String, List<Map.Entry<String, QueuedEvent>>> byContact = new LinkedHashMap<>();
        for (Message message : messages) {
            summary.read();
            try {
                QueuedEvent event = reader.read(message.body());
                if (event.contactId() == null && event instanceof RecordingEvent unnamed) {
                    LOG.info("recordingEvent.unmatched", "messageId", message.id(),
                            "key", unnamed.file().key(), "reason", "no contact id in the file name");
                    summary.count(Outcome.RECORDING_UNMATCHED);
                    continue;
                }
                byContact.computeIfAbsent(event.contactId(), id -> new ArrayList<>()).add(Map.entry(message.id(), event));
            } catch (EventJson.RejectedEventException e) {
                LOG.warn("queuedEvent.rejected", "messageId", message.id(), "reason", e.getMessage());
                summary.count(Outcome.EVENT_REJECTED);
            }
        }
        Set<String> failed = ConcurrentHashMap.newKeySet();
        try (WorkerPool workers = WorkerPool.of(concurrency)) {
            byContact.values().forEach(events -> workers.submit(() -> {
                for (Map.Entry<String, QueuedEvent> event : events) {
                    try {
                        summary.count(event.getValue() instanceof RecordingEvent recordingEvent
                                ? apply(recordingEvent) : apply((ContactEvent) event.getValue()));
                    } catch (RuntimeException e) {
                        LOG.warn("queuedEvent.failed", "messageId", event.getKey(),
                                "contactId", event.getValue().contactId(), "error", String.valueOf(e.getMessage()));
                        events.forEach(pending -> failed.add(pending.getKey()));
                        return;
                    }
                }
            }));
            workers.awaitAll();
        }
        return new Result(summary, messages.stream().map(Message::id).filter(failed::contains).toList());
    }

    /** Applies what events said of a contact before it was announced; empty when none were kept. */
    public Optional<Outcome> applyPending(String contactId) {
        return store.pendingEvent(contactId).map(pending -> {
            Instant now = clock.instant();
            for (int attempt = 0; attempt < ATTEMPTS_PER_EVENT; attempt++) {
                Optional<Outcome> outcome = store.find(contactId)
                        .flatMap(contact -> write(contact, pending.said(), pending.lastEventAt(), now));
                if (outcome.isPresent()) {
                    return outcome.get();
                }
            }
            throw keptChanging(contactId);
        });
    }

    private Outcome apply(ContactEvent event) {
        Instant now = clock.instant();
        for (int attempt = 0; attempt < ATTEMPTS_PER_EVENT; attempt++) {
            Optional<TrackedContact> found = store.find(event.contactId());
            if (found.isEmpty()) {
                store.keepPendingEvent(event.contactId(), event.said(), event.occurredAt(),
                        now.plus(PENDING_EVENT_LIFETIME));
                // Written, then read again: the announcement may have come meanwhile and missed the kept event.
                found = store.find(event.contactId());
                if (found.isEmpty()) {
                    LOG.info("contactEvent.pending", "contactId", event.contactId(), "eventType", event.type().name());
                    return Outcome.EVENT_PENDING;
                }
            }
            Optional<Outcome> outcome = write(found.get(), event.said(), event.occurredAt(), now);
            if (outcome.isPresent()) {
                return outcome.get();
            }
        }
        throw keptChanging(event.contactId());
    }

    /**
     * A recording file's event merged into its contact's seen recordings, unless S3 told of a newer one on that key
     * already. Only an open contact without a verdict takes it: a judged one's verdict stands.
     */
    private Outcome apply(RecordingEvent event) {
        for (int attempt = 0; attempt < ATTEMPTS_PER_EVENT; attempt++) {
            Optional<TrackedContact> found = store.find(event.contactId());
            if (found.isEmpty() || found.get().decided() || !found.get().open()) {
                LOG.info("recordingEvent.unmatched", "contactId", event.contactId(), "key", event.file().key(),
                        "reason", found.isEmpty() ? "contact not tracked" : "contact already judged");
                return Outcome.RECORDING_UNMATCHED;
            }
            TrackedContact contact = found.get();
            List<SeenRecording> merged = SeenRecording.merge(contact.seenRecordings(), event.file());
            if (merged.equals(contact.seenRecordings())) {
                return Outcome.RECORDING_SEEN;
            }
            if (store.recordSeenRecordings(contact, merged)) {
                LOG.info("recordingEvent.applied", "contactId", contact.contactId(), "key", event.file().key(),
                        "sizeBytes", event.file().sizeBytes(), "deleted", event.file().deleted());
                return Outcome.RECORDING_SEEN;
            }
        }
        throw keptChanging(event.contactId());
    }

    /** The merged facts and their state written; empty when the contact changed meanwhile (the caller retries). */
    private Optional<Outcome> write(TrackedContact contact, ContactSnapshot said, Instant eventAt, Instant now) {
        if (contact.decided() || !contact.open()) {
            return Optional.of(Outcome.DUPLICATES);
        }
        ContactSnapshot known = contact.observation().orElse(null);
        ContactSnapshot merged = known == null ? said : known.mergedWith(said);
        ContactState next = nextState(contact, merged);
        if (merged.equals(known) && next == contact.state()) {
            return Optional.of(Outcome.DUPLICATES);
        }
        if (!store.recordEvent(contact, next, merged, eventAt, now)) {
            return Optional.empty();
        }
        LOG.info("contact.eventApplied", "contactId", contact.contactId(), "from", contact.state().value(),
                "to", next.value());
        return Optional.of(next == contact.state() ? Outcome.UNCHANGED : Outcome.movedTo(next));
    }

    /**
     * The state the facts classify to, as for a DescribeContact answer (recording off when the agent joined closes
     * the contact); never one before the contact's current state.
     */
    private static ContactState nextState(TrackedContact contact, ContactSnapshot merged) {
        ContactState next = ContactClassifier.classify(merged);
        if (merged.connectedToAgentAt() != null
                && !contact.behaviour().expectsRecordingWithAgentAt(merged.connectedToAgentAt())) {
            next = ContactState.RECORDING_DISABLED;
        }
        return progress(next) < progress(contact.state()) ? contact.state() : next;
    }

    private static int progress(ContactState state) {
        return switch (state) {
            case INITIALISED -> 0;
            case IN_PROGRESS_QUEUE_IVR -> 1;
            case IN_PROGRESS_AGENT -> 2;
            case COMPLETED_QUEUE_IVR, COMPLETED_AGENT, RECORDING_DISABLED, UNVERIFIABLE -> 3;
        };
    }

    private static IllegalStateException keptChanging(String contactId) {
        return new IllegalStateException("Contact " + contactId + " changed on every one of " + ATTEMPTS_PER_EVENT
                + " attempts to apply an event; the message is delivered again");
    }
}

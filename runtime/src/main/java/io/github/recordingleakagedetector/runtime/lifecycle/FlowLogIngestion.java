package io.github.recordingleakagedetector.runtime.lifecycle;

import io.github.recordingleakagedetector.runtime.log.JsonLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Turns flow-log events into tracked contacts. Delivery is at least once and not ordered across batches, so every
 * write is conditional and enable/disable are ordered by the block's timestamp, never by arrival.
 */
public final class FlowLogIngestion {
    public static final String INITIALISED = "initialised";
    public static final String DUPLICATES = "duplicates";
    public static final String DISABLED = "disabled";
    public static final String SKIPPED = "skipped";
    public static final String IGNORED = "ignored";
    public static final String RACE_LOST = "raceLost";

    private static final JsonLog LOG = JsonLog.of(FlowLogIngestion.class);
    private static final int ATTEMPTS_PER_EVENT = 3;

    private final ContactStore store;
    private final Duration retention;
    private final Clock clock;

    public FlowLogIngestion(ContactStore store, Duration retention, Clock clock) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
    }

    public RunSummary ingest(List<FlowLogRecord> records) {
        RunSummary summary = new RunSummary("ingest");
        for (FlowLogRecord record : records) {
            summary.read();
            RecordingBehaviourEvent event;
            try {
                event = FlowLogInterpreter.interpret(record);
            } catch (MalformedFlowLogException e) {
                LOG.warn("flowlog.malformed", "logEventId", record.id(), "reason", e.getMessage(),
                        "message", record.message());
                summary.count(SKIPPED);
                continue;
            }
            summary.count(apply(event));
        }
        return summary;
    }

    private String apply(RecordingBehaviourEvent event) {
        if (event instanceof RecordingBehaviourEvent.Enabled enabled) {
            return enable(enabled);
        }
        if (event instanceof RecordingBehaviourEvent.Disabled disabled) {
            return disable(disabled);
        }
        return IGNORED;
    }

    private String enable(RecordingBehaviourEvent.Enabled event) {
        Instant now = clock.instant();
        Instant expiresAt = event.expectation().setAt().plus(retention);
        for (int attempt = 0; attempt < ATTEMPTS_PER_EVENT; attempt++) {
            if (store.insertInitialised(event.contactId(), event.instanceId(), event.expectation(), now, expiresAt)) {
                LOG.info("contact.initialised", "contactId", event.contactId(), "instanceId", event.instanceId(),
                        "participants", event.expectation().participants().toString(),
                        "contactFlowName", event.expectation().contactFlowName());
                return INITIALISED;
            }
            Optional<TrackedContact> found = store.find(event.contactId());
            if (found.isEmpty()) {
                continue;
            }
            TrackedContact current = found.get();
            boolean reEnabled = current.state() == ContactState.RECORDING_DISABLED
                    && current.expectation().setAt().isBefore(event.expectation().setAt());
            if (!reEnabled) {
                LOG.info("contact.duplicate", "contactId", event.contactId(), "state", current.state().value());
                return DUPLICATES;
            }
            if (store.reinitialise(current, event.expectation(), now)) {
                LOG.info("contact.reinitialised", "contactId", event.contactId());
                return INITIALISED;
            }
        }
        return RACE_LOST;
    }

    private String disable(RecordingBehaviourEvent.Disabled event) {
        Instant now = clock.instant();
        for (int attempt = 0; attempt < ATTEMPTS_PER_EVENT; attempt++) {
            Optional<TrackedContact> found = store.find(event.contactId());
            if (found.isEmpty()) {
                if (store.insertRecordingDisabled(event.contactId(), event.instanceId(), event.at(), now,
                        event.at().plus(retention))) {
                    LOG.info("contact.disabled", "contactId", event.contactId(), "tracked", false);
                    return DISABLED;
                }
                continue;
            }
            TrackedContact current = found.get();
            boolean supersedes = current.expectation().setAt().isBefore(event.at())
                    && current.recordingState() == null
                    && current.state() != ContactState.RECORDING_DISABLED
                    && current.state() != ContactState.UNVERIFIABLE;
            if (!supersedes) {
                LOG.info("contact.disable.ignored", "contactId", event.contactId(), "state", current.state().value());
                return DUPLICATES;
            }
            if (store.disableRecording(current, event.at(), now)) {
                LOG.info("contact.disabled", "contactId", event.contactId(), "previousState", current.state().value());
                return DISABLED;
            }
        }
        return RACE_LOST;
    }
}

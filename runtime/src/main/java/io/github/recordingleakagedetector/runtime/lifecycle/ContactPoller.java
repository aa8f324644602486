package io.github.recordingleakagedetector.runtime.lifecycle;

import io.github.recordingleakagedetector.runtime.log.JsonLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Moves contacts along by asking Connect about them: {@code INITIALISED} or {@code IN_PROGRESS - *} contacts are
 * described and reclassified; one that reached an agent while its flows had recording off is closed as
 * {@code RECORDING_DISABLED}. A contact Connect does not know stays and is asked again; one tracked past the
 * maximum age is reported as unverifiable instead of being dropped.
 */
public final class ContactPoller {
    private static final JsonLog LOG = JsonLog.of(ContactPoller.class);

    private final ContactStore store;
    private final ContactDirectory directory;
    private final AlertSender alerts;
    private final Duration maxTrackingAge;
    private final EventSilence eventSilence;
    private final int concurrency;
    private final Clock clock;

    public ContactPoller(ContactStore store, ContactDirectory directory, AlertSender alerts, Duration maxTrackingAge,
            int concurrency, Clock clock) {
        this(store, directory, alerts, maxTrackingAge, EventSilence.off(), concurrency, clock);
    }

    public ContactPoller(ContactStore store, ContactDirectory directory, AlertSender alerts, Duration maxTrackingAge,
            EventSilence eventSilence, int concurrency, Clock clock) {
        this.store = store;
        this.eventSilence = eventSilence;
        this.directory = directory;
        this.alerts = alerts;
        this.maxTrackingAge = maxTrackingAge;
        this.concurrency = concurrency;
        this.clock = clock;
    }

    /**
     * Polls the contacts in {@code states} that last changed before {@code changedBefore}, counting into
     * {@code summary} as it goes (so a run that fails still shows, and reports, what it did).
     */
    public RunSummary poll(RunSummary summary, List<ContactState> states, RunBudget budget, Instant changedBefore) {
        DirectoryHealth health = new DirectoryHealth();
        WorkLoop.run(OldestFirst.merge(states.stream().map(s -> store.needingWork(s, changedBefore)).toList()),
                budget, summary,
                contact -> poll(contact, health), Map.of(Outcome.THROTTLED, "DescribeContact throttled after retries"),
                concurrency);
        health.failLoudlyIfNothingWorked();
        summary.remaining(states.stream().mapToLong(store::countNeedingWork).sum());
        return summary;
    }

    private ContactResult poll(TrackedContact contact, DirectoryHealth health) {
        Instant now = clock.instant();
        if (contact.trackedFor(now).compareTo(maxTrackingAge) > 0) {
            return reportUnverifiable(contact, now);
        }
        if (eventSilence.holds(contact, now)) {
            return ContactResult.of(Outcome.AWAITING_EVENT);
        }
        return ContactResult.of(describe(contact, health));
    }

    private Outcome describe(TrackedContact contact, DirectoryHealth health) {
        ContactSnapshot seen;
        try {
            seen = directory.describe(contact.instanceId(), contact.contactId());
            health.succeeded();
        } catch (ContactDirectory.ContactNotFoundException e) {
            health.succeeded();
            LOG.warn("contact.notFound", "contactId", contact.contactId(), "state", contact.state().value(),
                    "notFoundCount", contact.describeNotFoundCount() + 1);
            return store.recordNotFound(contact, e.getMessage(), clock.instant()) ? Outcome.NOT_FOUND : Outcome.RACE_LOST;
        } catch (ContactDirectory.ContactRejectedException e) {
            health.rejected(e);
            LOG.warn("contact.describeRejected", "contactId", contact.contactId(), "state", contact.state().value(),
                    "error", e.getMessage());
            return store.recordRejected(contact, e.getMessage(), clock.instant()) ? Outcome.REJECTED : Outcome.RACE_LOST;
        } catch (ContactDirectory.DirectoryUnavailableException e) {
            health.failed(e);
            LOG.warn("contact.describeFailed", "contactId", contact.contactId(), "throttled", e.throttled(),
                    "error", e.getMessage());
            return e.throttled() ? Outcome.THROTTLED : Outcome.DESCRIBE_FAILED;
        }
        ContactState next = ContactClassifier.classify(seen);
        if (seen.connectedToAgentAt() != null
                && !contact.behaviour().expectsRecordingWithAgentAt(seen.connectedToAgentAt())) {
            // Recording was off when the agent joined: nothing to check, however the call goes on.
            next = ContactState.RECORDING_DISABLED;
        }
        if (!store.recordObservation(contact, next, seen, clock.instant())) {
            LOG.info("contact.raceLost", "contactId", contact.contactId(), "state", contact.state().value());
            return Outcome.RACE_LOST;
        }
        if (next == contact.state()) {
            return Outcome.UNCHANGED;
        }
        LOG.info("contact.moved", "contactId", contact.contactId(), "from", contact.state().value(), "to", next.value());
        return Outcome.movedTo(next);
    }

    private ContactResult reportUnverifiable(TrackedContact contact, Instant now) {
        String reason = AlertSender.unverifiableReason(contact, now);
        if (!store.claimUnverifiable(contact, reason, now)) {
            return ContactResult.of(Outcome.RACE_LOST);
        }
        LOG.warn("contact.unverifiable", "contactId", contact.contactId(), "reason", reason);
        try {
            alerts.send(AlertSender.unverifiable(contact, reason, now), now);
        } catch (RuntimeException e) {
            return ContactResult.failedAfter(Outcome.UNVERIFIABLE, e);
        }
        return ContactResult.of(Outcome.UNVERIFIABLE);
    }

    /**
     * Tells a Connect outage, a missing permission or a misconfiguration from a few failed calls: when every call of
     * a run failed (other than by throttling, which only says the quota is used up), the run fails, because a
     * detector that cannot see contacts must not look healthy. Requests Connect rejects as invalid are a failure of
     * their own: one is a contact's bad id, all of them are a wrong instance or Region.
     */
    private static final class DirectoryHealth {
        private int successes;
        private int rejections;
        private RuntimeException lastRejection;
        private RuntimeException lastFailure;
        private boolean onlyThrottled = true;

        synchronized void succeeded() {
            successes++;
        }

        synchronized void rejected(ContactDirectory.ContactRejectedException e) {
            rejections++;
            lastRejection = e;
        }

        synchronized void failed(ContactDirectory.DirectoryUnavailableException e) {
            lastFailure = e;
            onlyThrottled &= e.throttled();
        }

        synchronized void failLoudlyIfNothingWorked() {
            if (successes > 0) {
                return;
            }
            if (rejections > 0 && (lastFailure == null || onlyThrottled)) {
                throw new IllegalStateException("Every DescribeContact call of this run (" + rejections
                        + ") was rejected as invalid: check the instance and Region the detector is deployed for; "
                        + lastRejection.getMessage(), lastRejection);
            }
            if (lastFailure != null && (!onlyThrottled || rejections > 0)) {
                throw new IllegalStateException("Every DescribeContact call of this run failed: "
                        + lastFailure.getMessage(), lastFailure);
            }
        }
    }
}

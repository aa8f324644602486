package io.github.recordingleakagedetector.runtime.lifecycle;

import io.github.recordingleakagedetector.runtime.log.JsonLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reaches the verdict on {@code COMPLETED - AGENT} contacts: recording found → {@code CALL_RECORDED_SUCCESS};
 * not found after the grace period (and not among the locations a fresh DescribeContact reports) →
 * {@code CALL_RECORDED_FAILURE} and one alert; not found within the grace period → unchanged, checked next run.
 * When Connect cannot be asked for fresh locations, the verdict waits, but not beyond a second grace period.
 * Also re-sends alerts that an earlier run claimed but could not confirm.
 */
public final class RecordingChecker {
    public static final String RECORDED = "recorded";
    public static final String MISSING = "missing";
    public static final String AWAITING_RECORDING = "awaitingRecording";
    public static final String ALERT_RESENT = "alertResent";
    public static final String ALERT_IN_FLIGHT = "alertInFlight";
    public static final String DEFERRED = "deferred";
    public static final String RACE_LOST = "raceLost";
    static final String LOCATIONS_NOT_REFRESHED =
            "DescribeContact unavailable: the recording locations Connect reports could not be refreshed";

    private static final JsonLog LOG = JsonLog.of(RecordingChecker.class);

    private final ContactStore store;
    private final RecordingArchive archive;
    private final ContactDirectory directory;
    private final AlertSender alerts;
    private final String bucket;
    private final String keyPrefix;
    private final Duration gracePeriod;
    private final int concurrency;
    private final Clock clock;

    public RecordingChecker(ContactStore store, RecordingArchive archive, ContactDirectory directory,
            AlertSender alerts, String bucket, String keyPrefix, Duration gracePeriod, int concurrency, Clock clock) {
        this.store = store;
        this.archive = archive;
        this.directory = directory;
        this.alerts = alerts;
        this.bucket = bucket;
        this.keyPrefix = keyPrefix;
        this.gracePeriod = gracePeriod;
        this.concurrency = concurrency;
        this.clock = clock;
    }

    /** Checks the contacts that last changed before {@code changedBefore}. */
    public RunSummary check(RunSummary summary, RunBudget budget, Instant changedBefore) {
        List<ContactState> states = List.of(ContactState.COMPLETED_AGENT, ContactState.UNVERIFIABLE);
        WorkLoop.run(OldestFirst.merge(states.stream().map(s -> store.needingWork(s, changedBefore)).toList()),
                budget, summary,
                contact -> contact.alertPendingSince() != null ? resendAlert(contact) : check(contact), Map.of(),
                concurrency);
        summary.remaining(states.stream().mapToLong(store::countNeedingWork).sum());
        return summary;
    }

    private String check(TrackedContact contact) {
        ContactSnapshot seen = contact.observation()
                .orElseThrow(() -> new IllegalStateException("Contact " + contact.contactId()
                        + " is " + contact.state().value() + " without a DescribeContact observation"));
        RecordingSearchPlan plan = RecordingSearchPlan.forContact(contact.contactId(), seen, bucket, keyPrefix);
        List<String> searched = new ArrayList<>(plan.describe(bucket));
        Map<String, Boolean> listed = new HashMap<>();
        Optional<String> found = search(plan, listed);
        Instant now = clock.instant();
        if (found.isEmpty() && !gracePeriodOver(seen, now)) {
            return AWAITING_RECORDING;
        }
        if (found.isEmpty()) {
            // Before declaring a leak, ask Connect once more: the recording's location (authoritative) may have
            // become known since the contact was last described, and its file name may not hold the contact id.
            Optional<List<String>> reportedNow = keysReportedNow(contact);
            if (reportedNow.isEmpty() && !seen.disconnectedAt().plus(gracePeriod.multipliedBy(2)).isBefore(now)) {
                return DEFERRED;
            }
            if (reportedNow.isEmpty()) {
                // Connect has been unreachable for a whole extra grace period: a leak must not wait on it for ever.
                searched.add(LOCATIONS_NOT_REFRESHED);
                reportedNow = Optional.of(List.of());
            }
            for (String key : reportedNow.get()) {
                if (!plan.knownKeys().contains(key)) {
                    searched.add("s3://" + bucket + "/" + key);
                }
            }
            found = allExist(reportedNow.get(), listed);
        }
        now = clock.instant();
        if (found.isPresent()) {
            if (!store.recordRecordingFound(contact, found.get(), searched, now)) {
                return RACE_LOST;
            }
            LOG.info("recording.found", "contactId", contact.contactId(), "key", found.get());
            return RECORDED;
        }
        if (!store.claimRecordingMissing(contact, searched, now)) {
            return RACE_LOST;
        }
        LOG.warn("recording.missing", "contactId", contact.contactId(), "agentId", seen.agentId(),
                "disconnectTimestamp", String.valueOf(seen.disconnectedAt()), "searched", searched);
        try {
            alerts.send(AlertSender.recordingMissing(contact, searched, now), now);
        } catch (RuntimeException e) {
            throw new CountedFailure(MISSING, e);
        }
        return MISSING;
    }

    private boolean gracePeriodOver(ContactSnapshot seen, Instant now) {
        return seen.disconnectedAt().plus(gracePeriod).isBefore(now);
    }

    /**
     * When Connect reported where the contact's recordings are, those are the evidence and every one must exist
     * (a contact can have an IVR and an agent recording: one must not stand in for the other). Otherwise any key
     * under the contact's own prefix is.
     */
    private Optional<String> search(RecordingSearchPlan plan, Map<String, Boolean> listed) {
        if (!plan.knownKeys().isEmpty()) {
            return allExist(plan.knownKeys(), listed);
        }
        for (String prefix : plan.keyPrefixes()) {
            Optional<String> first = archive.firstKeyStartingWith(prefix);
            if (first.isPresent()) {
                return first;
            }
        }
        return Optional.empty();
    }

    /**
     * The first key when every one exists; empty when there are none or one is missing. {@code listed} remembers
     * what this check already listed: Connect, asked again, often reports the same locations.
     */
    private Optional<String> allExist(List<String> keys, Map<String, Boolean> listed) {
        return !keys.isEmpty() && keys.stream().allMatch(key -> listed.computeIfAbsent(key, archive::exists))
                ? Optional.of(keys.get(0))
                : Optional.empty();
    }

    /** The recording keys Connect reports now, or empty when Connect cannot be asked. */
    private Optional<List<String>> keysReportedNow(TrackedContact contact) {
        try {
            ContactSnapshot fresh = directory.describe(contact.instanceId(), contact.contactId());
            return Optional.of(RecordingSearchPlan.forContact(contact.contactId(), fresh, bucket, keyPrefix)
                    .knownKeys());
        } catch (ContactDirectory.ContactNotFoundException | ContactDirectory.ContactRejectedException e) {
            // Connect cannot say where this contact's recordings are, now or later.
            return Optional.of(List.of());
        } catch (ContactDirectory.DirectoryUnavailableException e) {
            LOG.warn("recording.verdictDeferred", "contactId", contact.contactId(), "error", e.getMessage());
            return Optional.empty();
        }
    }

    private String resendAlert(TrackedContact contact) {
        Instant now = clock.instant();
        if (!alerts.claimExpired(contact, now)) {
            return ALERT_IN_FLIGHT;
        }
        if (!store.reclaimPendingAlert(contact, now)) {
            return RACE_LOST;
        }
        alerts.send(AlertSender.alertFor(contact, now), now);
        return ALERT_RESENT;
    }
}

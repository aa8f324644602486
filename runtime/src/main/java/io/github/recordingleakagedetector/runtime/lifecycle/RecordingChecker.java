package io.github.recordingleakagedetector.runtime.lifecycle;

import io.github.recordingleakagedetector.runtime.log.JsonLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reaches the verdict on {@code COMPLETED - AGENT} contacts ({@link RecordingRules}): recorded, missing, empty,
 * partial, or deleted by Connect. A recorded call is closed at once; any other verdict waits for the grace period
 * (a recording may still be uploading), then asks Connect once more for the recordings' locations and status (the
 * authoritative answer, and a file name need not hold the contact id). When Connect cannot be asked, the verdict
 * waits, but not beyond a second grace period. A leak (missing, empty, partial) is claimed and alerted once; a deleted
 * recording is recorded with its reason and not alerted. Also re-sends alerts that an earlier run claimed but could
 * not confirm.
 */
public final class RecordingChecker {
    /** The run-summary outcome of each verdict, and of the other things a check can do. */
    public static final Map<RecordingState, String> OUTCOMES = Map.of(
            RecordingState.CALL_RECORDED_SUCCESS, "recorded",
            RecordingState.CALL_RECORDED_FAILURE, "missing",
            RecordingState.CALL_RECORDED_EMPTY, "empty",
            RecordingState.CALL_RECORDED_PARTIAL, "partial",
            RecordingState.CALL_RECORDING_DELETED, "deleted");
    /** The run-summary outcome of each IVR verdict. */
    public static final Map<IvrRecordingState, String> IVR_OUTCOMES = Map.of(
            IvrRecordingState.IVR_RECORDED_SUCCESS, "ivrRecorded",
            IvrRecordingState.IVR_RECORDED_FAILURE, "ivrMissing",
            IvrRecordingState.IVR_RECORDED_EMPTY, "ivrEmpty");
    public static final String RECORDED = OUTCOMES.get(RecordingState.CALL_RECORDED_SUCCESS);
    public static final String MISSING = OUTCOMES.get(RecordingState.CALL_RECORDED_FAILURE);
    public static final String AWAITING_RECORDING = "awaitingRecording";
    public static final String ALERT_RESENT = "alertResent";
    public static final String ALERT_IN_FLIGHT = "alertInFlight";
    public static final String DEFERRED = "deferred";
    public static final String RACE_LOST = "raceLost";
    static final String LOCATIONS_NOT_REFRESHED =
            "DescribeContact unavailable: the recording locations Connect reports could not be refreshed";

    private static final JsonLog LOG = JsonLog.of(RecordingChecker.class);

    /** Where recordings are kept: the bucket, the recording prefix and any additional prefixes. */
    public record Locations(String bucket, String keyPrefix, List<String> additionalPrefixes) {
        public Locations {
            additionalPrefixes = List.copyOf(additionalPrefixes);
        }
    }

    private final ContactStore store;
    private final RecordingArchive archive;
    private final ContactDirectory directory;
    private final AlertSender alerts;
    private final Locations locations;
    private final RecordingRules rules;
    private final boolean checkIvrRecordings;
    private final Duration gracePeriod;
    private final int concurrency;
    private final Clock clock;

    /**
     * @param checkIvrRecordings whether contacts whose flows turned IVR recording on are checked for their IVR
     *     recording too (also those that never reached an agent, which the purge step then leaves to this one)
     */
    public RecordingChecker(ContactStore store, RecordingArchive archive, ContactDirectory directory,
            AlertSender alerts, Locations locations, RecordingRules rules, boolean checkIvrRecordings,
            Duration gracePeriod, int concurrency, Clock clock) {
        this.store = store;
        this.archive = archive;
        this.directory = directory;
        this.alerts = alerts;
        this.locations = locations;
        this.rules = rules;
        this.checkIvrRecordings = checkIvrRecordings;
        this.gracePeriod = gracePeriod;
        this.concurrency = concurrency;
        this.clock = clock;
    }

    /** Checks the contacts that last changed before {@code changedBefore}. */
    public RunSummary check(RunSummary summary, RunBudget budget, Instant changedBefore) {
        List<ContactState> states = checkIvrRecordings
                ? List.of(ContactState.COMPLETED_AGENT, ContactState.UNVERIFIABLE, ContactState.COMPLETED_QUEUE_IVR)
                : List.of(ContactState.COMPLETED_AGENT, ContactState.UNVERIFIABLE);
        WorkLoop.run(OldestFirst.merge(states.stream().map(s -> store.needingWork(s, changedBefore)).toList())
                        .filter(this::needsCheck),
                budget, summary,
                contact -> contact.alertPendingSince() != null ? resendAlert(contact) : check(contact, summary),
                Map.of(), concurrency);
        summary.remaining(states.stream().mapToLong(store::countNeedingWork).sum());
        return summary;
    }

    /** Contacts that never reached an agent are this step's only for their IVR recording; the purge takes the rest. */
    private boolean needsCheck(TrackedContact contact) {
        return contact.state() != ContactState.COMPLETED_QUEUE_IVR || expectsIvrRecording(contact);
    }

    private boolean expectsIvrRecording(TrackedContact contact) {
        return checkIvrRecordings && contact.behaviour().expectsIvrRecording();
    }

    private String check(TrackedContact contact, RunSummary summary) {
        ContactSnapshot seen = contact.observation()
                .orElseThrow(() -> new IllegalStateException("Contact " + contact.contactId()
                        + " is " + contact.state().value() + " without a DescribeContact observation"));
        RecordingSearch search = new RecordingSearch(archive);
        RecordingSearchPlan plan = plan(contact, seen);
        List<String> searched = new ArrayList<>();
        ContactVerdict verdict = judge(contact, seen, plan, search, searched);
        Instant now = clock.instant();
        if (verdict.settled()) {
            return record(contact, verdict, searched, now, summary);
        }
        if (!seen.disconnectedAt().plus(gracePeriod).isBefore(now)) {
            return AWAITING_RECORDING;
        }
        // Before a leak is declared, Connect is asked once more: the recording's location (authoritative) or its
        // deletion may have become known since the contact was last described.
        Optional<ContactSnapshot> fresh = describeAgain(contact);
        if (fresh.isEmpty() && !seen.disconnectedAt().plus(gracePeriod.multipliedBy(2)).isBefore(now)) {
            return DEFERRED;
        }
        if (fresh.isEmpty()) {
            // Connect has been unreachable for a whole extra grace period: a leak must not wait on it for ever.
            searched.add(LOCATIONS_NOT_REFRESHED);
        } else {
            verdict = judge(contact, fresh.get(), plan(contact, fresh.get()), search, searched);
        }
        return record(contact, verdict, searched, clock.instant(), summary);
    }

    /** The verdicts the contact calls for, adding where they looked to {@code searched}. */
    private ContactVerdict judge(TrackedContact contact, ContactSnapshot seen, RecordingSearchPlan plan,
            RecordingSearch search, List<String> searched) {
        boolean agentLeg = contact.state() != ContactState.COMPLETED_QUEUE_IVR;
        boolean ivr = expectsIvrRecording(contact);
        List<String> places = new ArrayList<>();
        if (agentLeg) {
            places.addAll(plan.describe(locations.bucket()));
        }
        if (ivr) {
            places.addAll(plan.describeIvr(locations.bucket()));
        }
        places.stream().filter(place -> !searched.contains(place)).forEach(searched::add);
        return new ContactVerdict(agentLeg ? rules.judge(seen, search.find(plan)) : null,
                ivr ? IvrVerdict.of(search.findIvr(plan)) : null);
    }

    private RecordingSearchPlan plan(TrackedContact contact, ContactSnapshot seen) {
        return RecordingSearchPlan.forContact(contact.contactId(), seen, locations.bucket(), locations.keyPrefix(),
                locations.additionalPrefixes());
    }

    /**
     * Stores the verdicts. A leak is claimed (its alert pending) and alerted; anything else closes the contact. A leak
     * whose alert then fails is still counted: it was claimed, and will never be claimed again.
     */
    private String record(TrackedContact contact, ContactVerdict verdict, List<String> searched, Instant now,
            RunSummary summary) {
        if (!store.recordVerdict(contact, verdict, searched, now)) {
            return RACE_LOST;
        }
        String ivrOutcome = verdict.ivr() == null ? null : IVR_OUTCOMES.get(verdict.ivr().state());
        String outcome = verdict.agent() == null ? ivrOutcome : OUTCOMES.get(verdict.agent().state());
        if (verdict.agent() != null && ivrOutcome != null) {
            summary.count(ivrOutcome);
        }
        if (verdict.agent() == null) {
            // Checked only for its IVR recording: it never reached an agent, so its category is settled too.
            summary.count(QueueContactPurger.NOT_APPLICABLE);
        }
        RecordingEvidence evidence = verdict.agent() == null ? null : verdict.agent().evidence();
        Object[] fields = {"contactId", contact.contactId(),
                "agentId", contact.observation().map(ContactSnapshot::agentId).orElse(null),
                "files", evidence == null ? null : evidence.files().toString(),
                "recordedSeconds", evidence == null ? null : evidence.recordedSeconds(),
                "agentLegSeconds", evidence == null ? null : evidence.agentLegSeconds(),
                "deletionReason", evidence == null ? null : evidence.deletionReason(),
                "ivrRecordingState", verdict.ivr() == null ? null : verdict.ivr().state().name()};
        if (!verdict.leak()) {
            LOG.info("recording." + outcome, fields);
            return outcome;
        }
        LOG.warn("recording." + outcome, fields);
        try {
            alerts.send(AlertSender.leak(contact, verdict, searched, now), now);
        } catch (RuntimeException e) {
            throw new CountedFailure(outcome, e);
        }
        return outcome;
    }

    /** The contact as Connect describes it now, or empty when Connect cannot be asked. */
    private Optional<ContactSnapshot> describeAgain(TrackedContact contact) {
        try {
            return Optional.of(directory.describe(contact.instanceId(), contact.contactId()));
        } catch (ContactDirectory.ContactNotFoundException | ContactDirectory.ContactRejectedException e) {
            // Connect cannot say where this contact's recordings are, now or later: judge on what was seen.
            return contact.observation();
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

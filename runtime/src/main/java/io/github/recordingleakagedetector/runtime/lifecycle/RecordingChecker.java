package io.github.recordingleakagedetector.runtime.lifecycle;

import io.github.recordingleakagedetector.runtime.log.JsonLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reaches the verdict on {@code COMPLETED - AGENT} contacts ({@link RecordingRules}): recorded, missing, empty,
 * partial, or deleted by Connect. A recorded call is closed at once; any other verdict waits for the grace period
 * (a recording may still be uploading), then asks Connect once more for the recordings' locations and status (the
 * authoritative answer, and a file name need not hold the contact id). When Connect cannot be asked, the verdict
 * waits, but not beyond a second grace period. A leak (missing, empty, partial) is claimed and alerted once; a deleted
 * recording is recorded with its reason and not alerted. Also re-sends alerts that an earlier run claimed but could
 * not confirm.
 *
 * <p>With recording events, the files the bucket's S3 events showed are judged first, without listing: when they
 * show it recorded under the recording prefix, that is the verdict; recorded only under an additional location, the
 * recording prefix is listed at once (a listing looks there first) and the additional location taken as seen.
 * Anything short of a recording is never concluded from events, which S3 may lose: the contact waits for its grace
 * period, then the bucket is listed and Connect asked, as without them.
 */
public final class RecordingChecker {
    /**
     * How long after its disconnect a contact completed by its contact events is first searched for: Connect uploads a
     * recording 20 to 120 seconds after the call, and a listing before that finds nothing and is paid for again.
     * (A contact completed by polling is seen minutes after its disconnect anyway.)
     */
    public static final Duration UPLOAD_WAIT = Duration.ofMinutes(2);
    /** Noted with the places of a verdict reached on the files S3's events showed, without listing. */
    static final String SEEN_IN_EVENTS = "files as the bucket's S3 events showed them (the recording prefix listed "
            + "only when the recording was seen elsewhere)";
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
    private final boolean recordingEvents;
    private final Duration gracePeriod;
    private final int concurrency;
    private final Clock clock;

    /**
     * @param checkIvrRecordings whether contacts whose flows turned IVR recording on are checked for their IVR
     *     recording too (also those that never reached an agent, which the purge step then leaves to this one)
     * @param recordingEvents whether the bucket's S3 events come: a contact whose recording they have not shown yet
     *     is then listed only after its grace period, not as soon as it completed
     */
    public RecordingChecker(ContactStore store, RecordingArchive archive, ContactDirectory directory,
            AlertSender alerts, Locations locations, RecordingRules rules, boolean checkIvrRecordings,
            boolean recordingEvents, Duration gracePeriod, int concurrency, Clock clock) {
        this.store = store;
        this.archive = archive;
        this.directory = directory;
        this.alerts = alerts;
        this.locations = locations;
        this.rules = rules;
        this.checkIvrRecordings = checkIvrRecordings;
        this.recordingEvents = recordingEvents;
        this.gracePeriod = gracePeriod;
        this.concurrency = concurrency;
        this.clock = clock;
    }

    /** Checks the contacts that last changed before {@code changedBefore}. */
    public RunSummary check(RunSummary summary, RunBudget budget, Instant changedBefore) {
        return check(summary, budget, changedBefore, false);
    }

    /**
     * Checks the contacts that last changed before {@code changedBefore}; with {@code pastGracePeriodOnly}, only
     * those whose grace period is over (and alerts to send again), leaving the others untouched and unlisted.
     */
    public RunSummary check(RunSummary summary, RunBudget budget, Instant changedBefore, boolean pastGracePeriodOnly) {
        List<ContactState> states = checkIvrRecordings
                ? List.of(ContactState.COMPLETED_AGENT, ContactState.UNVERIFIABLE, ContactState.COMPLETED_QUEUE_IVR)
                : List.of(ContactState.COMPLETED_AGENT, ContactState.UNVERIFIABLE);
        Instant now = clock.instant();
        WorkLoop.run(OldestFirst.merge(states.stream().map(s -> store.needingWork(s, changedBefore)).toList())
                        .filter(this::needsCheck)
                        .filter(contact -> !pastGracePeriodOnly || contact.alertPendingSince() != null
                                || contact.observation().map(seen -> seen.disconnectedAt() == null
                                        || afterGracePeriods(seen, 1, now)).orElse(true)),
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

    /**
     * Search, then verdict: a settled verdict is recorded at once. An unsettled one (nothing, or not enough, found)
     * waits out the grace period, then Connect is asked once more before a leak is declared (its report of where the
     * recordings are is authoritative, and the recording may have been deleted meanwhile).
     */
    private ContactResult check(TrackedContact contact, RunSummary summary) {
        ContactSnapshot seen = contact.observation()
                .orElseThrow(() -> new IllegalStateException("Contact " + contact.contactId()
                        + " is " + contact.state().value() + " without a DescribeContact observation"));
        Instant now = clock.instant();
        if (!contact.seenRecordings().isEmpty()) {
            Search fromEvents = new Search(contact, new SeenRecordingsArchive(contact.seenRecordings()));
            ContactVerdict verdict = fromEvents.judge(seen);
            if (recordedUnderTheRecordingPrefix(verdict)) {
                return record(contact, verdict, fromEvents.placesAnd(SEEN_IN_EVENTS), now, summary);
            }
            if (recorded(verdict)) {
                // Seen only under an additional location: a listing prefers the recording prefix, whose file's event
                // may have been lost, so that prefix is listed now; the additional location is as the events show.
                Search listed = new Search(contact, SeenRecordingsArchive.listingOnlyUnder(locations.keyPrefix(),
                        archive, contact.seenRecordings()));
                ContactVerdict verdictListed = listed.judge(seen);
                if (recorded(verdictListed)) {
                    return record(contact, verdictListed, listed.placesAnd(SEEN_IN_EVENTS), now, summary);
                }
            }
        }
        boolean listingWouldComeEarly = recordingEvents
                ? !afterGracePeriods(seen, 1, now)
                : contact.lastEventAt() != null && now.isBefore(seen.disconnectedAt().plus(UPLOAD_WAIT));
        if (listingWouldComeEarly) {
            return ContactResult.of(Outcome.AWAITING_RECORDING);
        }
        Search search = new Search(contact, archive);
        ContactVerdict verdict = search.judge(seen);
        if (verdict.settled()) {
            return record(contact, verdict, search.places(), now, summary);
        }
        if (!afterGracePeriods(seen, 1, now)) {
            return ContactResult.of(Outcome.AWAITING_RECORDING);
        }
        Refresh refresh = refresh(contact);
        return switch (refresh.answer()) {
            case DESCRIBED -> record(contact, search.judge(refresh.snapshot()), search.places(), clock.instant(), summary);
            // Connect cannot say where this contact's recordings are, now or later: the verdict on what was seen stands.
            case UNKNOWN_TO_CONNECT -> record(contact, verdict, search.places(), clock.instant(), summary);
            case UNAVAILABLE -> afterGracePeriods(seen, 2, now)
                    // Connect has been unreachable for a whole extra grace period: a leak must not wait on it for ever.
                    ? record(contact, verdict, search.placesAnd(LOCATIONS_NOT_REFRESHED), clock.instant(), summary)
                    : ContactResult.of(Outcome.DEFERRED);
        };
    }

    /**
     * Whether a verdict on the files the events showed may stand without a listing: recorded (a deletion or anything
     * short of a recording is never concluded from events, which S3 may lose), on files under the recording prefix,
     * where a listing looks first.
     */
    private boolean recordedUnderTheRecordingPrefix(ContactVerdict verdict) {
        return recorded(verdict) && (verdict.agent() == null || verdict.agent().evidence() != null
                && verdict.agent().evidence().files().stream()
                        .allMatch(file -> file.key().startsWith(locations.keyPrefix() + "/")));
    }

    private static boolean recorded(ContactVerdict verdict) {
        return (verdict.agent() == null || verdict.agent().state() == RecordingState.CALL_RECORDED_SUCCESS)
                && (verdict.ivr() == null || verdict.ivr().state() == IvrRecordingState.IVR_RECORDED_SUCCESS);
    }

    private boolean afterGracePeriods(ContactSnapshot seen, int periods, Instant now) {
        return seen.disconnectedAt().plus(gracePeriod.multipliedBy(periods)).isBefore(now);
    }

    /** One contact's look at the bucket: the verdicts it leads to, and every place it looked (the alert names them). */
    private final class Search {
        private final TrackedContact contact;
        private final RecordingSearch files;
        private final List<String> places = new ArrayList<>();

        Search(TrackedContact contact, RecordingArchive archive) {
            this.contact = contact;
            this.files = new RecordingSearch(archive);
        }

        ContactVerdict judge(ContactSnapshot seen) {
            RecordingSearchPlan plan = RecordingSearchPlan.forContact(contact.contactId(), seen, locations.bucket(),
                    locations.keyPrefix(), locations.additionalPrefixes());
            boolean agentLeg = contact.state() != ContactState.COMPLETED_QUEUE_IVR;
            boolean ivr = expectsIvrRecording(contact);
            if (agentLeg) {
                lookedAt(plan.describe(locations.bucket()));
            }
            if (ivr) {
                lookedAt(plan.describeIvr(locations.bucket()));
            }
            return new ContactVerdict(agentLeg ? rules.judge(seen, files.find(plan)) : null,
                    ivr ? IvrVerdict.of(files.findIvr(plan)) : null);
        }

        List<String> places() {
            return places;
        }

        List<String> placesAnd(String note) {
            lookedAt(List.of(note));
            return places;
        }

        private void lookedAt(List<String> more) {
            more.stream().filter(place -> !places.contains(place)).forEach(places::add);
        }
    }

    /**
     * Stores the verdicts. A leak is claimed (its alert pending) and alerted; anything else closes the contact. A leak
     * whose alert then fails is still counted: it was claimed, and will never be claimed again.
     */
    private ContactResult record(TrackedContact contact, ContactVerdict verdict, List<String> searched, Instant now,
            RunSummary summary) {
        if (!store.recordVerdict(contact, verdict, searched, now)) {
            return ContactResult.of(Outcome.RACE_LOST);
        }
        Outcome ivrOutcome = verdict.ivr() == null ? null : Outcome.of(verdict.ivr().state());
        Outcome outcome = verdict.agent() == null ? ivrOutcome : Outcome.of(verdict.agent().state());
        if (verdict.agent() != null && ivrOutcome != null) {
            summary.count(ivrOutcome);
        }
        if (verdict.agent() == null) {
            // Checked only for its IVR recording: it never reached an agent, so its category is settled too.
            summary.count(Outcome.NOT_APPLICABLE);
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
            LOG.info("recording." + outcome.label(), fields);
            return ContactResult.of(outcome);
        }
        LOG.warn("recording." + outcome.label(), fields);
        try {
            alerts.send(AlertSender.leak(contact, verdict, searched, now), now);
        } catch (RuntimeException e) {
            return ContactResult.failedAfter(outcome, e);
        }
        return ContactResult.of(outcome);
    }

    /** What asking Connect once more came to. */
    private record Refresh(Answer answer, ContactSnapshot snapshot) {
        enum Answer { DESCRIBED, UNKNOWN_TO_CONNECT, UNAVAILABLE }
    }

    private Refresh refresh(TrackedContact contact) {
        try {
            return new Refresh(Refresh.Answer.DESCRIBED, directory.describe(contact.instanceId(), contact.contactId()));
        } catch (ContactDirectory.ContactNotFoundException | ContactDirectory.ContactRejectedException e) {
            return new Refresh(Refresh.Answer.UNKNOWN_TO_CONNECT, null);
        } catch (ContactDirectory.DirectoryUnavailableException e) {
            LOG.warn("recording.verdictDeferred", "contactId", contact.contactId(), "error", e.getMessage());
            return new Refresh(Refresh.Answer.UNAVAILABLE, null);
        }
    }

    private ContactResult resendAlert(TrackedContact contact) {
        Instant now = clock.instant();
        if (!alerts.claimExpired(contact, now)) {
            return ContactResult.of(Outcome.ALERT_IN_FLIGHT);
        }
        if (!store.reclaimPendingAlert(contact, now)) {
            return ContactResult.of(Outcome.RACE_LOST);
        }
        alerts.send(AlertSender.alertFor(contact, now), now);
        return ContactResult.of(Outcome.ALERT_RESENT);
    }
}

package io.github.recordingleakagedetector.runtime.lifecycle;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The contact table, seen by the life cycle. Every transition is conditional on the version that was read and
 * returns {@code false} when another writer got there first (a lost race, not an error).
 */
public interface ContactStore {

    /** A strongly consistent read. */
    Optional<TrackedContact> find(String contactId);

    /**
     * Contacts in {@code state} that still need work and last changed before {@code changedBefore}, oldest change
     * first, read page by page as consumed. The bound keeps a run from meeting again, on a later page, the contacts
     * it has just changed (a change moves a contact to the end of the index).
     */
    Stream<TrackedContact> needingWork(ContactState state, Instant changedBefore);

    /** How many contacts in {@code state} still need work. */
    long countNeedingWork(ContactState state);

    /** Creates an {@code INITIALISED} contact unless the contact id exists. */
    boolean insertInitialised(String contactId, String instanceId, RecordingExpectation expectation, Instant now,
            Instant expiresAt);

    /**
     * Creates a closed {@code RECORDING_DISABLED} contact unless the contact id exists: it remembers the Disable, so
     * that an Enable logged earlier but delivered later is weighed against it.
     */
    boolean insertRecordingDisabled(String contactId, String instanceId, Instant disabledAt, Instant now,
            Instant expiresAt);

    /**
     * Records a contact's recording-behaviour history, and what it implies for the contact; a non-empty
     * {@code contactFlowName} is stored as the flow that enabled recording.
     */
    boolean changeBehaviour(TrackedContact current, RecordingBehaviour behaviour, BehaviourTransition transition,
            String contactFlowName, Instant now);

    /** What a new recording-behaviour change does to a contact. */
    enum BehaviourTransition {
        /** The contact stays as it is (open or closed). */
        KEEP,
        /** No recording is expected any more: closed as {@code RECORDING_DISABLED}. */
        CLOSE_AS_DISABLED,
        /** A recording may be expected again: back to {@code INITIALISED}. */
        REOPEN
    }

    /**
     * Stores a DescribeContact answer and the state it classifies to; {@code RECORDING_DISABLED} closes the contact
     * (it reached an agent while recording was off).
     */
    boolean recordObservation(TrackedContact current, ContactState next, ContactSnapshot observed, Instant now);

    /**
     * Stores what contact events said, merged with what was known, and the state it classifies to, with the event's
     * time as {@code LastEventAt}; Connect's reported recordings are kept. {@code RECORDING_DISABLED} closes the
     * contact, as for an observation.
     */
    boolean recordEvent(TrackedContact current, ContactState next, ContactSnapshot merged, Instant eventAt,
            Instant now);

    /**
     * Keeps what an event said of a contact not tracked (yet), merged with what earlier events kept, until
     * {@code expiresAt}: order-independent (a field once kept is never replaced) and idempotent.
     */
    void keepPendingEvent(String contactId, ContactSnapshot said, Instant eventAt, Instant expiresAt);

    /**
     * Stores the recording files the bucket's S3 events told of, conditional on the version read. The contact keeps
     * its place in the work queue: a file seen changes no state, only what the check will find.
     */
    boolean recordSeenRecordings(TrackedContact current, List<SeenRecording> seen);

    /** What events said of a contact before it was tracked, if any were kept. */
    Optional<PendingEvent> pendingEvent(String contactId);

    /** What contact events said of a contact before the flow log announced it, and when the last one happened. */
    record PendingEvent(ContactSnapshot said, Instant lastEventAt) {
    }

    /** DescribeContact did not know the contact; it stays in its state and is asked again next run. */
    boolean recordNotFound(TrackedContact current, String error, Instant now);

    /** DescribeContact rejected the request as invalid; the contact stays in its state and is asked again next run. */
    boolean recordRejected(TrackedContact current, String error, Instant now);

    /**
     * Stores a recording verdict with its evidence. A leak ({@link RecordingState#leak()}) is claimed with its alert
     * pending, and the contact stays open until {@link #closeAfterAlert} confirms the alert went out; any other
     * verdict closes the contact.
     */
    boolean recordVerdict(TrackedContact current, ContactVerdict verdict, List<String> searched, Instant now);

    /** {@link #recordVerdict(TrackedContact, ContactVerdict, List, Instant)} of the agent leg alone. */
    default boolean recordVerdict(TrackedContact current, Verdict verdict, List<String> searched, Instant now) {
        return recordVerdict(current, new ContactVerdict(verdict, null), searched, now);
    }

    /** Tracked too long without a verdict: {@code UNVERIFIABLE} with an alert pending. */
    boolean claimUnverifiable(TrackedContact current, String reason, Instant now);

    /** Takes over an alert whose sender did not confirm it (crashed or failed to publish). */
    boolean reclaimPendingAlert(TrackedContact current, Instant now);

    /** The alert claimed at {@code claimedAt} went out: the contact is closed. */
    boolean closeAfterAlert(String contactId, Instant claimedAt, Instant now);

    /** Removes a contact that needs no recording. */
    boolean delete(TrackedContact current);

    /**
     * Closes a contact that never reached an agent: nothing to record, but it stays (until its TTL) for the
     * day's coverage figures.
     */
    boolean closeAsNotApplicable(TrackedContact current, Instant now);

    /**
     * How many contacts still need work (they are in the work index), by reporting day: what a day's evidence waits
     * for. Costs one read of the open contacts, never of the closed ones.
     */
    Map<LocalDate, Long> openByReportingDay();

    /** Every contact whose reporting day is {@code day}, page by page as consumed (the day's index partition). */
    Stream<TrackedContact> ofReportingDay(LocalDate day);
}

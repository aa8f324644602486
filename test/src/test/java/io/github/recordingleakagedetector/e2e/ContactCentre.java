package io.github.recordingleakagedetector.e2e;

import io.github.recordingleakagedetector.e2e.PlannedContact.Kind;
import io.github.recordingleakagedetector.e2e.PlannedContact.RecordingOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Plans a contact centre's calls from a seed: arrivals spread over the simulated window, a realistic mix of life
 * cycles (IVR only, abandoned in queue, handled by an agent, transferred to a second agent, recording disabled by the
 * flow) and of recording outcomes (on time, late within the grace period, renamed, and leaks at the given rate).
 * The same seed gives the same plan.
 */
final class ContactCentre {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm").withZone(ZoneOffset.UTC);
    private static final String[] PARTICIPANT_OPTIONS = {"Agent", "Customer", "Both", "All"};

    /** Where Contact Lens writes redacted call audio, at the bucket's root. */
    static final String REDACTED_LOCATION = "Analysis/Voice/Redacted";
    private static final DateTimeFormatter ISO_SECOND =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final Random random;
    private final double leakRate;
    private final String bucket;
    private final String keyPrefix;
    private final boolean redacted;
    private final boolean ivr;

    /**
     * @param redacted some calls keep only Contact Lens's redacted audio (the detector must search it)
     * @param ivr flows turn IVR recording on for half the calls (the detector must check IVR recordings)
     */
    ContactCentre(long seed, double leakRate, String bucket, String keyPrefix, boolean redacted, boolean ivr) {
        this.random = new Random(seed);
        this.leakRate = leakRate;
        this.bucket = bucket;
        this.keyPrefix = keyPrefix;
        this.redacted = redacted;
        this.ivr = ivr;
    }

    /** At least {@code count} contacts (a transfer adds a second leg) arriving within {@code window} of {@code start}. */
    List<PlannedContact> plan(int count, Instant start, Duration window) {
        List<PlannedContact> contacts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant arrival = start.plusMillis((long) (random.nextDouble() * window.toMillis()));
            double roll = random.nextDouble();
            if (roll < 0.10) {
                contacts.add(ivrOnly(arrival));
            } else if (roll < 0.25) {
                contacts.add(abandoned(arrival));
            } else if (roll < 0.35) {
                contacts.add(recordingDisabled(arrival));
            } else if (roll < 0.45) {
                PlannedContact first = handled(arrival, Kind.HANDLED_BY_AGENT, null);
                contacts.add(first);
                contacts.add(handled(first.disconnectedAt().plusSeconds(1), Kind.TRANSFERRED, first.contactId()));
            } else {
                contacts.add(handled(arrival, Kind.HANDLED_BY_AGENT, null));
            }
        }
        contacts.sort(Comparator.comparing(PlannedContact::initiatedAt));
        return contacts;
    }

    private PlannedContact ivrOnly(Instant initiated) {
        Instant ended = initiated.plusSeconds(seconds(20, 180));
        return notRecorded(Kind.IVR_ONLY, initiated, null, null, null, null, ended, null);
    }

    private PlannedContact abandoned(Instant initiated) {
        Instant queued = initiated.plusSeconds(seconds(10, 60));
        return notRecorded(Kind.ABANDONED_IN_QUEUE, initiated, queued, queue(), null, null,
                queued.plusSeconds(seconds(10, 600)), null);
    }

    private PlannedContact recordingDisabled(Instant initiated) {
        Instant queued = initiated.plusSeconds(seconds(15, 40));
        Instant answered = queued.plusSeconds(seconds(5, 120));
        return notRecorded(Kind.RECORDING_DISABLED, initiated, queued, queue(), answered, agent(),
                answered.plusSeconds(seconds(60, 600)), initiated.plusSeconds(seconds(5, 12)));
    }

    /** A contact without an agent-leg recording; its IVR may still be recorded (not when recording is disabled). */
    private PlannedContact notRecorded(Kind kind, Instant initiated, Instant queued, String queue, Instant answered,
            String agent, Instant ended, Instant disabledAt) {
        String id = id();
        Ivr plannedIvr = kind == Kind.RECORDING_DISABLED ? Ivr.NONE : ivr(id, initiated, queued, answered, ended);
        return new PlannedContact(id, kind, initiated, null, queued, queue, answered, agent, ended, participants(),
                disabledAt, RecordingOutcome.NOT_EXPECTED, null, null, 0, false, plannedIvr.outcome(),
                plannedIvr.key(), plannedIvr.availableAt(), plannedIvr.seconds());
    }

    private PlannedContact handled(Instant initiated, Kind kind, String previousContactId) {
        String id = id();
        Instant queued = initiated.plusSeconds(seconds(5, 40));
        Instant answered = queued.plusSeconds(seconds(5, 300));
        Instant ended = answered.plusSeconds(seconds(60, 1_200));
        RecordingOutcome outcome = outcome();
        Instant available = switch (outcome) {
            case ON_TIME, RENAMED, REDACTED, EMPTY, PARTIAL, DELETED -> ended.plusSeconds(seconds(20, 120));
            case LATE -> ended.plusSeconds(seconds(240, 720));
            default -> null;
        };
        double leg = answered.until(ended, java.time.temporal.ChronoUnit.SECONDS);
        double recorded = switch (outcome) {
            case EMPTY -> 0;
            // Cut short: a tenth to a third of the leg, below the default share of half.
            case PARTIAL -> Math.floor(leg * (0.1 + 0.23 * random.nextDouble()));
            default -> leg;
        };
        String key = available == null ? null
                : outcome == RecordingOutcome.REDACTED ? redactedKey(id, answered)
                : recordingKey(id, answered, ended, outcome == RecordingOutcome.RENAMED);
        boolean reported = outcome == RecordingOutcome.RENAMED || outcome == RecordingOutcome.DELETED
                || (key != null && outcome != RecordingOutcome.REDACTED && random.nextBoolean());
        // Some disconnect flows switch recording off after the call: too late to matter, the agent leg was recorded.
        Instant disabledAfterCall = random.nextDouble() < 0.2 ? ended.plusSeconds(2) : null;
        Ivr plannedIvr = ivr(id, initiated, queued, answered, ended);
        return new PlannedContact(id, kind, initiated, previousContactId, queued, queue(), answered, agent(), ended,
                participants(), disabledAfterCall, outcome, key, available, recorded, reported, plannedIvr.outcome(),
                plannedIvr.key(), plannedIvr.availableAt(), plannedIvr.seconds());
    }

    private record Ivr(PlannedContact.IvrOutcome outcome, String key, Instant availableAt, double seconds) {
        static final Ivr NONE = new Ivr(PlannedContact.IvrOutcome.NOT_EXPECTED, null, null, 0);
    }

    /**
     * Half the flows turn IVR recording on, when the centre records IVRs: the IVR file lands once the IVR part ends
     * (the agent answers, or the call ends), except at the leak rate.
     */
    private Ivr ivr(String id, Instant initiated, Instant queued, Instant answered, Instant ended) {
        if (!ivr || random.nextBoolean()) {
            return Ivr.NONE;
        }
        if (random.nextDouble() < leakRate) {
            return new Ivr(PlannedContact.IvrOutcome.MISSING, null, null, 0);
        }
        Instant ivrEnd = answered != null ? answered : ended;
        double seconds = initiated.until(queued != null ? queued : ended, java.time.temporal.ChronoUnit.SECONDS);
        String key = keyPrefix + "/ivr/" + DAY.format(initiated) + "/" + id + "_" + MINUTE.format(initiated) + "_UTC.wav";
        return new Ivr(PlannedContact.IvrOutcome.RECORDED, key, ivrEnd.plusSeconds(seconds(5, 60)), seconds);
    }

    private RecordingOutcome outcome() {
        if (random.nextDouble() < leakRate) {
            return RecordingOutcome.LEAK;
        }
        double roll = random.nextDouble();
        if (roll < 0.02) {
            return RecordingOutcome.EMPTY;
        }
        if (roll < 0.04) {
            return RecordingOutcome.PARTIAL;
        }
        if (roll < 0.06) {
            return RecordingOutcome.DELETED;
        }
        if (redacted && roll < 0.26) {
            return RecordingOutcome.REDACTED;
        }
        return roll < 0.32 ? RecordingOutcome.RENAMED : roll < 0.51 ? RecordingOutcome.LATE : RecordingOutcome.ON_TIME;
    }

    /** Contact Lens's redacted audio: its folder is named after the agent's connection, in UTC. */
    private String redactedKey(String contactId, Instant answered) {
        return REDACTED_LOCATION + "/" + DAY.format(answered) + "/" + contactId + "_call_recording_redacted_"
                + ISO_SECOND.format(answered) + ".wav";
    }

    /** Connect's layout; which event's date names the folder is undocumented, so either is used. */
    private String recordingKey(String contactId, Instant answered, Instant ended, boolean renamed) {
        Instant folderDate = random.nextBoolean() ? answered : ended;
        String name = renamed
                ? "restored-" + UUID.nameUUIDFromBytes(contactId.getBytes()).toString().substring(0, 8) + ".wav"
                : contactId + "_" + MINUTE.format(ended) + "_UTC.wav";
        return keyPrefix + "/" + DAY.format(folderDate) + "/" + name;
    }

    /** The location as DescribeContact reports it: {@code bucket/key}. */
    String location(PlannedContact contact) {
        return bucket + "/" + contact.recordingKey();
    }

    private String participants() {
        return PARTICIPANT_OPTIONS[random.nextInt(PARTICIPANT_OPTIONS.length)];
    }

    private String id() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private String queue() {
        return "queue-" + (1 + random.nextInt(3));
    }

    private String agent() {
        return "agent-" + (1 + random.nextInt(40));
    }

    private long seconds(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }
}

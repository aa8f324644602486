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

    private final Random random;
    private final double leakRate;
    private final String bucket;
    private final String keyPrefix;

    ContactCentre(long seed, double leakRate, String bucket, String keyPrefix) {
        this.random = new Random(seed);
        this.leakRate = leakRate;
        this.bucket = bucket;
        this.keyPrefix = keyPrefix;
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
        return new PlannedContact(id(), Kind.IVR_ONLY, initiated, null, null, null, null, null,
                initiated.plusSeconds(seconds(20, 180)), participants(), null, RecordingOutcome.NOT_EXPECTED, null,
                null, false);
    }

    private PlannedContact abandoned(Instant initiated) {
        Instant queued = initiated.plusSeconds(seconds(10, 60));
        return new PlannedContact(id(), Kind.ABANDONED_IN_QUEUE, initiated, null, queued, queue(), null, null,
                queued.plusSeconds(seconds(10, 600)), participants(), null, RecordingOutcome.NOT_EXPECTED, null,
                null, false);
    }

    private PlannedContact recordingDisabled(Instant initiated) {
        Instant queued = initiated.plusSeconds(seconds(15, 40));
        Instant answered = queued.plusSeconds(seconds(5, 120));
        return new PlannedContact(id(), Kind.RECORDING_DISABLED, initiated, null, queued, queue(), answered, agent(),
                answered.plusSeconds(seconds(60, 600)), participants(), initiated.plusSeconds(seconds(5, 12)),
                RecordingOutcome.NOT_EXPECTED, null, null, false);
    }

    private PlannedContact handled(Instant initiated, Kind kind, String previousContactId) {
        String id = id();
        Instant queued = initiated.plusSeconds(seconds(5, 40));
        Instant answered = queued.plusSeconds(seconds(5, 300));
        Instant ended = answered.plusSeconds(seconds(60, 1_200));
        RecordingOutcome outcome = outcome();
        Instant available = switch (outcome) {
            case ON_TIME, RENAMED -> ended.plusSeconds(seconds(20, 120));
            case LATE -> ended.plusSeconds(seconds(240, 720));
            default -> null;
        };
        String key = available == null ? null : recordingKey(id, answered, ended, outcome == RecordingOutcome.RENAMED);
        boolean reported = outcome == RecordingOutcome.RENAMED || (available != null && random.nextBoolean());
        // Some disconnect flows switch recording off after the call: too late to matter, the agent leg was recorded.
        Instant disabledAfterCall = random.nextDouble() < 0.2 ? ended.plusSeconds(2) : null;
        return new PlannedContact(id, kind, initiated, previousContactId, queued, queue(), answered, agent(), ended,
                participants(), disabledAfterCall, outcome, key, available, reported);
    }

    private RecordingOutcome outcome() {
        if (random.nextDouble() < leakRate) {
            return RecordingOutcome.LEAK;
        }
        double roll = random.nextDouble();
        return roll < 0.06 ? RecordingOutcome.RENAMED : roll < 0.25 ? RecordingOutcome.LATE : RecordingOutcome.ON_TIME;
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

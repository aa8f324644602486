package io.github.recordingleakagedetector.runtime.lifecycle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where a contact's agent-leg recording can be. First the locations Connect reported for the contact
 * (authoritative: the file name is not guaranteed to contain the contact id); then the contact's own keys in the UTC
 * day folders of initiation, agent connection and disconnect (which event's date Connect uses is not documented, so
 * each distinct day is listed) under the recording prefix; then, when that holds nothing, the same day folders under
 * each additional location (e.g. Contact Lens's redacted audio, kept instead of the original).
 * Listing by the contact id prefix keeps S3 requests per contact constant however busy the day is.
 */
public final class RecordingSearchPlan {
    private static final DateTimeFormatter DAY_FOLDER = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    /**
     * Where Connect keeps IVR recordings, below the recording prefix: seen in AWS samples and deployments, not in the
     * reference documentation (which is why checking IVR recordings is opt-in).
     */
    public static final String IVR_FOLDER = "ivr";

    private final List<String> knownKeys;
    private final List<String> unreachableLocations;
    private final List<String> keyPrefixes;
    private final List<String> additionalKeyPrefixes;
    private final List<String> ivrKnownKeys;
    private final List<String> ivrKeyPrefixes;

    private RecordingSearchPlan(List<String> knownKeys, List<String> unreachableLocations, List<String> keyPrefixes,
            List<String> additionalKeyPrefixes, List<String> ivrKnownKeys, List<String> ivrKeyPrefixes) {
        this.knownKeys = knownKeys;
        this.unreachableLocations = unreachableLocations;
        this.keyPrefixes = keyPrefixes;
        this.additionalKeyPrefixes = additionalKeyPrefixes;
        this.ivrKnownKeys = ivrKnownKeys;
        this.ivrKeyPrefixes = ivrKeyPrefixes;
    }

    /**
     * @param keyPrefix the recording prefix, up to the date folders
     * @param additionalPrefixes further prefixes laid out the same way, searched when the recording prefix has nothing
     */
    public static RecordingSearchPlan forContact(String contactId, ContactSnapshot seen, String bucket, String keyPrefix,
            List<String> additionalPrefixes) {
        List<String> readable = Stream.concat(Stream.of(keyPrefix), additionalPrefixes.stream()).toList();
        String ivrPrefix = keyPrefix + "/" + IVR_FOLDER;
        List<String> known = new ArrayList<>();
        List<String> ivrKnown = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        for (ReportedRecording recording : seen.recordings()) {
            if (recording.deleted() || !recording.hasLocation()) {
                continue;
            }
            String key = keyInBucket(recording.location(), bucket);
            boolean ivr = recording.ivr() || key.startsWith(ivrPrefix + "/");
            if (readable.stream().noneMatch(prefix -> key.startsWith(prefix + "/"))) {
                // The functions may only read under the recording prefixes; looking elsewhere would be denied.
                unreachable.add(recording.location());
            } else if (ivr && !ivrKnown.contains(key)) {
                ivrKnown.add(key);
            } else if (!ivr && !known.contains(key)) {
                known.add(key);
            }
        }
        Set<LocalDate> days = new LinkedHashSet<>();
        Stream.of(seen.initiatedAt(), seen.connectedToAgentAt(), seen.disconnectedAt())
                .filter(Objects::nonNull)
                .map(RecordingSearchPlan::utcDay)
                .forEach(days::add);
        return new RecordingSearchPlan(List.copyOf(known), List.copyOf(unreachable),
                contactPrefixes(keyPrefix, days, contactId),
                additionalPrefixes.stream().flatMap(prefix -> contactPrefixes(prefix, days, contactId).stream()).toList(),
                List.copyOf(ivrKnown), contactPrefixes(ivrPrefix, days, contactId));
    }

    private static List<String> contactPrefixes(String keyPrefix, Set<LocalDate> days, String contactId) {
        return days.stream()
                .map(day -> keyPrefix + "/" + DAY_FOLDER.format(day.atStartOfDay(ZoneOffset.UTC)) + "/" + contactId)
                .toList();
    }

    /** Keys Connect reported under a recording prefix, to check one by one. */
    public List<String> knownKeys() {
        return knownKeys;
    }

    /** Key prefixes to list: {@code <prefix>/YYYY/MM/DD/<contactId>}. */
    public List<String> keyPrefixes() {
        return keyPrefixes;
    }

    /** The same under each additional location, listed only when {@link #keyPrefixes()} hold nothing. */
    public List<String> additionalKeyPrefixes() {
        return additionalKeyPrefixes;
    }

    /** IVR recordings Connect reported (participant IVR, or under the IVR folder), to check one by one. */
    public List<String> ivrKnownKeys() {
        return ivrKnownKeys;
    }

    /** Key prefixes of the contact's IVR recording: {@code <prefix>/ivr/YYYY/MM/DD/<contactId>}. */
    public List<String> ivrKeyPrefixes() {
        return ivrKeyPrefixes;
    }

    /** Where the IVR recording was looked for, for the alert. */
    public List<String> describeIvr(String bucket) {
        List<String> all = new ArrayList<>();
        ivrKnownKeys.forEach(key -> all.add("s3://" + bucket + "/" + key));
        ivrKeyPrefixes.forEach(prefix -> all.add("s3://" + bucket + "/" + prefix + "*"));
        return all;
    }

    /** Everything this plan looks at for the agent leg, for the alert. */
    public List<String> describe(String bucket) {
        List<String> all = new ArrayList<>();
        knownKeys.forEach(key -> all.add("s3://" + bucket + "/" + key));
        keyPrefixes.forEach(prefix -> all.add("s3://" + bucket + "/" + prefix + "*"));
        additionalKeyPrefixes.forEach(prefix -> all.add("s3://" + bucket + "/" + prefix + "*"));
        unreachableLocations.forEach(location -> all.add(location + " (outside the recording prefixes: not read)"));
        return all;
    }

    private static LocalDate utcDay(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /**
     * Connect reports locations as {@code bucket/key}; {@code s3://bucket/key} is accepted too. A location in
     * another bucket is kept whole, so it falls outside the recording prefixes and the listing decides.
     */
    static String keyInBucket(String location, String bucket) {
        String path = location.startsWith("s3://") ? location.substring("s3://".length()) : location;
        return path.startsWith(bucket + "/") ? path.substring(bucket.length() + 1) : path;
    }
}

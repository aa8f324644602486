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
 * Where a contact's recording can be. First the locations Connect reported for the contact (authoritative: the
 * file name is not guaranteed to contain the contact id); then the contact's own keys in the UTC day folders of
 * agent connection and of disconnect (which of the two Connect uses is not documented, so both when they differ).
 * Listing by the contact id prefix keeps S3 requests per contact constant however busy the day is.
 */
public final class RecordingSearchPlan {
    private static final DateTimeFormatter DAY_FOLDER = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private final List<String> knownKeys;
    private final List<String> keyPrefixes;

    private RecordingSearchPlan(List<String> knownKeys, List<String> keyPrefixes) {
        this.knownKeys = knownKeys;
        this.keyPrefixes = keyPrefixes;
    }

    public static RecordingSearchPlan forContact(String contactId, ContactSnapshot seen, String bucket, String keyPrefix) {
        List<String> known = seen.recordingLocations().stream()
                .map(location -> keyInBucket(location, bucket))
                .distinct()
                .toList();
        Set<LocalDate> days = new LinkedHashSet<>();
        Stream.of(seen.connectedToAgentAt(), seen.disconnectedAt())
                .filter(Objects::nonNull)
                .map(RecordingSearchPlan::utcDay)
                .forEach(days::add);
        List<String> prefixes = new ArrayList<>();
        for (LocalDate day : days) {
            prefixes.add(keyPrefix + "/" + DAY_FOLDER.format(day.atStartOfDay(ZoneOffset.UTC)) + "/" + contactId);
        }
        return new RecordingSearchPlan(known, List.copyOf(prefixes));
    }

    /** Keys Connect reported, to check with a HEAD request. */
    public List<String> knownKeys() {
        return knownKeys;
    }

    /** Key prefixes to list: {@code <prefix>/YYYY/MM/DD/<contactId>}. */
    public List<String> keyPrefixes() {
        return keyPrefixes;
    }

    /** Everything this plan looks at, for the alert. */
    public List<String> describe(String bucket) {
        List<String> all = new ArrayList<>();
        knownKeys.forEach(key -> all.add("s3://" + bucket + "/" + key));
        keyPrefixes.forEach(prefix -> all.add("s3://" + bucket + "/" + prefix + "*"));
        return all;
    }

    private static LocalDate utcDay(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /**
     * Connect reports locations as {@code bucket/key}; {@code s3://bucket/key} is accepted too. A location in
     * another bucket is kept whole, so its HEAD in the recording bucket fails and the listing decides.
     */
    static String keyInBucket(String location, String bucket) {
        String path = location.startsWith("s3://") ? location.substring("s3://".length()) : location;
        return path.startsWith(bucket + "/") ? path.substring(bucket.length() + 1) : path;
    }
}

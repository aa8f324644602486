package io.github.recordingleakagedetector.runtime.lifecycle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the recording bucket's S3 events last said of one file: created with its size, or deleted. S3 delivers its
 * events unordered and at least once; its {@code sequencer} orders the events of one key (S3's rule: right-pad the
 * shorter value with zeros, then compare as text), so a late or repeated event never undoes a newer one.
 *
 * @param sequencer the event's sequencer; empty when S3 gave none (then any event with one is newer)
 * @param deleted whether the last event was a deletion
 */
public record SeenRecording(String key, long sizeBytes, String sequencer, boolean deleted) {

    public SeenRecording {
        sequencer = sequencer == null ? "" : sequencer;
    }

    /**
     * Whether this event happened after {@code earlier} on the same key. On equal sequencers (a repeated event, or two
     * without one) a deletion wins: believing a file exists when it may not would let it stand in for a recording.
     */
    boolean supersedes(SeenRecording earlier) {
        int order = compareSequencers(sequencer, earlier.sequencer);
        return order > 0 || order == 0 && deleted && !earlier.deleted;
    }

    static int compareSequencers(String a, String b) {
        int length = Math.max(a.length(), b.length());
        return pad(a, length).compareToIgnoreCase(pad(b, length));
    }

    private static String pad(String sequencer, int length) {
        return sequencer + "0".repeat(length - sequencer.length());
    }

    /** The file as a listing would show it; only for files not deleted. */
    StoredRecording asStored() {
        return new StoredRecording(key, sizeBytes);
    }

    /** {@code known} with {@code event} applied: {@code known} itself when the event is not newer. */
    static List<SeenRecording> merge(List<SeenRecording> known, SeenRecording event) {
        Map<String, SeenRecording> byKey = new LinkedHashMap<>();
        known.forEach(file -> byKey.put(file.key(), file));
        SeenRecording current = byKey.get(event.key());
        if (current != null && !event.supersedes(current)) {
            return known;
        }
        byKey.put(event.key(), event);
        List<SeenRecording> merged = new ArrayList<>(byKey.values());
        merged.sort(Comparator.comparing(SeenRecording::key));
        return List.copyOf(merged);
    }
}

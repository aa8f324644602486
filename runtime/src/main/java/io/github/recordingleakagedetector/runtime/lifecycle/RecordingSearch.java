package io.github.recordingleakagedetector.runtime.lifecycle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One check's look at the bucket for one contact. It remembers what it listed, so that Connect, asked again before a
 * verdict and reporting the same locations, costs no second listing.
 */
final class RecordingSearch {
    private final RecordingArchive archive;
    private final Map<String, Optional<StoredRecording>> byKey = new HashMap<>();
    private final Map<String, List<StoredRecording>> byPrefix = new HashMap<>();

    RecordingSearch(RecordingArchive archive) {
        this.archive = archive;
    }

    /**
     * The agent-leg files the plan leads to. When Connect reported where the recordings are, those are the evidence
     * and every one must exist (a contact can have several recordings: one must not stand in for another); otherwise
     * the files under the contact's own prefix, and when there are none, under the additional locations.
     */
    List<StoredRecording> find(RecordingSearchPlan plan) {
        return find(plan.knownKeys(), List.of(plan.keyPrefixes(), plan.additionalKeyPrefixes()));
    }

    /** The IVR files the plan leads to, the same way: Connect's IVR locations, else the contact's IVR folder. */
    List<StoredRecording> findIvr(RecordingSearchPlan plan) {
        return find(plan.ivrKnownKeys(), List.of(plan.ivrKeyPrefixes()));
    }

    private List<StoredRecording> find(List<String> knownKeys, List<List<String>> prefixGroups) {
        if (!knownKeys.isEmpty()) {
            List<StoredRecording> found = new ArrayList<>();
            for (String key : knownKeys) {
                Optional<StoredRecording> file = byKey.computeIfAbsent(key, archive::find);
                if (file.isEmpty()) {
                    return List.of();
                }
                found.add(file.get());
            }
            return found;
        }
        for (List<String> prefixes : prefixGroups) {
            for (String prefix : prefixes) {
                List<StoredRecording> listed = byPrefix.computeIfAbsent(prefix, archive::startingWith);
                if (!listed.isEmpty()) {
                    return listed;
                }
            }
        }
        return List.of();
    }
}

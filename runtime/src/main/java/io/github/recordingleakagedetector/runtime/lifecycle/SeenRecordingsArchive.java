package io.github.recordingleakagedetector.runtime.lifecycle;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The bucket as a contact's S3 events showed it: the files seen created and not deleted since. Searched exactly like
 * the bucket ({@link RecordingSearch}), so a verdict on what was seen is the verdict a listing of those files gives.
 */
final class SeenRecordingsArchive implements RecordingArchive {
    private final List<StoredRecording> files;

    SeenRecordingsArchive(List<SeenRecording> seen) {
        this.files = seen.stream()
                .filter(file -> !file.deleted())
                .map(SeenRecording::asStored)
                .sorted(Comparator.comparing(StoredRecording::key))
                .toList();
    }

    /**
     * The bucket as listed under {@code listedPrefix} (the recording prefix, where a listing looks first and where a
     * file whose event was lost may be) and as the events showed it everywhere else.
     */
    static RecordingArchive listingOnlyUnder(String listedPrefix, RecordingArchive bucket, List<SeenRecording> seen) {
        SeenRecordingsArchive events = new SeenRecordingsArchive(seen);
        return new RecordingArchive() {
            @Override
            public Optional<StoredRecording> find(String key) {
                return key.startsWith(listedPrefix + "/") ? bucket.find(key) : events.find(key);
            }

            @Override
            public List<StoredRecording> startingWith(String keyPrefix) {
                return keyPrefix.startsWith(listedPrefix + "/") ? bucket.startingWith(keyPrefix)
                        : events.startingWith(keyPrefix);
            }
        };
    }

    @Override
    public Optional<StoredRecording> find(String key) {
        return files.stream().filter(file -> file.key().equals(key)).findFirst();
    }

    @Override
    public List<StoredRecording> startingWith(String keyPrefix) {
        return files.stream().filter(file -> file.key().startsWith(keyPrefix)).toList();
    }
}

package io.github.recordingleakagedetector.runtime.lifecycle;

import java.util.List;
import java.util.Optional;

/**
 * The recording bucket, read only by listing (a listing gives each key's size; nothing is downloaded).
 * Implementations throw on access problems (denied, missing bucket): a search that could not look must never pass
 * for "no recording" or for "recorded".
 */
public interface RecordingArchive {

    /** The object with exactly this key, if it exists. */
    Optional<StoredRecording> find(String key);

    /** Every object whose key starts with {@code keyPrefix}, through every page of the listing. */
    List<StoredRecording> startingWith(String keyPrefix);
}

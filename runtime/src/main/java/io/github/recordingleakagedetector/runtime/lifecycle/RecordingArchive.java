package io.github.recordingleakagedetector.runtime.lifecycle;

import java.util.Optional;

/**
 * The recording bucket. Implementations throw on access problems (denied, missing bucket): a search that could
 * not look must never pass for "no recording" or for "recorded".
 */
public interface RecordingArchive {

    /** Whether exactly this key exists. */
    boolean exists(String key);

    /** The first key starting with {@code keyPrefix}, looking through every page of the listing. */
    Optional<String> firstKeyStartingWith(String keyPrefix);
}

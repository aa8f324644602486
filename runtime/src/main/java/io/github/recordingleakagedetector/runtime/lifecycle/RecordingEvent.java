package io.github.recordingleakagedetector.runtime.lifecycle;

import java.time.Instant;

/**
 * An S3 event of a file under the recording locations, as the bucket sends it to EventBridge once its owner switched
 * that on: which file, created (with its size) or deleted, and the contact its name belongs to.
 *
 * @param contactId the contact id the file name starts with (Connect names recordings
 *     {@code <contactId>_<time>_UTC.wav}), null when the name holds none
 */
public record RecordingEvent(String contactId, SeenRecording file, Instant occurredAt) implements QueuedEvent {
}

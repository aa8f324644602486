package io.github.recordingleakagedetector.runtime.lifecycle;

import java.util.Map;

/**
 * Reads a message of the contact-event queue: an Amazon Connect contact event, or an S3 event of a recording file
 * (when the recording bucket sends its events to EventBridge). Anything else is rejected.
 */
public final class QueuedEventReader {
    private final ContactEventInterpreter contactEvents;
    private final RecordingEventInterpreter recordingEvents;

    public QueuedEventReader(ContactEventInterpreter contactEvents, RecordingEventInterpreter recordingEvents) {
        this.contactEvents = contactEvents;
        this.recordingEvents = recordingEvents;
    }

    /** The event, or an exception saying why it cannot be applied (the ingestion counts it as rejected). */
    public QueuedEvent read(String body) {
        Map<String, Object> envelope = EventJson.envelope(body);
        if (RecordingEventInterpreter.reads(envelope)) {
            return recordingEvents.interpret(envelope);
        }
        if (!ContactEventInterpreter.DETAIL_TYPE.equals(envelope.get("detail-type"))) {
            throw new EventJson.RejectedEventException("detail-type '" + envelope.get("detail-type") + "' is none of '"
                    + ContactEventInterpreter.DETAIL_TYPE + "', '" + RecordingEventInterpreter.OBJECT_CREATED + "', '"
                    + RecordingEventInterpreter.OBJECT_DELETED + "'");
        }
        return contactEvents.interpret(envelope);
    }
}

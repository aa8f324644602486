package io.github.recordingleakagedetector.runtime.lifecycle;

/** An event from the contact-event queue: a Connect contact event, or an S3 event of a recording file. */
public sealed interface QueuedEvent permits ContactEvent, RecordingEvent {

    /** The contact the event is about; null when it names none (a recording file whose name holds no contact id). */
    String contactId();
}

package io.github.recordingleakagedetector.runtime.lifecycle;

import java.time.Instant;

/**
 * One Amazon Connect contact event, as far as the life cycle uses it: which contact, when, and what Connect said of
 * it. Best effort, unordered, possibly duplicated: it is applied by merging what it says into what is known.
 *
 * @param type the event type the detector uses
 * @param occurredAt the event's time
 * @param said the contact's fields the event carries (recordings: none; Connect reports them only when described)
 */
public record ContactEvent(Type type, String contactId, String instanceId, Instant occurredAt, ContactSnapshot said)
        implements QueuedEvent {

    /** The event types the detector subscribes to. */
    public enum Type {
        /** An agent was connected: the contact is in progress with an agent. */
        CONNECTED_TO_AGENT,
        /** The contact ended; whether it reached an agent is in its agent connection time. */
        DISCONNECTED,
        /** After-contact work ended (right after DISCONNECTED when there is none); carries the same times. */
        COMPLETED
    }
}

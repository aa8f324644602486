package io.github.recordingleakagedetector.runtime.lifecycle;

import java.time.Duration;
import java.time.Instant;

/**
 * With contact events, polling is the fallback: a contact is not polled while its events can still be expected to
 * move it, that is while its last event is younger than {@code live}, or, with no event yet, while it has been
 * initialised for less than {@code initialised}. After that Connect is asked, so a lost event delays a verdict but
 * never loses a contact.
 */
public record EventSilence(boolean enabled, Duration live, Duration initialised) {

    /** Contact events off: every contact is polled, as without them. */
    public static EventSilence off() {
        return new EventSilence(false, Duration.ZERO, Duration.ZERO);
    }

    /** Whether Connect need not be asked about the contact now. */
    public boolean holds(TrackedContact contact, Instant now) {
        if (!enabled) {
            return false;
        }
        if (contact.lastEventAt() != null) {
            return now.isBefore(contact.lastEventAt().plus(live));
        }
        return contact.state() == ContactState.INITIALISED && now.isBefore(contact.createdAt().plus(initialised));
    }
}

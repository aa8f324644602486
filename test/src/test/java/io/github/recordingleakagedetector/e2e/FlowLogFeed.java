package io.github.recordingleakagedetector.e2e;

import io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The flow-log events the planned contacts' flows write (recording enabled shortly after the call starts, and for
 * some contacts disabled again), delivered to the ingest function the way the subscription filter does: gzipped
 * batches, a second after their last event, at least once (some batches are delivered twice) and not always in
 * order (some batches fail and are retried a tick later, after newer ones). The flow of the first leaking contact
 * has a hostile name ({@link #HOSTILE_FLOW_NAME}): a flow designer can type markup, and the evidence must show it as
 * text.
 */
final class FlowLogFeed {
    private static final int BATCH = 50;
    private static final double REDELIVERY = 0.05;
    private static final double LATE_RETRY = 0.05;
    /** The name the flow of {@link #hostileContact} logs. */
    static final String HOSTILE_FLOW_NAME = "<script>alert('flow')</script><img src=x onerror=alert(1)>";
    private static final String FLOW_NAME = "Inbound";
    /** A flow sets recording behaviour this long after its call starts: the detector files the call on that day. */
    static final Duration ENABLE_DELAY = Duration.ofSeconds(2);

    private record Event(Instant at, String contactId, String participants, boolean enable, boolean ivr) {
    }

    private final Deque<Event> due = new ArrayDeque<>();
    private final List<String> retriedLater = new ArrayList<>();
    private final LocalLambdaEndpoint lambda;
    private final String ingestFunction;
    private final SimulatedClock clock;
    private final Random random;
    private final String hostileContact;

    FlowLogFeed(List<PlannedContact> plan, LocalLambdaEndpoint lambda, String ingestFunction, SimulatedClock clock,
            long seed) {
        List<Event> events = new ArrayList<>();
        for (PlannedContact contact : plan) {
            events.add(new Event(contact.initiatedAt().plus(ENABLE_DELAY), contact.contactId(),
                    contact.recordedParticipants(), true, contact.ivr() != PlannedContact.IvrOutcome.NOT_EXPECTED));
            if (contact.recordingDisabledAt() != null) {
                events.add(new Event(contact.recordingDisabledAt(), contact.contactId(), null, false, false));
            }
        }
        events.sort(Comparator.comparing(Event::at));
        this.due.addAll(events);
        this.lambda = lambda;
        this.ingestFunction = ingestFunction;
        this.clock = clock;
        this.random = new Random(seed + 1);
        this.hostileContact = hostileContact(plan).orElse(null);
    }

    /** The contact whose flow has {@link #HOSTILE_FLOW_NAME}: the first that leaks, so the evidence page lists it. */
    static Optional<String> hostileContact(List<PlannedContact> plan) {
        return plan.stream().filter(PlannedContact::isLeak).map(PlannedContact::contactId).findFirst();
    }

    /** Delivers the events logged by {@code now}; returns how many events (redeliveries not counted). */
    int deliverUntil(Instant now) {
        List<String> retries = List.copyOf(retriedLater);
        retriedLater.clear();
        int delivered = 0;
        while (!due.isEmpty() && !due.peek().at().isAfter(now)) {
            FlowLogDeliveries batch = FlowLogDeliveries.delivery();
            Instant last = now;
            for (int i = 0; i < BATCH && !due.isEmpty() && !due.peek().at().isAfter(now); i++) {
                Event event = due.poll();
                last = event.at();
                batch.inFlow(event.contactId().equals(hostileContact) ? HOSTILE_FLOW_NAME : FLOW_NAME);
                if (event.enable() && event.ivr()) {
                    // The newer recording block, the one that can turn IVR recording on.
                    batch.enableWithIvr(event.contactId(), switch (event.participants()) {
                        case "Agent" -> List.of("Agent");
                        case "Customer" -> List.of("Customer");
                        default -> List.of("Agent", "Customer");
                    }, event.at());
                } else if (event.enable()) {
                    batch.enable(event.contactId(), event.participants(), event.at());
                } else {
                    batch.disable(event.contactId(), event.at());
                }
                delivered++;
            }
            String payload = "{\"awslogs\":{\"data\":\"" + batch.data() + "\"}}";
            // Delivered within seconds of being logged, so before the tick's execution starts (unless logged then)
            Instant deliveredAt = last.plusSeconds(1);
            clock.advanceTo(deliveredAt.isAfter(now) ? now : deliveredAt);
            if (random.nextDouble() < LATE_RETRY) {
                retriedLater.add(payload);
                continue;
            }
            lambda.invoke(ingestFunction, payload);
            if (random.nextDouble() < REDELIVERY) {
                lambda.invoke(ingestFunction, payload);
            }
        }
        clock.advanceTo(now);
        retries.forEach(payload -> lambda.invoke(ingestFunction, payload));
        return delivered;
    }

    boolean done() {
        return due.isEmpty() && retriedLater.isEmpty();
    }
}

package io.github.recordingleakagedetector.e2e;

import io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * The flow-log events the planned contacts' flows write (recording enabled shortly after the call starts, and for
 * some contacts disabled again), delivered to the ingest function the way the subscription filter does: gzipped
 * batches in order, and at least once (some batches are delivered twice).
 */
final class FlowLogFeed {
    private static final int BATCH = 50;
    private static final double REDELIVERY = 0.05;

    private record Event(Instant at, String contactId, String participants, boolean enable) {
    }

    private final Deque<Event> due = new ArrayDeque<>();
    private final LocalLambdaEndpoint lambda;
    private final String ingestFunction;
    private final Random random;

    FlowLogFeed(List<PlannedContact> plan, LocalLambdaEndpoint lambda, String ingestFunction, long seed) {
        List<Event> events = new ArrayList<>();
        for (PlannedContact contact : plan) {
            events.add(new Event(contact.initiatedAt().plusSeconds(2), contact.contactId(),
                    contact.recordedParticipants(), true));
            if (contact.recordingDisabledAt() != null) {
                events.add(new Event(contact.recordingDisabledAt(), contact.contactId(), null, false));
            }
        }
        events.sort(Comparator.comparing(Event::at));
        this.due.addAll(events);
        this.lambda = lambda;
        this.ingestFunction = ingestFunction;
        this.random = new Random(seed + 1);
    }

    /** Delivers the events logged by {@code now}; returns how many events (redeliveries not counted). */
    int deliverUntil(Instant now) {
        int delivered = 0;
        while (!due.isEmpty() && !due.peek().at().isAfter(now)) {
            FlowLogDeliveries batch = FlowLogDeliveries.delivery();
            for (int i = 0; i < BATCH && !due.isEmpty() && !due.peek().at().isAfter(now); i++) {
                Event event = due.poll();
                if (event.enable()) {
                    batch.enable(event.contactId(), event.participants(), event.at());
                } else {
                    batch.disable(event.contactId(), event.at());
                }
                delivered++;
            }
            String payload = "{\"awslogs\":{\"data\":\"" + batch.data() + "\"}}";
            lambda.invoke(ingestFunction, payload);
            if (random.nextDouble() < REDELIVERY) {
                lambda.invoke(ingestFunction, payload);
            }
        }
        return delivered;
    }

    boolean done() {
        return due.isEmpty();
    }
}

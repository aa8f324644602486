package io.github.recordingleakagedetector.e2e;

import com.fasterxml.jackson.jr.ob.JSON;
import io.github.recordingleakagedetector.runtime.lifecycle.StoredRecording;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Amazon Connect's contact events for the planned calls, as EventBridge → SQS → the contact-event function delivers
 * them, with the faults the service documents: best effort (1% lost), duplicated (5%), unordered (each event is
 * delayed 0 to 60 seconds on its own). The queue is simulated here, as Lambda's SQS event-source poller works it
 * (no SQS server: the function sees the same {@code SQSEvent} JSON): batches of up to 10 messages, a message the
 * function reports as a batch item failure is received again after the visibility timeout, and after
 * {@link #MAX_RECEIVES} receives it goes to the dead-letter queue, counted.
 *
 * <p>With {@link #withRecordingEvents}, the recording bucket's {@code Object Created} events come through the same
 * queue, as EventBridge sends them once the bucket's owner switched that on: one per file landed, with the same
 * faults, never before the file is in the bucket, the key form-encoded as S3 encodes keys in its notifications.
 */
final class ContactEventFeed {
    static final double LOST = 0.01;
    static final double DUPLICATED = 0.05;
    static final Duration MAX_DELAY = Duration.ofSeconds(60);
    static final int BATCH = 10;
    static final int MAX_RECEIVES = 5;
    private static final Duration VISIBILITY_TIMEOUT = Duration.ofMinutes(6);

    private record Message(Instant visibleAt, String id, String body, int receives) {
    }

    private final PriorityQueue<Message> queue = new PriorityQueue<>(Comparator.comparing(Message::visibleAt)
            .thenComparing(Message::id));
    private final LocalLambdaEndpoint lambda;
    private final String function;
    private final SimulatedClock clock;
    /** Messages put on the queue (a duplicated event twice). */
    private int sent;
    private int lost;
    private int deadLettered;
    private int recordingEventsSent;
    private int recordingEventsLost;

    ContactEventFeed(List<PlannedContact> plan, String instanceArn, LocalLambdaEndpoint lambda, String function,
            SimulatedClock clock, long seed) {
        this.lambda = lambda;
        this.function = function;
        this.clock = clock;
        Random random = new Random(seed + 7);
        for (PlannedContact contact : plan) {
            if (contact.connectedToAgentAt() != null) {
                publish(random, contact, "CONNECTED_TO_AGENT", contact.connectedToAgentAt(), instanceArn);
            }
            publish(random, contact, "DISCONNECTED", contact.disconnectedAt(), instanceArn);
        }
    }

    private void publish(Random random, PlannedContact contact, String type, Instant at, String instanceArn) {
        if (random.nextDouble() < LOST) {
            lost++;
            return;
        }
        enqueue(random, at, body(contact, type, at, instanceArn));
    }

    /** Puts the event on the queue, twice when duplicated, each copy after its own delay; returns the copies. */
    private int enqueue(Random random, Instant at, String body) {
        int copies = random.nextDouble() < DUPLICATED ? 2 : 1;
        for (int copy = 0; copy < copies; copy++) {
            Instant visibleAt = at.plusMillis((long) (random.nextDouble() * MAX_DELAY.toMillis()));
            queue.add(new Message(visibleAt, "e-" + (++sent), body, 0));
        }
        return copies;
    }

    /** The bucket's {@code Object Created} event for every file the plan lands, at its landing. */
    ContactEventFeed withRecordingEvents(List<PlannedContact> plan, String bucket, long seed) {
        Random random = new Random(seed + 11);
        long sequencer = 0x0064D3901D000000L;
        for (RecordingUploads.Upload upload : RecordingUploads.of(plan)) {
            if (random.nextDouble() < LOST) {
                recordingEventsLost++;
                continue;
            }
            recordingEventsSent += enqueue(random, upload.at(), objectCreated(bucket, upload, ++sequencer));
        }
        return this;
    }

    private static String objectCreated(String bucket, RecordingUploads.Upload upload, long sequencer) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("key", upload.key().replace(":", "%3A"));
        object.put("size", StoredRecording.sizeOf(upload.seconds()));
        object.put("etag", Long.toHexString(upload.key().hashCode() & 0xffffffffL));
        object.put("sequencer", String.format("%018X", sequencer));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("version", "0");
        detail.put("bucket", Map.of("name", bucket));
        detail.put("object", object);
        detail.put("request-id", "R" + sequencer);
        detail.put("reason", "PutObject");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("source", "aws.s3");
        event.put("detail-type", "Object Created");
        event.put("time", upload.at().toString());
        event.put("resources", List.of("arn:aws:s3:::" + bucket));
        event.put("detail", detail);
        return json(event);
    }

    private static String body(PlannedContact contact, String type, Instant at, String instanceArn) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("eventType", type);
        detail.put("contactId", contact.contactId());
        detail.put("initialContactId", contact.contactId());
        if (contact.previousContactId() != null) {
            detail.put("previousContactId", contact.previousContactId());
        }
        detail.put("channel", "VOICE");
        detail.put("initiationMethod", "INBOUND");
        detail.put("instanceArn", instanceArn);
        detail.put("initiationTimestamp", contact.initiatedAt().toString());
        if (contact.connectedToAgentAt() != null) {
            detail.put("agentInfo", Map.of("agentArn", instanceArn + "/agent/" + contact.agentId(),
                    "connectedToAgentTimestamp", contact.connectedToAgentAt().toString()));
        }
        if (contact.queueId() != null) {
            detail.put("queueInfo", Map.of("queueArn", instanceArn + "/queue/" + contact.queueId()));
        }
        if (!type.equals("CONNECTED_TO_AGENT")) {
            detail.put("disconnectTimestamp", contact.disconnectedAt().toString());
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("source", "aws.connect");
        event.put("detail-type", "Amazon Connect Contact Event");
        event.put("time", at.toString());
        event.put("detail", detail);
        return json(event);
    }

    /** Delivers what is visible by {@code now}, in batches, as the event-source poller would; returns the batches. */
    int deliverUntil(Instant now) {
        int batches = 0;
        while (!queue.isEmpty() && !queue.peek().visibleAt().isAfter(now)) {
            List<Message> batch = new ArrayList<>();
            while (batch.size() < BATCH && !queue.isEmpty() && !queue.peek().visibleAt().isAfter(now)) {
                batch.add(queue.poll());
            }
            Instant receivedAt = batch.get(batch.size() - 1).visibleAt();
            clock.advanceTo(receivedAt.isAfter(now) ? now : receivedAt);
            List<String> failed = failedIds(lambda.invoke(function, sqsEvent(batch)));
            for (Message message : batch) {
                if (!failed.contains(message.id())) {
                    continue;
                }
                if (message.receives() + 1 >= MAX_RECEIVES) {
                    deadLettered++;
                } else {
                    queue.add(new Message(receivedAt.plus(VISIBILITY_TIMEOUT), message.id(), message.body(),
                            message.receives() + 1));
                }
            }
            batches++;
        }
        clock.advanceTo(now);
        return batches;
    }

    private static String sqsEvent(List<Message> batch) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (Message message : batch) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("messageId", message.id());
            record.put("receiptHandle", "rh-" + message.id() + "-" + message.receives());
            record.put("body", message.body());
            record.put("attributes", Map.of("ApproximateReceiveCount", Integer.toString(message.receives() + 1)));
            record.put("eventSource", "aws:sqs");
            records.add(record);
        }
        return json(Map.of("Records", records));
    }

    @SuppressWarnings("unchecked")
    private static List<String> failedIds(String response) {
        try {
            Object parsed = JSON.std.anyFrom(response);
            if (!(parsed instanceof Map<?, ?> map) || !(map.get("batchItemFailures") instanceof List<?> failures)) {
                return List.of();
            }
            List<String> ids = new ArrayList<>();
            for (Object failure : failures) {
                ids.add(String.valueOf(((Map<String, Object>) failure).get("itemIdentifier")));
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.std.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SimulationReport.ContactEventStatistics statistics() {
        return new SimulationReport.ContactEventStatistics(sent, lost, deadLettered, recordingEventsSent,
                recordingEventsLost);
    }

    boolean done() {
        return queue.isEmpty();
    }

    /** Events the simulated service never delivered (its best effort). */
    int lost() {
        return lost;
    }

    int deadLettered() {
        return deadLettered;
    }
}

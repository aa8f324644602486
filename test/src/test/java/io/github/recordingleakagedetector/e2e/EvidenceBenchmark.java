package io.github.recordingleakagedetector.e2e;

import io.github.recordingleakagedetector.runtime.aws.S3EvidenceArchive;
import io.github.recordingleakagedetector.runtime.evidence.DailyEvidence;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactSnapshot;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactState;
import io.github.recordingleakagedetector.runtime.lifecycle.Participant;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingEvidence;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingExpectation;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingState;
import io.github.recordingleakagedetector.runtime.lifecycle.StoredRecording;
import io.github.recordingleakagedetector.runtime.lifecycle.TrackedContact;
import io.github.recordingleakagedetector.runtime.lifecycle.Verdict;
import io.github.recordingleakagedetector.runtime.store.ContactTable;
import io.github.recordingleakagedetector.runtime.store.DynamoDbContactStore;
import io.github.recordingleakagedetector.runtime.testing.LocalDynamoDb;
import io.github.recordingleakagedetector.runtime.testing.LocalS3;
import io.github.recordingleakagedetector.runtime.testing.TestAwsClients;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code ./benchmark --evidence [contacts ...]}: what writing one day's evidence costs the evidence function, at
 * several day sizes side by side in one run, in this JVM against dynalite and s3proxy: the time of
 * {@link DailyEvidence#writeAgain}, the bytes it allocated (garbage included), the heap's peak above where it started
 * (an upper bound of what it needs: the collector may not have run), and the size of each file.
 *
 * <p>The day's items are copies of four contacts the real store wrote through the life cycle (recorded, missing and
 * alerted, never reached an agent, recording disabled), each with its own contact id, so every row is as large as a
 * real one; they are loaded with {@code BatchWriteItem}, which keeps a 50,000-contact day to a minute or two.
 */
final class EvidenceBenchmark {
    private static final LocalDate DAY = LocalDate.parse("2026-03-14");
    private static final Instant T0 = Instant.parse("2026-03-14T10:00:00Z");
    private static final String INSTANCE = "11111111-2222-3333-4444-555555555555";
    private static final String BUCKET = "evidence-benchmark";

    private EvidenceBenchmark() {
    }

    static void run(List<Integer> sizes) {
        List<String> rows = new ArrayList<>();
        try (LocalDynamoDb dynamoDb = LocalDynamoDb.start(); LocalS3 s3 = LocalS3.startForSimulation()) {
            s3.createBucket(BUCKET);
            S3Client uploads = LocalS3.configureUploads(
                    TestAwsClients.local(S3Client.builder(),
                            s3.endpoint())).build();
            // Warm-up, not reported: the first day in a JVM also pays for compiling the SDK and the writers.
            measure(dynamoDb, uploads, 500);
            for (int contacts : sizes) {
                rows.add(measure(dynamoDb, uploads, contacts));
            }
        }
        System.out.println("| contacts in the day | write time (s) | ms per 1,000 contacts | allocated (MB) "
                + "| heap peak above the start (MB) | recordings.csv (MB) | summary.html (KB) | summary.json (KB) |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        rows.forEach(System.out::println);
    }

    private static String measure(LocalDynamoDb dynamoDb, S3Client s3, int contacts) {
        String table = "evidence-benchmark-" + contacts + "-" + System.nanoTime();
        dynamoDb.createContactTable(table);
        DynamoDbContactStore store = new DynamoDbContactStore(dynamoDb.client(), table);
        List<Map<String, AttributeValue>> templates = templates(dynamoDb, store, table);
        load(dynamoDb, table, templates, contacts);
        S3EvidenceArchive archive = new S3EvidenceArchive(s3, BUCKET, "evidence-" + contacts);
        DailyEvidence evidence = new DailyEvidence(store, archive, report -> { },
                new DailyEvidence.Settings("benchmark", ZoneOffset.UTC, OptionalDouble.of(99.5), Duration.ofDays(1),
                        Duration.ofDays(90)),
                Clock.fixed(T0.plus(Duration.ofDays(3)), ZoneOffset.UTC));
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        System.gc();
        long heapBefore = heapUsed();
        ManagementFactory.getMemoryPoolMXBeans().forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long started = System.nanoTime();
        DailyEvidence.DayResult result = evidence.writeAgain(DAY);
        double seconds = (System.nanoTime() - started) / 1e9;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() - heapBefore;
        if (result.contacts() != contacts) {
            throw new IllegalStateException("The day lists " + result.contacts() + " contacts, not " + contacts);
        }
        Map<String, Long> sizes = new HashMap<>();
        s3.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix("evidence-" + contacts + "/")).contents()
                .forEach(object -> sizes.put(object.key().substring(object.key().lastIndexOf('/') + 1), object.size()));
        String row = String.format("| %,d | %.1f | %.0f | %.0f | %.0f | %.1f | %.0f | %.1f |", contacts, seconds,
                seconds * 1e6 / contacts, allocated / 1e6, peak / 1e6, sizes.get("recordings.csv") / 1e6,
                sizes.get("summary.html") / 1e3, sizes.get("summary.json") / 1e3);
        System.out.println(row);
        return row;
    }

    /** Heap in use now (the sum over the heap's pools). */
    private static long heapUsed() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(pool -> pool.getUsage().getUsed()).sum();
    }

    /** Four contacts taken through the store's own writes, read back as raw items. */
    private static List<Map<String, AttributeValue>> templates(LocalDynamoDb dynamoDb, DynamoDbContactStore store,
            String table) {
        ContactSnapshot answered = new ContactSnapshot(T0, T0.plusSeconds(30), T0.plusSeconds(330), "agent-7",
                "queue-2", "VOICE", "INBOUND", null, "template", List.of());
        ContactSnapshot abandoned = new ContactSnapshot(T0, null, T0.plusSeconds(40), null, "queue-2", "VOICE",
                "INBOUND", null, "template", List.of());
        String key = "connect/centre/CallRecordings/2026/03/14/recorded_20260314T10:05_UTC.wav";
        record(store, "recorded", answered, ContactState.COMPLETED_AGENT, new Verdict(RecordingState.CALL_RECORDED_SUCCESS,
                new RecordingEvidence(List.of(new StoredRecording(key, StoredRecording.sizeOf(299))), 299.0,
                        RecordingEvidence.MEASURED_BY_FILE_SIZE, 300.0, null)));
        record(store, "missing", answered, ContactState.COMPLETED_AGENT,
                new Verdict(RecordingState.CALL_RECORDED_FAILURE, RecordingEvidence.none(300.0)));
        TrackedContact missing = store.find("missing").orElseThrow();
        store.closeAfterAlert("missing", missing.alertPendingSince(), T0.plusSeconds(1300));
        record(store, "abandoned", abandoned, ContactState.COMPLETED_QUEUE_IVR, null);
        store.closeAsNotApplicable(store.find("abandoned").orElseThrow(), T0.plusSeconds(400));
        insert(store, "disabled");
        store.recordObservation(store.find("disabled").orElseThrow(), ContactState.RECORDING_DISABLED, answered,
                T0.plusSeconds(60));
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (String id : List.of("recorded", "missing", "abandoned", "disabled")) {
            Map<String, AttributeValue> itemKey = Map.of(ContactTable.CONTACT_ID, AttributeValue.fromS(id));
            items.add(dynamoDb.client().getItem(r -> r.tableName(table).key(itemKey)).item());
            // Only the copies belong to the measured day.
            dynamoDb.client().deleteItem(r -> r.tableName(table).key(itemKey));
        }
        return items;
    }

    private static void record(DynamoDbContactStore store, String id, ContactSnapshot seen, ContactState state,
            Verdict verdict) {
        insert(store, id);
        store.recordObservation(store.find(id).orElseThrow(), state, seen, T0.plusSeconds(60));
        if (verdict != null) {
            store.recordVerdict(store.find(id).orElseThrow(), verdict, List.of("s3://recordings/" + id), T0.plusSeconds(1200));
        }
    }

    private static void insert(DynamoDbContactStore store, String id) {
        store.insertInitialised(id, INSTANCE, new RecordingExpectation(EnumSet.allOf(Participant.class),
                "Inbound sales", T0.plusSeconds(2)), T0.plusSeconds(3), T0.plus(Duration.ofDays(90)));
    }

    /** {@code contacts} copies of the templates in turn, each under a contact id of its own, 25 to a batch. */
    private static void load(LocalDynamoDb dynamoDb, String table, List<Map<String, AttributeValue>> templates,
            int contacts) {
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < contacts; i++) {
            Map<String, AttributeValue> item = new HashMap<>(templates.get(i % templates.size()));
            item.put(ContactTable.CONTACT_ID, AttributeValue.fromS(String.format("%08d-0000-4000-8000-%012d", i, i)));
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            if (batch.size() == 25 || i == contacts - 1) {
                List<WriteRequest> requests = List.copyOf(batch);
                Map<String, List<WriteRequest>> unprocessed = Map.of(table, requests);
                while (!unprocessed.isEmpty()) {
                    Map<String, List<WriteRequest>> pending = unprocessed;
                    unprocessed = dynamoDb.client().batchWriteItem(r -> r.requestItems(pending)).unprocessedItems();
                }
                batch.clear();
            }
        }
    }
}

package io.github.recordingleakagedetector.runtime.lifecycle;

import static io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries.delivery;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.recordingleakagedetector.runtime.support.HandlerTestBed;
import io.github.recordingleakagedetector.runtime.support.QueuedEventMessages;
import io.github.recordingleakagedetector.runtime.testing.FunctionEnvironment;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two function instances storing different files of one contact at once: neither file is lost. */
@ExtendWith(HandlerTestBed.LocalServers.class)
class RecordingEventIngestionTest {
    private static final Instant T0 = Instant.parse("2024-05-01T09:00:00Z");

    @Test
    void aFileStoredMeanwhileByAnotherWriterIsKeptAndTheEventAppliedOnTop() {
        // GIVEN a tracked contact, and a store where another writer adds the IVR file's event just before each of
        // this writer's first two writes (the version it read is then stale)
        HandlerTestBed bed = new HandlerTestBed().reset(T0);
        String contactId = UUID.randomUUID().toString();
        bed.ingest(delivery().enable(contactId, "Both", T0.plusSeconds(5)));
        String agentKey = HandlerTestBed.PREFIX + "/2024/05/01/" + contactId + "_20240501T09:01_UTC.wav";
        List<SeenRecording> otherWriters = List.of(
                new SeenRecording(HandlerTestBed.PREFIX + "/ivr/2024/05/01/" + contactId + "_a.wav", 100, "01", false),
                new SeenRecording(HandlerTestBed.PREFIX + "/ivr/2024/05/01/" + contactId + "_b.wav", 200, "01", false));
        AtomicInteger writes = new AtomicInteger();
        ContactStore store = bed.store();
        ContactStore racing = (ContactStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ContactStore.class}, (proxy, method, args) -> {
                    int write = method.getName().equals("recordSeenRecordings") ? writes.getAndIncrement() : -1;
                    if (write >= 0 && write < otherWriters.size()) {
                        TrackedContact current = store.find(contactId).orElseThrow();
                        assertThat(store.recordSeenRecordings(current,
                                SeenRecording.merge(current.seenRecordings(), otherWriters.get(write)))).isTrue();
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        QueuedEventReader reader = new QueuedEventReader(new ContactEventInterpreter(FunctionEnvironment.INSTANCE_ARN),
                new RecordingEventInterpreter(bed.bucket(), List.of(HandlerTestBed.PREFIX)));

        // WHEN this writer applies the agent leg's Object Created event
        ContactEventIngestion.Result result = new ContactEventIngestion(racing, 1, bed.clock()).ingest(
                List.of(new ContactEventIngestion.Message("m-1", QueuedEventMessages.json(Map.of(
                        "detail-type", "Object Created", "source", "aws.s3", "time", T0.plusSeconds(120).toString(),
                        "detail", Map.of("bucket", Map.of("name", bed.bucket()),
                                "object", Map.of("key", agentKey, "size", 32_044, "sequencer", "02")))))),
                reader);

        // THEN it lost two races, read again each time, and all three files are seen
        assertThat(result.failedMessageIds()).isEmpty();
        assertThat(result.summary().outcome(Outcome.RECORDING_SEEN)).isEqualTo(1);
        assertThat(writes.get()).isEqualTo(3);
        assertThat(store.find(contactId).orElseThrow().seenRecordings()).extracting(SeenRecording::key)
                .containsExactlyInAnyOrder(agentKey, otherWriters.get(0).key(), otherWriters.get(1).key());
    }
}

package io.github.recordingleakagedetector.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries;
import io.github.recordingleakagedetector.runtime.support.MutableClock;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the handler tests against dynalite cannot provoke on demand: a contact that changes between every read and
 * write of the ingest.
 */
class FlowLogIngestionTest {
    private static final Instant T0 = Instant.parse("2024-05-01T09:00:00Z");

    /** A table in which the contact exists at every insert and is gone at every read: each attempt is lost. */
    private static ContactStore alwaysChangingContact() {
        return (ContactStore) Proxy.newProxyInstance(ContactStore.class.getClassLoader(),
                new Class<?>[] {ContactStore.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "insertInitialised", "insertRecordingDisabled" -> false;
                    case "find" -> Optional.empty();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static FlowLogRecord enable(String contactId) {
        return new FlowLogRecord("event-1", T0.toEpochMilli(), "{\"ContactId\":\"" + contactId + "\","
                + "\"ContactFlowId\":\"" + FlowLogDeliveries.FLOW_ARN + "\",\"ContactFlowModuleType\":\"SetRecordingBehavior\",\"Timestamp\":\"" + T0 + "\","
                + "\"Parameters\":{\"RecordingBehaviorOption\":\"Enable\",\"RecordingParticipantOption\":\"Agent\"}}");
    }

    @Test
    void aChangeThatKeepsLosingItsRaceFailsTheBatchInsteadOfBeingDropped() {
        FlowLogIngestion ingestion = new FlowLogIngestion(alwaysChangingContact(), Duration.ofDays(90), 8,
                new MutableClock(T0));

        assertThatThrownBy(() -> ingestion.ingest(List.of(enable("c-1"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Contact c-1 changed on every one of 3 attempts to record its recording-behaviour change;"
                        + " failing the batch so that it is delivered again");
    }
}

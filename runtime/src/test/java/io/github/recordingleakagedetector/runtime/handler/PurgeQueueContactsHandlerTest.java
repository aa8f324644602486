package io.github.recordingleakagedetector.runtime.handler;

import static io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries.INSTANCE_ID;
import static io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries.delivery;
import static io.github.recordingleakagedetector.runtime.support.HandlerTestBed.connect;
import static io.github.recordingleakagedetector.runtime.support.HandlerTestBed.outcome;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.recordingleakagedetector.runtime.lifecycle.ContactCategory;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactState;
import io.github.recordingleakagedetector.runtime.support.FakeLambdaContext;
import io.github.recordingleakagedetector.runtime.support.HandlerTestBed;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(HandlerTestBed.LocalServers.class)
class PurgeQueueContactsHandlerTest {
    private static final Instant T0 = Instant.parse("2024-05-01T09:00:00Z");
    private final HandlerTestBed bed = new HandlerTestBed();

    @Test
    void deletesOnlyContactsThatEndedWithoutAnAgent() {
        // GIVEN one abandoned call, one handled call, and one still in the IVR
        bed.reset(T0);
        connect().contact(INSTANCE_ID, "abandoned").initiatedAt(T0).disconnectedAt(T0.plusSeconds(20));
        connect().contact(INSTANCE_ID, "handled").initiatedAt(T0).connectedToAgentAt(T0.plusSeconds(5), "a")
                .disconnectedAt(T0.plusSeconds(20));
        connect().contact(INSTANCE_ID, "in-ivr").initiatedAt(T0);
        bed.ingest(delivery().enable("abandoned", "Both", T0).enable("handled", "Both", T0)
                .enable("in-ivr", "Both", T0));
        bed.clock().advance(Duration.ofMinutes(1));
        bed.pollInitialisedHandler().handleRequest(Map.of(), FakeLambdaContext.withPlentyOfTime());

        // WHEN the purge step of a later execution runs
        bed.clock().advance(Duration.ofMinutes(5));
        Map<String, Object> summary = bed.purgeHandler().handleRequest(Map.of(), FakeLambdaContext.withPlentyOfTime());

        // THEN only the abandoned call is closed, as not applicable, and stays for the day's figures
        assertThat(outcome(summary, "notApplicable")).isEqualTo(1);
        assertThat(summary.get("remaining")).isEqualTo(0L);
        assertThat(bed.contact("abandoned").open()).isFalse();
        assertThat(ContactCategory.of(bed.contact("abandoned"))).isEqualTo(ContactCategory.NOT_APPLICABLE);
        assertThat(bed.contact("handled").state()).isEqualTo(ContactState.COMPLETED_AGENT);
        assertThat(bed.contact("in-ivr").state()).isEqualTo(ContactState.IN_PROGRESS_QUEUE_IVR);
    }
}

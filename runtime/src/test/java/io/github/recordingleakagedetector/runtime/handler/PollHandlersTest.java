package io.github.recordingleakagedetector.runtime.handler;

import static io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries.INSTANCE_ID;
import static io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries.delivery;
import static io.github.recordingleakagedetector.runtime.support.HandlerTestBed.connect;
import static io.github.recordingleakagedetector.runtime.support.HandlerTestBed.outcome;
import static io.github.recordingleakagedetector.runtime.support.HandlerTestBed.sns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.recordingleakagedetector.runtime.lifecycle.ContactState;
import io.github.recordingleakagedetector.runtime.lifecycle.TrackedContact;
import io.github.recordingleakagedetector.runtime.support.FakeLambdaContext;
import io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries;
import io.github.recordingleakagedetector.runtime.support.HandlerTestBed;
import io.github.recordingleakagedetector.runtime.testing.EmbeddedMetricFormat;
import io.github.recordingleakagedetector.runtime.testing.SnsRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.connect.model.ContactInitiationMethod;

@ExtendWith(HandlerTestBed.LocalServers.class)
class PollHandlersTest {
    private static final Instant T0 = Instant.parse("2024-05-01T09:00:00Z");
    private final HandlerTestBed bed = new HandlerTestBed();

    @BeforeEach
    void reset() {
        bed.reset(T0);
    }

    private void ingestEnabled(String... contactIds) {
        FlowLogDeliveries delivery = delivery();
        for (String contactId : contactIds) {
            delivery.enable(contactId, "Both", bed.clock().instant());
        }
        bed.ingest(delivery);
    }

    private Map<String, Object> pollInitialised() {
        return bed.pollInitialisedHandler().handleRequest(Map.of(), FakeLambdaContext.withPlentyOfTime());
    }

    private Map<String, Object> pollInProgress() {
        return bed.pollInProgressHandler().handleRequest(Map.of(), FakeLambdaContext.withPlentyOfTime());
    }

    @Test
    void initialisedContactsAreClassifiedIntoTheFourStates() {
        // GIVEN four contacts at four points of their life
        connect().contact(INSTANCE_ID, "queued").initiatedAt(T0).enqueuedAt(T0.plusSeconds(5), "q1");
        connect().contact(INSTANCE_ID, "talking").initiatedAt(T0).enqueuedAt(T0.plusSeconds(5), "q1")
                .connectedToAgentAt(T0.plusSeconds(20), "agent-1");
        connect().contact(INSTANCE_ID, "abandoned").initiatedAt(T0).enqueuedAt(T0.plusSeconds(5), "q1")
                .disconnectedAt(T0.plusSeconds(30));
        connect().contact(INSTANCE_ID, "handled").initiatedAt(T0).enqueuedAt(T0.plusSeconds(5), "q1")
                .connectedToAgentAt(T0.plusSeconds(20), "agent-2").disconnectedAt(T0.plusSeconds(50))
                .recording("bucket/rec.wav", T0.plusSeconds(55));
        ingestEnabled("queued", "talking", "abandoned", "handled");
        bed.clock().advance(Duration.ofMinutes(1));

        // WHEN the initialised contacts are polled
        Map<String, Object> summary = pollInitialised();

        // THEN each lands in its state with what DescribeContact said
        assertThat(bed.contact("queued").state()).isEqualTo(ContactState.IN_PROGRESS_QUEUE_IVR);
        assertThat(bed.contact("talking").state()).isEqualTo(ContactState.IN_PROGRESS_AGENT);
        assertThat(bed.contact("abandoned").state()).isEqualTo(ContactState.COMPLETED_QUEUE_IVR);
        TrackedContact handled = bed.contact("handled");
        assertThat(handled.state()).isEqualTo(ContactState.COMPLETED_AGENT);
        assertThat(handled.observed().initiatedAt()).isEqualTo(T0);
        assertThat(handled.observed().connectedToAgentAt()).isEqualTo(T0.plusSeconds(20));
        assertThat(handled.observed().disconnectedAt()).isEqualTo(T0.plusSeconds(50));
        assertThat(handled.observed().agentId()).isEqualTo("agent-2");
        assertThat(handled.observed().queueId()).isEqualTo("q1");
        assertThat(handled.observed().channel()).isEqualTo("VOICE");
        assertThat(handled.observed().initiationMethod()).isEqualTo("INBOUND");
        assertThat(handled.observed().recordingLocations()).containsExactly("bucket/rec.wav");
        assertThat(summary.get("read")).isEqualTo(4L);
        assertThat(outcome(summary, "COMPLETED - AGENT")).isEqualTo(1);
        assertThat(outcome(summary, "IN_PROGRESS - QUEUE/IVR")).isEqualTo(1);
        assertThat(summary.get("remaining")).isEqualTo(0L);
    }

    @Test
    void inProgressContactsAreReclassifiedAsTheyEnd() {
        connect().contact(INSTANCE_ID, "c-1").initiatedAt(T0).enqueuedAt(T0.plusSeconds(5), "q1");
        ingestEnabled("c-1");
        bed.clock().advance(Duration.ofSeconds(10));
        pollInitialised();
        Map<String, Object> sameExecution = pollInProgress();
        bed.clock().advance(Duration.ofMinutes(5));
        Map<String, Object> stillQueued = pollInProgress();

        connect().contact(INSTANCE_ID, "c-1").connectedToAgentAt(T0.plusSeconds(60), "agent-1");
        bed.clock().advance(Duration.ofMinutes(5));
        Map<String, Object> withAgent = pollInProgress();

        connect().contact(INSTANCE_ID, "c-1").disconnectedAt(T0.plusSeconds(400));
        bed.clock().advance(Duration.ofMinutes(5));
        Map<String, Object> ended = pollInProgress();

        // a contact the execution's first step just described is not described again by its second
        assertThat(sameExecution.get("read")).isEqualTo(0L);
        assertThat(outcome(stillQueued, "unchanged")).isEqualTo(1);
        assertThat(outcome(withAgent, "IN_PROGRESS - AGENT")).isEqualTo(1);
        assertThat(outcome(ended, "COMPLETED - AGENT")).isEqualTo(1);
        assertThat(bed.contact("c-1").state()).isEqualTo(ContactState.COMPLETED_AGENT);
        assertThat(connect().describeCount("c-1")).isEqualTo(4);
    }

    @Test
    void aTransferredCallKeepsItsPreviousContactId() {
        connect().contact(INSTANCE_ID, "c-2").initiatedAt(T0).initiationMethod(ContactInitiationMethod.TRANSFER)
                .previousContactId("c-1").connectedToAgentAt(T0.plusSeconds(5), "agent-9");
        ingestEnabled("c-2");

        pollInitialised();

        assertThat(bed.contact("c-2").observed().previousContactId()).isEqualTo("c-1");
        assertThat(bed.contact("c-2").observed().initiationMethod()).isEqualTo("TRANSFER");
    }

    @Test
    void throttlingIsRetriedWithBackoffAndThenSucceeds() {
        connect().contact(INSTANCE_ID, "c-1").initiatedAt(T0).connectedToAgentAt(T0.plusSeconds(5), "agent");
        ingestEnabled("c-1");
        bed.clock().advance(Duration.ofMinutes(1));
        connect().throttleNextRequests(2);

        Map<String, Object> summary = pollInitialised();

        assertThat(outcome(summary, "IN_PROGRESS - AGENT")).isEqualTo(1);
        assertThat(connect().describeCount("c-1")).isEqualTo(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void throttlingThatOutlastsTheRetriesLeavesTheContactsForTheNextRun() {
        // One contact at a time, so that the exhausted retries hit a known contact
        bed.with("CONCURRENT_CONTACTS", "1");
        connect().contact(INSTANCE_ID, "c-1").initiatedAt(T0).connectedToAgentAt(T0.plusSeconds(5), "agent");
        connect().contact(INSTANCE_ID, "c-2").initiatedAt(T0).connectedToAgentAt(T0.plusSeconds(5), "agent");
        ingestEnabled("c-1", "c-2");
        bed.clock().advance(Duration.ofMinutes(1));
        connect().throttleNextRequests(3);

        Map<String, Object>[] runs = new Map[1];
        String logs = HandlerTestBed.logsOf(() -> runs[0] = pollInitialised());
        Map<String, Object> throttled = runs[0];
        Map<String, Object> nextRun = pollInitialised();

        assertThat(outcome(throttled, "throttled")).isEqualTo(1);
        // ... and the run's metrics count the one request made and its throttling, for the dashboard
        assertThat(logs.lines().filter(EmbeddedMetricFormat::isMetricLine).map(EmbeddedMetricFormat::parse)
                .flatMap(document -> document.directives().stream()).toList()).singleElement()
                .satisfies(directive -> {
                    assertThat(directive.values().get("DescribeContactCalls").longValue()).isEqualTo(1);
                    assertThat(directive.values().get("DescribeContactThrottled").longValue()).isEqualTo(1);
                });
        assertThat(throttled.get("stoppedEarly")).isEqualTo(true);
        assertThat(throttled.get("remaining")).isEqualTo(2L);
        assertThat(outcome(nextRun, "IN_PROGRESS - AGENT")).isEqualTo(2);
    }

    @Test
    void aContactConnectDoesNotKnowIsMarkedAndAskedAgainNextRun() {
        ingestEnabled("c-1");

        Map<String, Object> first = pollInitialised();
        TrackedContact marked = bed.contact("c-1");
        connect().contact(INSTANCE_ID, "c-1").initiatedAt(T0).enqueuedAt(T0.plusSeconds(1), "q");
        bed.clock().advance(Duration.ofMinutes(5));
        Map<String, Object> second = pollInitialised();

        assertThat(outcome(first, "notFound")).isEqualTo(1);
        assertThat(marked.state()).isEqualTo(ContactState.INITIALISED);
        assertThat(marked.describeNotFoundCount()).isEqualTo(1);
        assertThat(marked.lastDescribeError()).startsWith("DescribeContact: ");
        assertThat(outcome(second, "IN_PROGRESS - QUEUE/IVR")).isEqualTo(1);
    }

    @Test
    void aContactTrackedPastTheMaximumAgeIsReportedUnverifiableNotDropped() {
        bed.with("MAX_TRACKING_AGE_SECONDS", "3600");
        ingestEnabled("ghost");
        pollInitialised();

        bed.clock().advance(Duration.ofMinutes(61));
        String logs = HandlerTestBed.logsOf(() -> {
            Map<String, Object> summary = pollInitialised();
            assertThat(outcome(summary, "unverifiable")).isEqualTo(1);
        });

        TrackedContact reported = bed.contact("ghost");
        assertThat(reported.state()).isEqualTo(ContactState.UNVERIFIABLE);
        assertThat(reported.updatedAt()).isNull();
        List<SnsRecorder.PublishedMessage> alerts = sns().published();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).topicArn()).isEqualTo(HandlerTestBed.TOPIC_ARN);
        assertThat(alerts.get(0).subject()).isEqualTo("Call recording unverifiable for contact ghost");
        assertThat(alerts.get(0).messageAttributes()).containsEntry("alertType", "CONTACT_UNVERIFIABLE");
        assertThat(alerts.get(0).message()).contains("\"contactId\":\"ghost\"", "DescribeContact");
        assertThat(logs).contains("\"ContactsUnverifiable\":1");
        assertThat(pollInitialised().get("read")).isEqualTo(0L);
    }

    @Test
    void twoOverlappingRunsMoveEachContactOnceAndLoseNone() throws Exception {
        // GIVEN forty initialised contacts and a Connect that answers slowly enough for the runs to overlap
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = String.format("c-%02d", i);
            ids.add(id);
            connect().contact(INSTANCE_ID, id).initiatedAt(T0).connectedToAgentAt(T0.plusSeconds(3), "agent");
        }
        ingestEnabled(ids.toArray(String[]::new));
        bed.clock().advance(Duration.ofMinutes(1));
        // 20 calls/s: each run takes two seconds, so both read the index before either has moved much
        bed.with("DESCRIBE_CONTACT_RATE_LIMIT", "20");

        // WHEN two executions poll the same contacts at the same time
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Callable<Map<String, Object>>> runs = List.of(this::pollInitialised, this::pollInitialised);
        List<Map<String, Object>> summaries = new ArrayList<>();
        try {
            for (Future<Map<String, Object>> run : pool.invokeAll(runs)) {
                summaries.add(run.get());
            }
        } finally {
            pool.shutdown();
        }

        // THEN every contact moved exactly once, every lost race is counted, and nothing is left behind
        long moved = summaries.stream().mapToLong(s -> outcome(s, "IN_PROGRESS - AGENT")).sum();
        long lost = summaries.stream().mapToLong(s -> outcome(s, "raceLost")).sum();
        long read = summaries.stream().mapToLong(s -> (Long) s.get("read")).sum();
        assertThat(moved).isEqualTo(40);
        assertThat(lost).isPositive();
        assertThat(read).isEqualTo(moved + lost);
        for (String id : ids) {
            TrackedContact contact = bed.contact(id);
            assertThat(contact.state()).isEqualTo(ContactState.IN_PROGRESS_AGENT);
            assertThat(contact.version()).isEqualTo(2);
        }
    }

    @Test
    void theBudgetIsReadWhenAWorkerFreesUpNotBeforeWaitingForOne() {
        // GIVEN one worker, and an invocation that loses 50 s of its 60 s with the first DescribeContact
        bed.with("CONCURRENT_CONTACTS", "1");
        List<String> ids = List.of("c-0", "c-1", "c-2");
        ids.forEach(id -> connect().contact(INSTANCE_ID, id).initiatedAt(T0).enqueuedAt(T0, "q"));
        ingestEnabled(ids.toArray(String[]::new));
        IntSupplier remainingMillis = () -> 60_000 - 50_000 * ids.stream().mapToInt(connect()::describeCount).sum();

        // WHEN the step runs
        Map<String, Object> summary = bed.pollInitialisedHandler().handleRequest(Map.of(),
                new FakeLambdaContext(remainingMillis));

        // THEN the contact that waited for the worker is not started inside the 20 s margin
        assertThat(summary.get("read")).isEqualTo(1L);
        assertThat(summary.get("stoppedEarlyBecause")).isEqualTo("time budget");
    }

    @Test
    void aRunStopsTakingWorkWhenItsTimeRunsShortAndReportsWhatRemains() {
        for (int i = 0; i < 5; i++) {
            connect().contact(INSTANCE_ID, "c-" + i).initiatedAt(T0).enqueuedAt(T0, "q");
        }
        ingestEnabled("c-0", "c-1", "c-2", "c-3", "c-4");
        AtomicInteger remainingMillis = new AtomicInteger(60_000);

        // the invocation's clock loses 15 s per contact; the margin is 20 s
        Map<String, Object> summary = bed.pollInitialisedHandler().handleRequest(Map.of(),
                new FakeLambdaContext(() -> remainingMillis.getAndAdd(-15_000)));

        assertThat(summary.get("read")).isEqualTo(3L);
        assertThat(summary.get("stoppedEarly")).isEqualTo(true);
        assertThat(summary.get("stoppedEarlyBecause")).isEqualTo("time budget");
        assertThat(summary.get("remaining")).isEqualTo(2L);
    }

    @Test
    void contactsAreServedOldestChangeFirst() {
        for (String id : List.of("old", "middle", "new")) {
            connect().contact(INSTANCE_ID, id).initiatedAt(T0).enqueuedAt(T0, "q");
            ingestEnabled(id);
            bed.clock().advance(Duration.ofSeconds(1));
        }
        AtomicInteger remainingMillis = new AtomicInteger(40_000);

        bed.pollInitialisedHandler().handleRequest(Map.of(),
                new FakeLambdaContext(() -> remainingMillis.getAndAdd(-15_000)));

        assertThat(bed.contact("old").state()).isEqualTo(ContactState.IN_PROGRESS_QUEUE_IVR);
        assertThat(bed.contact("middle").state()).isEqualTo(ContactState.IN_PROGRESS_QUEUE_IVR);
        assertThat(bed.contact("new").state()).isEqualTo(ContactState.INITIALISED);
    }

    @Test
    void aRunInWhichEveryDescribeContactFailsFailsLoudly() {
        connect().contact(INSTANCE_ID, "c-1").initiatedAt(T0);
        ingestEnabled("c-1");
        connect().failNextRequests(3);

        assertThatThrownBy(this::pollInitialised)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Every DescribeContact call of this run failed");
        assertThat(bed.contact("c-1").state()).isEqualTo(ContactState.INITIALISED);
    }

    @Test
    void aRequestConnectRejectsIsCountedApartAndTheContactIsKeptForTheNextRun() {
        // GIVEN one contact whose id Connect rejects as invalid, beside one it knows
        connect().rejectAsInvalid("bad-id");
        connect().contact(INSTANCE_ID, "c-1").initiatedAt(T0);
        ingestEnabled("bad-id", "c-1");

        // WHEN the initialised contacts are polled
        Map<String, Object> summary = pollInitialised();

        // THEN the rejection is its own outcome, the contact stays with the error kept, and the run succeeds
        assertThat(outcome(summary, "rejected")).isEqualTo(1);
        assertThat(outcome(summary, "notFound")).isZero();
        TrackedContact rejected = bed.contact("bad-id");
        assertThat(rejected.state()).isEqualTo(ContactState.INITIALISED);
        assertThat(rejected.describeNotFoundCount()).isZero();
        assertThat(rejected.lastDescribeError()).startsWith("DescribeContact rejected the request (InvalidParameterException)");
        assertThat(bed.contact("c-1").state()).isEqualTo(ContactState.IN_PROGRESS_QUEUE_IVR);
    }

    @Test
    void aRunInWhichConnectRejectsEveryRequestFailsLoudlyAsAMisconfiguration() {
        // GIVEN contacts whose every DescribeContact is rejected (as with a wrong instance or Region)
        connect().rejectAsInvalid("c-1");
        connect().rejectAsInvalid("c-2");
        ingestEnabled("c-1", "c-2");

        // WHEN polled, THEN the run fails and says why, and the contacts are kept
        assertThatThrownBy(this::pollInitialised)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Every DescribeContact call of this run (2) was rejected as invalid: check the "
                        + "instance and Region the detector is deployed for");
        assertThat(bed.contact("c-1").state()).isEqualTo(ContactState.INITIALISED);
        assertThat(bed.contact("c-2").state()).isEqualTo(ContactState.INITIALISED);
    }

    @Test
    void anUnreadableTableFailsTheInvocation() {
        bed.with("CONTACT_TABLE_NAME", "no-such-table");

        assertThatThrownBy(this::pollInitialised)
                .isInstanceOf(software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException.class);
    }

    @Test
    void concurrentWorkersProcessEveryContactOnceAcrossPagesAndRespectTheRateLimit() {
        // GIVEN 150 queued contacts (two index pages: a contact whose state does not change still moves to the end
        // of its index partition, where a later page would meet it again), 8 workers, 200 DescribeContact calls/s
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String id = "w-" + i;
            ids.add(id);
            connect().contact(INSTANCE_ID, id).initiatedAt(T0).enqueuedAt(T0, "q");
        }
        ingestEnabled(ids.toArray(String[]::new));
        bed.with("CONCURRENT_CONTACTS", "8").with("DESCRIBE_CONTACT_RATE_LIMIT", "200");
        assertThat(outcome(pollInitialised(), "IN_PROGRESS - QUEUE/IVR")).isEqualTo(150);
        bed.clock().advance(Duration.ofMinutes(5));

        // WHEN the in-progress step runs while every caller is still queued
        long started = System.nanoTime();
        Map<String, Object> summary = pollInProgress();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // THEN each contact was described once more, not twice; 150 calls at 200/s cannot take less than 0.745 s
        assertThat(summary.get("read")).isEqualTo(150L);
        assertThat(outcome(summary, "unchanged")).isEqualTo(150);
        assertThat(ids).allSatisfy(id -> assertThat(connect().describeCount(id)).isEqualTo(2));
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(745));
    }

    @Test
    void aFailingContactStopsTheRunAndFailsItAfterTheContactsInFlight() {
        bed.with("CONCURRENT_CONTACTS", "4").with("MAX_TRACKING_AGE_SECONDS", "60");
        ingestEnabled("old-1", "old-2");
        bed.clock().advance(Duration.ofMinutes(2));
        sns().denyPublishes(true);

        assertThatThrownBy(this::pollInitialised)
                .isInstanceOf(software.amazon.awssdk.services.sns.model.AuthorizationErrorException.class);
        // the contact was claimed before its alert failed, and the claim stays: the check step re-sends it later
        // (old-2 may or may not have started before the run stopped taking work)
        assertThat(bed.contact("old-1").alertPendingSince()).isNotNull();
    }

    @Test
    void aStepReadsOnlyContactsChangedBeforeItsExecutionStarted() {
        connect().contact(INSTANCE_ID, "c-1").initiatedAt(T0).enqueuedAt(T0, "q");
        Instant beforeIngest = bed.clock().instant();
        ingestEnabled("c-1");

        Map<String, Object> olderExecution = bed.pollInitialisedHandler().handleRequest(
                Map.of("executionStartTime", beforeIngest.toString()), FakeLambdaContext.withPlentyOfTime());
        Map<String, Object> laterExecution = bed.pollInitialisedHandler().handleRequest(
                Map.of("executionStartTime", bed.clock().instant().toString()), FakeLambdaContext.withPlentyOfTime());

        assertThat(olderExecution.get("read")).isEqualTo(0L);
        assertThat(olderExecution.get("remaining")).isEqualTo(1L);
        assertThat(laterExecution.get("read")).isEqualTo(1L);
        assertThatThrownBy(() -> bed.pollInitialisedHandler().handleRequest(
                Map.of("executionStartTime", "yesterday"), FakeLambdaContext.withPlentyOfTime()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("executionStartTime 'yesterday' is not an ISO-8601 instant");
    }

    @Test
    void aContactWhoseAgentJoinedWhileRecordingWasOffIsClosedAsDisabled() {
        // GIVEN recording enabled at once, disabled at T0+10 s, and the agent joining at T0+30 s
        connect().contact(INSTANCE_ID, "c-off").initiatedAt(T0).connectedToAgentAt(T0.plusSeconds(30), "agent");
        bed.ingest(delivery().enable("c-off", "Both", T0).disable("c-off", T0.plusSeconds(10)));
        bed.clock().set(T0.plusSeconds(60));

        Map<String, Object> summary = pollInitialised();

        assertThat(outcome(summary, "RECORDING_DISABLED")).isEqualTo(1);
        TrackedContact contact = bed.contact("c-off");
        assertThat(contact.state()).isEqualTo(ContactState.RECORDING_DISABLED);
        assertThat(contact.updatedAt()).isNull();
    }

    @Test
    void aDisableAfterTheAgentJoinedDoesNotCloseTheContact() {
        connect().contact(INSTANCE_ID, "c-on").initiatedAt(T0).connectedToAgentAt(T0.plusSeconds(30), "agent")
                .disconnectedAt(T0.plusSeconds(90));
        bed.ingest(delivery().enable("c-on", "Both", T0).disable("c-on", T0.plusSeconds(95)));
        bed.clock().set(T0.plusSeconds(120));

        Map<String, Object> summary = pollInitialised();

        assertThat(outcome(summary, "COMPLETED - AGENT")).isEqualTo(1);
        assertThat(bed.contact("c-on").state()).isEqualTo(ContactState.COMPLETED_AGENT);
    }
}

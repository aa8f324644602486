package io.github.recordingleakagedetector.runtime.handler;

import static io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries.INSTANCE_ID;
import static io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries.delivery;
import static io.github.recordingleakagedetector.runtime.support.HandlerTestBed.PREFIX;
import static io.github.recordingleakagedetector.runtime.support.HandlerTestBed.connect;
import static io.github.recordingleakagedetector.runtime.support.HandlerTestBed.s3;
import static io.github.recordingleakagedetector.runtime.support.HandlerTestBed.sns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.jr.ob.JSON;
import io.github.recordingleakagedetector.runtime.support.FakeLambdaContext;
import io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries;
import io.github.recordingleakagedetector.runtime.support.HandlerTestBed;
import io.github.recordingleakagedetector.runtime.testing.CsvRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The daily evidence, from contacts that went through the real handlers against dynalite and s3proxy: written once a
 * day is over and settled, exact under redelivery and overlapping runs, the same when re-run, escaped, and filed by
 * the centre's day.
 */
@ExtendWith(HandlerTestBed.LocalServers.class)
class DailyEvidenceHandlerTest {
    private static final Instant T0 = Instant.parse("2024-05-01T09:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2024-05-01");
    /** The first hourly run after 1 May ended and settled (6 hours). */
    private static final Instant NEXT_MORNING = Instant.parse("2024-05-02T06:20:00Z");
    private static final String HOSTILE_FLOW = "<script>alert('flow')</script>";
    private static final String FORMULA_FLOW = "=HYPERLINK(\"http://evil\",\"x\")";
    private final HandlerTestBed bed = new HandlerTestBed();

    @BeforeEach
    void reset() {
        bed.reset(T0).with("COMPLIANCE_TARGET_PERCENT", "99.5");
    }

    /** Five contacts, one of each kind the day can hold, through every step until each has its category. */
    private FlowLogDeliveries aDayOfCalls() {
        answered("recorded");
        answered("missing");
        answered("hostile");
        answered("formula");
        connect().contact(INSTANCE_ID, "abandoned").initiatedAt(T0).disconnectedAt(T0.plusSeconds(20));
        s3().putRecording(bed.bucket(), PREFIX + "/2024/05/01/recorded_20240501T09:00_UTC.wav", 55);
        FlowLogDeliveries delivery = delivery().enable("recorded", "Both", T0).enable("missing", "Both", T0)
                .enable("abandoned", "Both", T0).disable("disabled", T0)
                .inFlow(HOSTILE_FLOW).enable("hostile", "Both", T0)
                .inFlow(FORMULA_FLOW).enable("formula", "Both", T0);
        bed.ingest(delivery);
        return delivery;
    }

    private void answered(String contactId) {
        connect().contact(INSTANCE_ID, contactId).initiatedAt(T0).connectedToAgentAt(T0.plusSeconds(5), "agent-1")
                .disconnectedAt(T0.plusSeconds(60));
    }

    /** Workflow runs every five minutes until past the recording grace period. */
    private void runTheWorkflowUntilEveryVerdictIsIn() {
        bed.clock().set(T0.plusSeconds(90));
        for (int run = 0; run < 6; run++) {
            bed.runWorkflow();
            bed.clock().advance(Duration.ofMinutes(5));
        }
    }

    private Map<String, Object> evidence(Map<String, Object> input) {
        return bed.evidenceHandler().handleRequest(input, FakeLambdaContext.withPlentyOfTime());
    }

    private String file(LocalDate day, String name) {
        String key = "evidence/" + day.toString().replace('-', '/') + "/" + name;
        return s3().client().getObjectAsBytes(r -> r.bucket(bed.bucket()).key(key)).asString(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> json(String text) {
        try {
            return JSON.std.mapFrom(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dayResult(Map<String, Object> result, LocalDate day) {
        return ((List<Map<String, Object>>) result.get("days")).stream()
                .filter(d -> d.get("day").equals(day.toString())).findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + day + " in " + result));
    }


    @Test
    @SuppressWarnings("unchecked")
    void aSettledDayIsWrittenWithExactFiguresEveryContactInTheFileAndOneReport() {
        // GIVEN a day whose six contacts all reached their category
        aDayOfCalls();
        runTheWorkflowUntilEveryVerdictIsIn();

        // WHEN the scheduled run comes after the day ended and settled
        bed.clock().set(NEXT_MORNING);
        Map<String, Object> result = evidence(Map.of());

        // THEN the day is written: the figures count each category exactly, the file lists every contact once
        assertThat(dayResult(result, DAY)).containsEntry("outcome", "written").containsEntry("contacts", 6L);
        Map<String, Object> summary = json(file(DAY, "summary.json"));
        assertThat((Map<String, Object>) summary.get("categories")).containsEntry("recorded", 1)
                .containsEntry("missing", 3).containsEntry("notApplicable", 1)
                .containsEntry("notRecordedIntentionally", 1).containsEntry("pending", 0);
        assertThat(summary).containsEntry("requiredRecording", 4).containsEntry("compliancePercent", 25.0)
                .containsEntry("compliancePercentTarget", 99.5).containsEntry("meetsTarget", false)
                .containsEntry("complete", true).containsEntry("day", "2024-05-01");
        List<Map<String, String>> rows = CsvRecords.rows(file(DAY, "recordings.csv"));
        assertThat(rows).extracting(row -> row.get("contact_id") + "=" + row.get("category"))
                .containsExactly("abandoned=notApplicable", "disabled=notRecordedIntentionally", "formula=missing",
                        "hostile=missing", "missing=missing", "recorded=recorded");
        assertThat(rows.get(5)).containsEntry("recording_keys", PREFIX + "/2024/05/01/recorded_20240501T09:00_UTC.wav")
                .containsEntry("audio_seconds", "55.000").containsEntry("agent_leg_seconds", "55.000")
                .containsEntry("agent_id", "agent-1").containsEntry("recorded_participants", "AGENT CUSTOMER")
                .containsEntry("recording_flow", "Inbound").containsEntry("initiation_timestamp", T0.toString());
        assertThat(rows.get(4).get("alerted_at")).isNotEmpty();
        assertThat(rows.get(5).get("alerted_at")).isEmpty();
        // ... and one report, on the report topic, names the figures and the files
        assertThat(sns().published()).filteredOn(m -> m.topicArn().equals(HandlerTestBed.REPORT_TOPIC_ARN))
                .singleElement().satisfies(report -> {
                    assertThat(report.subject())
                            .isEqualTo("Call recording evidence 2024-05-01: 25.00% recorded - BELOW TARGET");
                    assertThat(report.message()).contains("s3://" + bed.bucket() + "/evidence/2024/05/01/summary.html")
                            .contains("\"contactsNeedingAttention\" : 3").doesNotContain("\"needingAttention\"");
                });
    }

    @Test
    void redeliveredEventsAndOverlappingRunsNeverCountAContactTwice() throws Exception {
        // GIVEN the day's events delivered three times, and every workflow run made by two overlapping executions
        FlowLogDeliveries delivery = aDayOfCalls();
        bed.ingest(delivery);
        bed.ingest(delivery);
        bed.clock().set(T0.plusSeconds(90));
        for (int run = 0; run < 6; run++) {
            CompletableFuture<Void> first = CompletableFuture.runAsync(bed::runWorkflow);
            CompletableFuture<Void> second = CompletableFuture.runAsync(bed::runWorkflow);
            CompletableFuture.allOf(first, second).get();
            bed.clock().advance(Duration.ofMinutes(5));
        }

        // WHEN the day is written
        bed.clock().set(NEXT_MORNING);
        evidence(Map.of());

        // THEN the figures are those of six contacts, each listed once
        Map<String, Object> summary = json(file(DAY, "summary.json"));
        assertThat(summary).containsEntry("contacts", 6).containsEntry("requiredRecording", 4);
        assertThat(CsvRecords.rows(file(DAY, "recordings.csv"))).extracting(row -> row.get("contact_id"))
                .doesNotHaveDuplicates().hasSize(6);
    }

    @Test
    void aDayWaitsForItsOpenContactsThenAtTheDeadlineListsThemPending() {
        // GIVEN a day with a call still going on at its end, never polled again (say, Connect was unreachable)
        connect().contact(INSTANCE_ID, "long-call").initiatedAt(T0).connectedToAgentAt(T0.plusSeconds(5), "agent-1");
        bed.ingest(delivery().enable("long-call", "Both", T0));
        bed.clock().set(T0.plusSeconds(90));
        bed.runWorkflow();

        // WHEN the scheduled run comes the next morning, and again after the maximum tracking age
        bed.clock().set(NEXT_MORNING);
        Map<String, Object> early = evidence(Map.of());
        // 1 May's deadline: its end, plus the maximum tracking age (24 h), plus the settling time (6 h)
        bed.clock().set(Instant.parse("2024-05-03T06:00:00Z"));
        Map<String, Object> late = evidence(Map.of());

        // THEN it first waits, writing nothing, then writes the day with the open contact listed as pending
        assertThat(dayResult(early, DAY)).containsEntry("outcome", "waiting").containsEntry("pending", 1L);
        assertThat(dayResult(late, DAY)).containsEntry("outcome", "writtenWithPending").containsEntry("pending", 1L);
        assertThat(json(file(DAY, "summary.json"))).containsEntry("complete", false);
        assertThat(file(DAY, "summary.html")).contains("Incomplete:");
        assertThat(CsvRecords.rows(file(DAY, "recordings.csv"))).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("contact_id", "long-call")
                        .containsEntry("category", "pending"));
    }

    @Test
    void aDayIsNotWrittenBeforeItHasEndedAndSettled() {
        aDayOfCalls();
        runTheWorkflowUntilEveryVerdictIsIn();

        // A flow-log delivery that failed may still be retried until six hours after the day's end
        bed.clock().set(Instant.parse("2024-05-02T05:59:59Z"));
        Map<String, Object> result = evidence(Map.of());

        assertThat((List<?>) result.get("days")).isEmpty();
        assertThatThrownBy(() -> file(DAY, "summary.json")).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void reRunningADayWritesTheSameContentAndTheScheduleDoesNotWriteItAgain() {
        // GIVEN a written day
        aDayOfCalls();
        runTheWorkflowUntilEveryVerdictIsIn();
        bed.clock().set(NEXT_MORNING);
        evidence(Map.of());
        List<String> first = List.of(file(DAY, "recordings.csv"), file(DAY, "summary.json"), file(DAY, "summary.html"));

        // WHEN it is re-run on demand hours later, and the schedule runs again
        bed.clock().set(NEXT_MORNING.plus(Duration.ofHours(5)));
        Map<String, Object> rerun = evidence(Map.of("day", "2024-05-01"));
        Map<String, Object> scheduled = evidence(Map.of());

        // THEN the files are byte for byte the same, and the schedule left the written day alone
        assertThat(dayResult(rerun, DAY)).containsEntry("outcome", "written");
        assertThat(List.of(file(DAY, "recordings.csv"), file(DAY, "summary.json"), file(DAY, "summary.html")))
                .isEqualTo(first);
        assertThat((List<?>) scheduled.get("days")).isEmpty();
        assertThat(sns().published()).filteredOn(m -> m.topicArn().equals(HandlerTestBed.REPORT_TOPIC_ARN)).hasSize(2);
    }

    @Test
    void textFromTheFlowLogIsEscapedInThePageAndDefusedInTheCsv() {
        aDayOfCalls();
        runTheWorkflowUntilEveryVerdictIsIn();
        bed.clock().set(NEXT_MORNING);

        evidence(Map.of());

        String page = file(DAY, "summary.html");
        assertThat(page).contains("&lt;script&gt;alert(&#39;flow&#39;)&lt;/script&gt;")
                .doesNotContain("<script").contains("<svg").contains("Content-Security-Policy");
        assertThat(CsvRecords.rows(file(DAY, "recordings.csv"))).extracting(row -> row.get("recording_flow"))
                .contains("'" + FORMULA_FLOW, HOSTILE_FLOW);
    }

    @Test
    @SuppressWarnings("unchecked")
    void contactsAreFiledUnderTheCentresDayAndADayCostsNoScan() {
        // GIVEN a centre in Tokyo (UTC+9) and a call at 01:00 local time on 2 May, which is 1 May in UTC
        bed.with("REPORTING_TIME_ZONE", "Asia/Tokyo");
        Instant lateUtc = Instant.parse("2024-05-01T16:00:00Z");
        bed.clock().set(lateUtc);
        connect().contact(INSTANCE_ID, "tokyo").initiatedAt(lateUtc).disconnectedAt(lateUtc.plusSeconds(20));
        bed.ingest(delivery().enable("tokyo", "Both", lateUtc));
        bed.clock().set(lateUtc.plusSeconds(90));
        bed.runWorkflow();
        bed.clock().advance(Duration.ofMinutes(5));
        bed.runWorkflow();

        // WHEN the Tokyo day of 2 May (ending at 15:00 UTC) is over and settled
        bed.clock().set(Instant.parse("2024-05-02T21:20:00Z"));
        Map<String, Object> result = evidence(Map.of());

        // THEN the call is in 2 May's evidence, the only day written (the days before the first contact predate the
        // detector), and no table scan was made
        assertThat(bed.contact("tokyo").reportingDay()).isEqualTo(LocalDate.parse("2024-05-02"));
        assertThat((List<Map<String, Object>>) result.get("days")).singleElement()
                .satisfies(day -> assertThat(day).containsEntry("day", "2024-05-02").containsEntry("contacts", 1L));
        assertThat(json(file(LocalDate.parse("2024-05-02"), "summary.json"))).containsEntry("timeZone", "Asia/Tokyo");
        assertThat(bed.calls().operation("DynamoDb:Scan")).isZero();
    }

    @Test
    void aDayThatIsNotADateOrHasNotBegunIsRefusedByName() {
        bed.clock().set(NEXT_MORNING);

        assertThatThrownBy(() -> evidence(Map.of("day", "yesterday")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("day 'yesterday' is not a date (YYYY-MM-DD)");
        assertThatThrownBy(() -> evidence(Map.of("day", "2024-05-03")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("day 2024-05-03 has not begun in UTC (today is 2024-05-02)");
    }

    @Test
    void aDayIsWrittenAgainOnDemandOnlyOnceFinalAndWhileItsContactsAreInTheTable() {
        // GIVEN a call still going on when 1 May ends
        connect().contact(INSTANCE_ID, "long-call").initiatedAt(T0).connectedToAgentAt(T0.plusSeconds(5), "agent-1");
        bed.ingest(delivery().enable("long-call", "Both", T0));
        bed.clock().set(T0.plusSeconds(90));
        bed.runWorkflow();

        // WHEN 1 May is asked for today (not settled), the next morning (a contact open), and in August (expired)
        bed.clock().set(Instant.parse("2024-05-01T23:00:00Z"));
        Throwable today = catchThrowable(() -> evidence(Map.of("day", "2024-05-01")));
        bed.clock().set(NEXT_MORNING);
        Throwable open = catchThrowable(() -> evidence(Map.of("day", "2024-05-01")));
        bed.clock().set(Instant.parse("2024-08-01T00:00:00Z"));
        Throwable expired = catchThrowable(() -> evidence(Map.of("day", "2024-05-01")));

        // THEN each is refused, saying why and when the schedule writes it, and nothing was written
        assertThat(today).isInstanceOf(IllegalArgumentException.class).hasMessage("day 2024-05-01 is not settled "
                + "until 2024-05-02T06:00:00Z (flow-log deliveries may still arrive); the schedule writes it once it "
                + "is final");
        assertThat(open).isInstanceOf(IllegalArgumentException.class).hasMessage("day 2024-05-01 still has 1 "
                + "contact(s) without a verdict; the schedule writes it when they have one, or at "
                + "2024-05-03T06:00:00Z at the latest");
        assertThat(expired).isInstanceOf(IllegalArgumentException.class).hasMessage("day 2024-05-01 is older than "
                + "the contact retention (90 days): its contacts are expiring from the table, and the evidence "
                + "written when they were there stands");
        assertThatThrownBy(() -> file(DAY, "summary.json")).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void aReportThatCannotBePublishedFailsTheRunButTheDayStaysWrittenOnce() {
        // GIVEN a settled day, and a report topic that refuses the publish
        aDayOfCalls();
        runTheWorkflowUntilEveryVerdictIsIn();
        bed.clock().set(NEXT_MORNING);
        sns().denyPublishes(true);

        // WHEN the schedule runs, and runs again an hour later with the topic fixed
        Throwable failed;
        try {
            failed = catchThrowable(() -> evidence(Map.of()));
        } finally {
            sns().denyPublishes(false);
        }
        bed.clock().set(NEXT_MORNING.plus(Duration.ofHours(1)));
        Map<String, Object> next = evidence(Map.of());

        // THEN the first run fails loudly (the evidence-errors alarm), naming the written files; the day is not
        // written again (under Object Lock each rewrite would be kept for years) and no report goes out later
        assertThat(failed).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("The evidence of 2024-05-01 is written ([s3://" + bed.bucket()
                        + "/evidence/2024/05/01/recordings.csv")
                .hasMessageContaining("but its report could not be published");
        assertThat(json(file(DAY, "summary.json"))).containsEntry("contacts", 6);
        assertThat((List<?>) next.get("days")).isEmpty();
        assertThat(sns().published()).noneMatch(m -> m.topicArn().equals(HandlerTestBed.REPORT_TOPIC_ARN));
    }
}

package io.github.recordingleakagedetector.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import io.github.recordingleakagedetector.construct.RecordingLeakageDetectorDefaults;
import org.junit.jupiter.api.Test;

/**
 * The synthesized workflow, run locally on a simulated clock against a simulated contact centre: every leak is
 * reported exactly once, nothing else is, and nothing is left behind.
 */
class EndToEndTest {
    private static final Duration LATENCY_BOUND = ContactCentreSimulation.GRACE_PERIOD.plus(SimulationOptions.TICK);

    /**
     * Runs a simulation; the handlers' JSON logs go to a file, so the build output shows progress and report, and
     * the daily evidence to a folder of the run's own.
     */
    private static SimulationReport simulate(SimulationOptions options, String name) {
        Path logs = Path.of("target", "e2e-handler-logs.jsonl");
        try (PrintStream handlerLogs = new PrintStream(Files.newOutputStream(logs), true, StandardCharsets.UTF_8);
                ContactCentreSimulation simulation = new ContactCentreSimulation(System.out, handlerLogs, options)) {
            SimulationReport report = simulation.run(Path.of("target", "e2e-evidence", name));
            System.out.println(report.format());
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertEveryLeakReportedOnceAndNothingElse(SimulationReport report, SimulationOptions options) {
        boolean contactEvents = options.contactEvents();
        assertThat(report.leaksInjected()).isPositive();
        assertThat(report.leaksDetected()).isEqualTo(report.leaksInjected());
        assertThat(report.falseFailures()).isZero();
        assertThat(report.duplicateAlerts()).isZero();
        assertThat(report.unverifiable()).isZero();
        assertThat(report.stuck()).isZero();
        assertThat(report.failedExecutions()).isZero();
        assertThat(report.checkedCallsByFunction()).as("functions whose AWS calls were checked against their roles")
                .hasSize(contactEvents ? 7 : 6);
        assertThat(report.deniedCalls()).as("AWS calls the functions' roles do not allow").isEmpty();
        // every alert the plan calls for went out, of its type, and nothing else
        assertThat(report.alerts()).isEqualTo(report.plannedAlerts());
        assertMetricsAreValidAndWhatTheAlarmsWatch(report, options);
        assertTheEvidenceHoldsThePlan(report);
        report.contactsByOutcome().forEach((outcome, endedAsPlanned) -> {
            String[] counts = endedAsPlanned.split("/");
            assertThat(counts[0]).as(outcome).isEqualTo(counts[1]);
        });
    }

    /**
     * Every metric record is valid embedded metric format, the metrics are exactly those the template's alarms watch
     * (plus the counts no alarm needs), and each leak metric counts the alerts of its kind.
     */
    private static void assertMetricsAreValidAndWhatTheAlarmsWatch(SimulationReport report,
            SimulationOptions options) {
        MetricRecords metrics = report.metrics();
        assertThat(metrics.records()).isPositive();
        assertThat(metrics.invalid()).isEmpty();
        String missing = metrics.alarmed("RecordingsMissing");
        List<String> unalarmed = Stream.concat(Stream.of("RecordingsVerified", "RecordingsDeleted",
                                "ContactsNotApplicable", "ContactsNotRecordedIntentionally", "DescribeContactCalls",
                                "DescribeContactThrottled"),
                        // the contact-event function counts recording events too: zero while the bucket sends none
                        options.contactEvents() ? Stream.of("ContactEventsApplied", "ContactEventsPending",
                                "RecordingEventsApplied", "RecordingEventsUnmatched") : Stream.empty())
                .map(name -> missing.replace(" RecordingsMissing ", " " + name + " ")).toList();
        assertThat(metrics.metrics()).containsExactlyInAnyOrderElementsOf(
                Stream.concat(metrics.alarmed().stream(), unalarmed.stream()).toList());
        Map<String, Long> totals = metrics.totals();
        // each category's metric counts the plan's contacts of that category, once each
        Map<String, Long> planned = report.plannedCategories().values().stream()
                .collect(Collectors.groupingBy(category -> category, Collectors.counting()));
        Map<String, String> metricOfCategory = Map.of("recorded", "RecordingsVerified", "deleted", "RecordingsDeleted",
                "notApplicable", "ContactsNotApplicable", "notRecordedIntentionally", "ContactsNotRecordedIntentionally");
        metricOfCategory.forEach((category, metric) -> assertThat(totals.get(
                missing.replace(" RecordingsMissing ", " " + metric + " "))).as(metric)
                .isEqualTo(planned.getOrDefault(category, 0L)));
        assertThat(totals.get(metrics.alarmed("FlowLogEventsIngested"))).isGreaterThanOrEqualTo(report.contacts());
        assertThat(totals.get(missing)).isEqualTo(report.plannedAlerts().getOrDefault("RECORDING_MISSING", 0L));
        assertThat(totals.get(metrics.alarmed("RecordingsEmpty")))
                .isEqualTo(report.plannedAlerts().getOrDefault("RECORDING_EMPTY", 0L));
        assertThat(totals.get(metrics.alarmed("RecordingsPartial")))
                .isEqualTo(report.plannedAlerts().getOrDefault("RECORDING_PARTIAL", 0L));
    }

    /**
     * The daily evidence lists exactly the plan's contacts, each once, with the plan's category; each day's figures
     * are its rows counted; the compliance is recorded over the categories that required a recording; and the page
     * shows the hostile flow name as text.
     */
    private static void assertTheEvidenceHoldsThePlan(SimulationReport report) {
        EvidenceFiles evidence = report.evidence();
        assertThat(evidence.days()).as(evidence.result()).hasSizeGreaterThanOrEqualTo(1);
        assertThat(evidence.rows()).as("contacts listed, over all days").isEqualTo(report.contacts());
        assertThat(evidence.categoryByContact()).isEqualTo(report.plannedCategories());
        Map<String, Long> planned = report.plannedCategories().values().stream()
                .collect(Collectors.groupingBy(category -> category, Collectors.counting()));
        evidence.totals().forEach((category, count) -> assertThat(count).as(category)
                .isEqualTo(planned.getOrDefault(category, 0L)));
        for (EvidenceFiles.Day day : evidence.days().values()) {
            Map<String, Long> rows = day.rows().stream()
                    .collect(Collectors.groupingBy(row -> row.get("category"), Collectors.counting()));
            long recorded = rows.getOrDefault("recorded", 0L);
            long required = recorded + Stream.of("missing", "empty", "partial", "unverifiable")
                    .mapToLong(category -> rows.getOrDefault(category, 0L)).sum();
            assertThat(day.summary()).as(day.day().toString()).containsEntry("complete", true)
                    .containsEntry("contacts", day.rows().size())
                    .containsEntry("requiredRecording", (int) required)
                    .containsEntry("compliancePercent", required == 0 ? null
                            : BigDecimal.valueOf(100 * recorded).divide(BigDecimal.valueOf(required), 2,
                                    RoundingMode.DOWN).doubleValue());
            day.categories().forEach((category, count) -> assertThat(count.longValue()).as(day.day() + " " + category)
                    .isEqualTo(rows.getOrDefault(category, 0L)));
        }
        String hostile = FlowLogFeed.HOSTILE_FLOW_NAME;
        String escaped = hostile.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("'", "&#39;");
        String pages = evidence.days().values().stream().map(EvidenceFiles.Day::page).reduce("", String::concat);
        assertThat(pages).contains(escaped).doesNotContain(hostile).doesNotContain("<script")
                .doesNotContain("<img");
        assertThat(evidence.days().values().stream().flatMap(day -> day.rows().stream())
                .filter(row -> hostile.equals(row.get("recording_flow")))).hasSize(1);
    }

    @Test
    void everyLeakIsReportedOnceWithinTheGracePeriodAndOneSchedulePeriod() {
        // GIVEN a few hundred calls over two hours from 23:00 UTC (so some cross midnight), 5% of recordings never land,
        // and Connect's contact events (1% lost, 5% duplicated, delayed up to a minute, so out of order)
        SimulationOptions options = SimulationOptions.defaults();

        // WHEN the synthesized workflow runs every simulated five minutes, and the events move the contacts
        SimulationReport report = simulate(options, "plain");

        // THEN every leak is reported exactly once, promptly, and every other contact ends as planned
        assertEveryLeakReportedOnceAndNothingElse(report, options);
        assertThat(report.metrics().alarmed()).hasSize(7);
        // the calls cross midnight: two days of evidence
        assertThat(report.evidence().days()).hasSize(2);
        assertThat(report.plannedAlerts()).containsKeys("RECORDING_MISSING", "RECORDING_EMPTY", "RECORDING_PARTIAL");
        assertThat(report.contactsByOutcome()).containsKeys("handled by agent, recording late",
                "handled by agent, recording deleted",
                "handled by agent, recording on time, disabled after the call",
                "handled by agent, recording renamed", "transferred, recording on time", "ivr only",
                "abandoned in queue", "recording disabled");
        // with events, a verdict within a minute of the grace period (plus the event's own delay); a leak whose
        // DISCONNECTED was lost waits for the poll after the live silence: delayed, not lost
        assertThat(report.medianLatency()).isLessThanOrEqualTo(ContactCentreSimulation.GRACE_PERIOD.plusMinutes(3));
        assertThat(report.maxLatency()).isLessThanOrEqualTo(ContactCentreSimulation.GRACE_PERIOD
                .plus(java.time.Duration.ofSeconds(
                        RecordingLeakageDetectorDefaults.LIVE_CONTACT_EVENT_SILENCE.toSeconds().longValue())).plus(SimulationOptions.TICK)
                .plusMinutes(1));
        assertThat(report.describeOverBudget()).isZero();
        // with events a contact completes at its disconnect, so the workflow's check may list its prefix before the
        // recording has uploaded (20 to 120 s): about one listing more per contact than polling's 1.3
        assertThat(report.s3PerCheckedContact()).isLessThanOrEqualTo(3.0);
        // events move the contacts: Connect is asked about the few whose events were lost, and once before a leak
        // or a deletion is declared; a renamed recording (its name does not hold the contact id) is found only
        // through the location Connect reports, one DescribeContact each
        long notRenamed = report.describesByOutcome().entrySet().stream()
                .filter(entry -> !entry.getKey().contains("renamed")).mapToLong(Map.Entry::getValue).sum();
        assertThat((double) notRenamed / report.contacts()).as("DescribeContact per contact, renamed recordings aside")
                .isLessThanOrEqualTo(0.1);
        assertThat(report.describePerContact()).as("DescribeContact per contact").isLessThan(0.5);
        assertThat(report.steps().get("PollInitialisedHandler").outcome("awaitingEvent")).isPositive();
    }

    @Test
    void throttlingAndOverlappingExecutionsGiveTheSameOutcome() {
        // GIVEN the same calls, polling only (no contact events), with Connect throttling at every tick and two
        // executions started at each tick
        SimulationOptions options = SimulationOptions.defaults().withOverlappingExecutions(2).withThrottling(true)
                .withContactEvents(false);

        SimulationReport report = simulate(options, "throttled-overlapping");

        assertThat(report.throttledResponses()).isGreaterThan(report.ticks() * 2L);
        long throttledSteps = report.steps().values().stream().mapToLong(step -> step.outcome("throttled")).sum();
        assertThat(throttledSteps).as("steps that stopped early on throttling").isPositive();
        assertEveryLeakReportedOnceAndNothingElse(report, options);
        assertThat(report.leaksInjected()).isEqualTo(simulatedLeaksOf(SimulationOptions.defaults()));
        // polling: every leak within the grace period and one schedule period
        assertThat(report.maxLatency()).isLessThanOrEqualTo(LATENCY_BOUND);
        // polling: Connect is asked about every contact, some more than once (it does not know new ones at once)
        assertThat(report.describePerContact()).isGreaterThan(1.0);
        assertThat(report.steps().get("PollInitialisedHandler").outcome("notFound")).isPositive();
    }

    @Test
    void redactedOnlyRecordingsAreRecordingsAndIvrRecordingsAreCheckedWhenTurnedOn() {
        // GIVEN a centre keeping only redacted audio for a fifth of its calls and recording the IVR of half of them,
        // whose bucket sends its S3 events (1% lost, 5% duplicated, delayed), and a detector deployed with the
        // redacted location, IVR checks and recording events
        SimulationOptions options = SimulationOptions.defaults().withContacts(160).withRedacted(true).withIvr(true)
                .withRecordingEvents(true);

        SimulationReport report = simulate(options, "redacted-ivr-recording-events");

        // THEN every verdict is as planned: redacted recordings are found, IVR recordings judged on their own
        assertEveryLeakReportedOnceAndNothingElse(report, options);
        // recordings the events showed were judged without listing the bucket: it is listed for the recordings whose
        // events were lost or whose names hold no contact id (renamed), for the leaks, and, for the fifth of the calls
        // that keep only redacted audio, the recording prefix's day folders once (a listing looks there first);
        // the same calls with contact events alone cost 4.2 listings per checked contact (./simulate --contacts 160
        // --redacted --ivr --recording-events off), with recording events 1.1
        Map<String, Long> totals = report.metrics().totals();
        String applied = report.metrics().alarmed("RecordingsMissing").replace(" RecordingsMissing ",
                " RecordingEventsApplied ");
        assertThat(totals.get(applied)).isPositive();
        long listings = report.requestsByOperation().getOrDefault("S3:ListObjectsV2", 0L);
        assertThat((double) listings / report.checkedContacts()).as("S3 listings per checked contact").isLessThan(1.5);
        assertThat(report.plannedAlerts()).containsKey("IVR_RECORDING_MISSING");
        assertThat(report.contactsByOutcome().keySet()).anyMatch(label -> label.contains("recording redacted"))
                .anyMatch(label -> label.startsWith("ivr only, ivr recorded"))
                .anyMatch(label -> label.contains("ivr missing"));
        String ivrMissing = report.metrics().alarmed("IvrRecordingsMissing");
        assertThat(report.metrics().totals().get(ivrMissing))
                .isGreaterThanOrEqualTo(report.plannedAlerts().get("IVR_RECORDING_MISSING"));
    }

    /** The plan alone decides which calls leak: the same seed, the same leaks. */
    private static long simulatedLeaksOf(SimulationOptions options) {
        return options.centre(ContactCentreSimulation.BUCKET, ContactCentreSimulation.KEY_PREFIX)
                .plan(options.contacts(), options.start(), options.window()).stream()
                .filter(PlannedContact::isLeak)
                .count();
    }
}

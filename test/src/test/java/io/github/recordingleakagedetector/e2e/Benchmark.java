package io.github.recordingleakagedetector.e2e;

import io.github.recordingleakagedetector.runtime.testing.RepoRoot;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The benchmark harness behind {@code docs/benchmarks.md}: the full simulation at several sizes, one table row
 * each. Targets: S3 requests per checked contact ≤ 2; no contact described more often than the ticks it was live
 * + 1; each workflow step handles ≥ 200 contacts per second of handler time against the local servers.
 *
 * <pre>./benchmark [contacts ...]      (default 1000 10000 50000)
 * ./benchmark --cold-start [starts]  (the Lambda jar's size and each function's init time: {@link ColdStartBenchmark})
 * ./benchmark --contact-events [contacts ...]  (polling only, contact events, and contact events with the recording
 *     bucket's S3 events side by side; default 10000 50000)</pre>
 */
public final class Benchmark {
    /** The steps in the tables' column order. */
    private static final List<String> STEPS = List.of("PollInitialisedHandler", "PollInProgressHandler",
        "CheckRecordingsHandler", "PurgeQueueContactsHandler", "FlowLogIngestHandler");
    private static final int WARM_UP_CONTACTS = 500;
    private static final PrintStream NO_LOGS = new PrintStream(OutputStream.nullOutputStream());

    private Benchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals("--evidence")) {
            List<Integer> days = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                days.add(Integer.parseInt(args[i]));
            }
            EvidenceBenchmark.run(days.isEmpty() ? List.of(1_000, 10_000, 50_000) : days);
            System.exit(0);
        }
        if (args.length > 0 && args[0].equals("--contact-events")) {
            List<Integer> sizes = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                sizes.add(Integer.parseInt(args[i]));
            }
            compareContactEventModes(sizes.isEmpty() ? List.of(10_000, 50_000) : sizes);
            System.exit(0);
        }
        if (args.length > 0 && args[0].equals("--cold-start")) {
            ColdStartBenchmark.run(args.length > 1 ? Integer.parseInt(args[1]) : 7);
            System.exit(0);
        }
        List<Integer> sizes = new ArrayList<>();
        for (String arg : args) {
            sizes.add(Integer.parseInt(arg));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(1_000, 10_000, 50_000);
        }
        List<String> rows = new ArrayList<>();
        List<String> costRows = new ArrayList<>();
        warmUp();
        for (int contacts : sizes) {
            // A busier centre over a longer day: about 500 to 6,000 calls an hour.
            double hours = contacts <= 1_000 ? 2 : contacts <= 10_000 ? 4 : 8;
            // Handler throughput is measured in this JVM: the deployed runs' figures would mostly be JVM starts.
            SimulationOptions options = SimulationOptions.defaults().withContacts(contacts).withHours(hours)
                    .withHosting(LocalLambdaEndpoint.FunctionHosting.IN_PROCESS);
            System.out.printf("Benchmark: %d calls over %.0f h%n", contacts, hours);
            try (ContactCentreSimulation simulation = new ContactCentreSimulation(quietProgress(), NO_LOGS, options)) {
                SimulationReport report = simulation.run();
                System.out.println(report.format());
                rows.add(row(report, hours));
                costRows.add(costRow(report));
            }
        }
        System.out.println();
        System.out.println(header());
        rows.forEach(System.out::println);
        System.out.println();
        System.out.println(costHeader());
        costRows.forEach(System.out::println);
        System.out.println("(results from " + RepoRoot.find() + ")");
    }

    /**
     * Polling only, contact events, and contact events with recording events side by side, one run each per size in
     * this JVM: what each costs in DescribeContact (the quota shared per account and Region), S3 requests, and
     * detection latency.
     */
    private static void compareContactEventModes(List<Integer> sizes) {
        warmUp();
        List<String> rows = new ArrayList<>();
        for (int contacts : sizes) {
            double hours = contacts <= 1_000 ? 2 : contacts <= 10_000 ? 4 : 8;
            for (String mode : List.of("off", "contact", "contact + recording")) {
                SimulationOptions options = SimulationOptions.defaults().withContacts(contacts).withHours(hours)
                        .withHosting(LocalLambdaEndpoint.FunctionHosting.IN_PROCESS)
                        .withContactEvents(!mode.equals("off")).withRecordingEvents(mode.endsWith("recording"));
                System.out.printf("Benchmark: %d calls over %.0f h, events: %s%n", contacts, hours, mode);
                try (ContactCentreSimulation simulation = new ContactCentreSimulation(quietProgress(), NO_LOGS,
                        options)) {
                    SimulationReport report = simulation.run();
                    System.out.println(report.format());
                    rows.add(modeRow(report));
                }
            }
        }
        System.out.println();
        System.out.println("| contacts | events | DescribeContact per contact | contacts a day at the default "
                + "quota (2/s) | S3 requests per checked contact | S3 listings per checked contact | detection latency "
                + "median / max (min) | leaks injected / detected | false failures | stuck | contact events published "
                + "/ lost / dead-lettered | recording events published / lost | wall time (s) |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        rows.forEach(System.out::println);
        System.out.println("(results from " + RepoRoot.find() + ")");
    }

    static String modeRow(SimulationReport report) {
        SimulationReport.ContactEventStatistics events = report.contactEvents();
        boolean recordingEvents = events != null && events.recordingEventsPublished() + events.recordingEventsLost() > 0;
        return String.format("| %d | %s | %.3f | %,d | %.2f | %.2f | %d / %d | %d / %d | %d | %d | %s | %s | %.0f |",
                report.contacts(), events == null ? "off" : recordingEvents ? "contact + recording" : "contact",
                report.describePerContact(), report.contactsPerDayAtDefaultQuota(), report.s3PerCheckedContact(),
                report.checkedContacts() == 0 ? 0 : (double) report.requestsByOperation()
                        .getOrDefault("S3:ListObjectsV2", 0L) / report.checkedContacts(),
                report.medianLatency().toMinutes(), report.maxLatency().toMinutes(), report.leaksInjected(),
                report.leaksDetected(), report.falseFailures(), report.stuck(),
                events == null ? "-" : (events.published() - events.recordingEventsPublished()) + " / "
                        + events.lost() + " / " + events.deadLettered(),
                recordingEvents ? events.recordingEventsPublished() + " / " + events.recordingEventsLost() : "-",
                report.wallTime().toMillis() / 1000.0);
    }

    /**
     * A small run first, not reported: the first simulation in a JVM also pays for compiling the SDK, the
     * handlers and the local servers, which would make the smallest size measure the JIT rather than the steps.
     */
    private static void warmUp() {
        System.out.println("Warm-up: " + WARM_UP_CONTACTS + " calls, not reported");
        try (ContactCentreSimulation simulation = new ContactCentreSimulation(NO_LOGS, NO_LOGS,
                SimulationOptions.defaults().withContacts(WARM_UP_CONTACTS).withHours(1)
                        .withHosting(LocalLambdaEndpoint.FunctionHosting.IN_PROCESS))) {
            simulation.run();
        }
    }

    private static PrintStream quietProgress() {
        // Every twelfth tick (an hour of simulated time) is enough to see it move.
        return new PrintStream(System.out, true) {
            private int lines;

            @Override
            public PrintStream printf(String format, Object... args) {
                return lines++ % 12 == 0 ? super.printf(format, args) : this;
            }
        };
    }

    static String header() {
        return "| contacts | simulated hours | ticks | wall time (s) | leaks injected / detected | false failures "
                + "| DescribeContact per contact | contacts over the DescribeContact budget | S3 requests per checked "
                + "contact | DynamoDB requests per contact | poll initialised (contacts/s) | poll in progress (contacts/s) "
                + "| check recordings (contacts/s) | purge (contacts/s) | flow-log ingest (events/s) |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
    }

    static String row(SimulationReport report, double hours) {
        Map<String, StepStatistics> steps = report.steps();
        String rates = STEPS.stream().map(step -> String.format(" %.0f |", rate(steps, step)))
                .collect(Collectors.joining());
        return String.format("| %d | %.0f | %d | %.0f | %d / %d | %d | %.2f | %d | %.2f | %.2f |",
                report.contacts(), hours, report.ticks(), report.wallTime().toMillis() / 1000.0,
                report.leaksInjected(), report.leaksDetected(), report.falseFailures(), report.describePerContact(),
                report.describeOverBudget(), report.s3PerCheckedContact(), report.dynamoDbPerContact()) + rates;
    }

    static String costHeader() {
        return "| contacts | handler time per invocation: poll initialised | poll in progress | check recordings "
                + "| purge | flow-log ingest |\n|---:|---|---|---|---|---|";
    }

    static String costRow(SimulationReport report) {
        return "| " + report.contacts() + " |" + STEPS.stream().map(step -> " " + cost(report.steps(), step) + " |")
                .collect(Collectors.joining());
    }

    private static String cost(Map<String, StepStatistics> steps, String step) {
        StepStatistics statistics = steps.get(step);
        return statistics == null ? "" : statistics.costFit().map(StepStatistics.CostFit::toString).orElse("");
    }

    private static double rate(Map<String, StepStatistics> steps, String step) {
        StepStatistics statistics = steps.get(step);
        return statistics == null ? 0 : statistics.contactsPerSecond();
    }
}

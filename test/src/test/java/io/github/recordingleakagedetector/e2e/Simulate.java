package io.github.recordingleakagedetector.e2e;

import io.github.recordingleakagedetector.runtime.testing.RepoRoot;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * {@code ./simulate}: runs the synthesized detector against a simulated contact centre and prints a progress line
 * per tick and a report. Exits 0 when every injected leak was detected and nothing else was reported.
 */
public final class Simulate {
    private static final String USAGE = """
            usage: ./simulate [--contacts N] [--leak-rate R] [--seed S] [--hours H] [--overlapping N] [--throttle]
                  [--in-process] [--redacted] [--ivr] [--contact-events on|off] [--recording-events on|off]
              --contacts N     calls arriving (default 300; a transfer adds a second leg)
              --leak-rate R    share of recorded agent calls whose recording never lands (default 0.05)
              --seed S         random seed of the plan (default 42): the same seed, the same calls
              --hours H        simulated hours of arrivals, from 23:00 UTC (default 2)
              --overlapping N  state machine executions started per tick (default 1)
              --throttle       make Connect throttle DescribeContact at every tick
              --in-process     run the handlers in this JVM instead of as deployed (the Lambda jar under
                               Lambda's runtime interface client, a JVM per function): faster, tests less
              --redacted       a fifth of the calls keep only Contact Lens's redacted audio; the detector is
                               deployed with Analysis/Voice/Redacted as an additional recording location
              --ivr            flows turn IVR recording on for half the calls; the detector checks IVR recordings
              --contact-events on|off
                               on (default): the detector consumes Connect's contact events, which the centre
                               publishes with 1% lost, 5% duplicated, 0-60 s delays; off: polling only
              --recording-events on|off
                               on: the recording bucket sends its S3 events too (same faults), and the detector
                               is deployed with recordingEvents; off (default): the check lists the bucket
            The handlers' JSON logs go to target/simulation-handler-logs.jsonl; the daily evidence the detector wrote
            (recordings.csv, summary.json, summary.html per day) to target/evidence/.""";

    private Simulate() {
    }

    public static void main(String[] args) throws IOException {
        SimulationOptions options;
        try {
            options = parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        Path logs = RepoRoot.find().resolve("target/simulation-handler-logs.jsonl");
        Path target = RepoRoot.find().resolve("target");
        deleteRecursively(target.resolve("evidence"));
        Files.createDirectories(logs.getParent());
        SimulationReport report;
        try (PrintStream handlerLogs = new PrintStream(new FileOutputStream(logs.toFile()), true,
                StandardCharsets.UTF_8)) {
            System.out.printf("Simulating %d calls over %.1f h (leak rate %.3f, seed %d), functions %s; handler logs:"
                    + " %s%n", options.contacts(), options.hours(), options.leakRate(), options.seed(),
                    options.hosting() == LocalLambdaEndpoint.FunctionHosting.DEPLOYED
                            ? "as deployed (Lambda jar, runtime interface client)" : "in this JVM", logs);
            try (ContactCentreSimulation simulation = new ContactCentreSimulation(System.out, handlerLogs, options)) {
                // The bucket's keys start with evidence/: the files land in target/evidence/YYYY/MM/DD/
                report = simulation.run(target);
            }
        }
        System.out.println(report.format());
        boolean clean = report.leaksDetected() == report.leaksInjected() && report.falseFailures() == 0
                && report.failedExecutions() == 0 && report.deniedCalls().isEmpty();
        System.exit(clean ? 0 : 1);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    static SimulationOptions parse(List<String> args) {
        SimulationOptions options = SimulationOptions.defaults();
        Deque<String> rest = new ArrayDeque<>(args);
        while (!rest.isEmpty()) {
            String flag = rest.poll();
            switch (flag) {
                case "--contacts" -> options = options.withContacts(positiveInt(flag, rest.poll()));
                case "--leak-rate" -> options = options.withLeakRate(fraction(flag, rest.poll()));
                case "--seed" -> options = options.withSeed(number(flag, rest.poll()).longValue());
                case "--hours" -> options = options.withHours(positive(flag, rest.poll()));
                case "--overlapping" -> options = options.withOverlappingExecutions(positiveInt(flag, rest.poll()));
                case "--throttle" -> options = options.withThrottling(true);
                case "--in-process" -> options = options.withHosting(LocalLambdaEndpoint.FunctionHosting.IN_PROCESS);
                case "--redacted" -> options = options.withRedacted(true);
                case "--ivr" -> options = options.withIvr(true);
                case "--contact-events" -> options = options.withContactEvents(onOff(flag, rest.poll()));
                case "--recording-events" -> options = options.withRecordingEvents(onOff(flag, rest.poll()));
                case "--help", "-h" -> throw new IllegalArgumentException("Recording Leakage Detector simulation");
                default -> throw new IllegalArgumentException("Unknown option " + flag);
            }
        }
        if (options.recordingEvents() && !options.contactEvents()) {
            throw new IllegalArgumentException("--recording-events on needs --contact-events on: the recording "
                    + "events travel through the contact-event queue");
        }
        return options;
    }

    private static Number number(String flag, String value) {
        if (value == null) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        try {
            return value.contains(".") ? Double.parseDouble(value) : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " " + value + " is not a number");
        }
    }

    private static boolean onOff(String flag, String value) {
        if ("on".equals(value) || "off".equals(value)) {
            return "on".equals(value);
        }
        throw new IllegalArgumentException(flag + " takes on or off, not " + value);
    }

    private static int positiveInt(String flag, String value) {
        long number = number(flag, value).longValue();
        if (number < 1 || number > 1_000_000) {
            throw new IllegalArgumentException(flag + " must be between 1 and 1000000, was " + value);
        }
        return (int) number;
    }

    private static double positive(String flag, String value) {
        double number = number(flag, value).doubleValue();
        if (!(number > 0)) {
            throw new IllegalArgumentException(flag + " must be greater than 0, was " + value);
        }
        return number;
    }

    private static double fraction(String flag, String value) {
        double number = number(flag, value).doubleValue();
        if (number < 0 || number > 1) {
            throw new IllegalArgumentException(flag + " must be between 0 and 1, was " + value);
        }
        return number;
    }
}

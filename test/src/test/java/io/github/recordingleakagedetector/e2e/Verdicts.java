package io.github.recordingleakagedetector.e2e;

import io.github.recordingleakagedetector.e2e.PlannedContact.Kind;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactState;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingState;
import io.github.recordingleakagedetector.runtime.lifecycle.TrackedContact;
import io.github.recordingleakagedetector.runtime.store.DynamoDbContactStore;
import io.github.recordingleakagedetector.runtime.testing.ConnectSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Compares what the detector concluded (table and alerts) with the plan, contact by contact. */
final class Verdicts {
    private static final String RECORDING_MISSING = "RECORDING_MISSING";

    private final List<PlannedContact> plan;
    private final DynamoDbContactStore store;
    private final Detections detections;
    private final ConnectSimulator connect;
    private final AwsCallRecorder calls;
    private final Map<String, Integer> liveTicks;
    private final Map<String, StepStatistics> steps;

    Verdicts(List<PlannedContact> plan, DynamoDbContactStore store, Detections detections, ConnectSimulator connect,
            AwsCallRecorder calls, Map<String, Integer> liveTicks, Map<String, StepStatistics> steps) {
        this.plan = plan;
        this.store = store;
        this.detections = detections;
        this.connect = connect;
        this.calls = calls;
        this.liveTicks = liveTicks;
        this.steps = steps;
    }

    SimulationReport report(int ticks, long failedExecutions, List<IamSufficiency.Violation> deniedCalls,
            MetricRecords metrics, Duration wallTime) {
        Map<String, List<Detections.Detection>> missingAlerts = detections.all().stream()
                .filter(d -> RECORDING_MISSING.equals(d.alertType()))
                .collect(Collectors.groupingBy(Detections.Detection::contactId));
        Map<String, Optional<TrackedContact>> stored = plan.stream()
                .collect(Collectors.toMap(PlannedContact::contactId, c -> store.find(c.contactId())));

        Map<String, long[]> byOutcome = new TreeMap<>();
        long falseFailures = 0;
        long detected = 0;
        long stuck = 0;
        List<Duration> latencies = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        for (PlannedContact contact : plan) {
            Optional<TrackedContact> actual = stored.get(contact.contactId());
            List<Detections.Detection> alerts = missingAlerts.getOrDefault(contact.contactId(), List.of());
            boolean failure = actual.map(c -> c.recordingState() == RecordingState.CALL_RECORDED_FAILURE).orElse(false);
            boolean asPlanned = endedAsPlanned(contact, actual, alerts);
            long[] counts = byOutcome.computeIfAbsent(label(contact), k -> new long[2]);
            counts[0] += asPlanned ? 1 : 0;
            if (!asPlanned) {
                unexpected.add(contact.contactId() + " planned " + label(contact) + ", ended " + actual
                        .map(c -> c.state().value() + " " + c.recordingState() + " updatedAt=" + c.updatedAt()
                                + " alertPendingSince=" + c.alertPendingSince() + " version=" + c.version())
                        .orElse("absent") + ", alerts " + alerts.size());
            }
            counts[1]++;
            if (!contact.isLeak() && (failure || !alerts.isEmpty())) {
                falseFailures++;
            }
            if (contact.isLeak() && failure && !alerts.isEmpty()) {
                detected++;
                latencies.add(Duration.between(contact.disconnectedAt(), alerts.get(0).at()));
            }
            if (actual.map(c -> c.updatedAt() != null).orElse(false)) {
                stuck++;
            }
        }
        long duplicates = missingAlerts.values().stream().mapToLong(list -> list.size() - 1L).sum();
        long unverifiable = detections.all().stream().filter(d -> !RECORDING_MISSING.equals(d.alertType())).count();
        Map<String, String> outcomes = byOutcome.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue()[0] + "/" + e.getValue()[1],
                        (a, b) -> a, TreeMap::new));
        long checked = plan.stream().filter(c -> c.reachesAgent() && c.kind() != Kind.RECORDING_DISABLED).count();
        List<PlannedContact> overBudget = plan.stream()
                .filter(c -> connect.describeCount(c.contactId()) > liveTicks.getOrDefault(c.contactId(), 0) + 1)
                .toList();
        overBudget.stream().limit(5).forEach(c -> unexpected.add(c.contactId() + " (" + label(c) + ") described "
                + connect.describeCount(c.contactId()) + " times in " + liveTicks.getOrDefault(c.contactId(), 0)
                + " live ticks"));
        return new SimulationReport(plan.size(), ticks, outcomes, plan.stream().filter(PlannedContact::isLeak).count(),
                detected, falseFailures, duplicates, unverifiable, stuck, failedExecutions, latencies,
                connect.totalDescribeRequests(), connect.throttledResponses(), calls.service("S3"),
                calls.service("DynamoDb"), checked, overBudget.size(),
                calls.byOperation(), Map.copyOf(steps), unexpected,
                calls.calls().stream().collect(Collectors.groupingBy(AwsCallRecorder.AwsCall::function, TreeMap::new,
                        Collectors.counting())),
                deniedCalls, metrics, wallTime);
    }

    private static boolean endedAsPlanned(PlannedContact contact, Optional<TrackedContact> actual,
            List<Detections.Detection> alerts) {
        Function<RecordingState, Boolean> verdict = expected -> actual
                .map(c -> c.state() == ContactState.COMPLETED_AGENT && c.recordingState() == expected
                        && c.updatedAt() == null)
                .orElse(false);
        return switch (contact.recording()) {
            case LEAK -> verdict.apply(RecordingState.CALL_RECORDED_FAILURE) && alerts.size() == 1;
            case ON_TIME, LATE, RENAMED -> verdict.apply(RecordingState.CALL_RECORDED_SUCCESS) && alerts.isEmpty();
            case NOT_EXPECTED -> contact.kind() == Kind.RECORDING_DISABLED
                    ? actual.map(c -> c.state() == ContactState.RECORDING_DISABLED).orElse(false) && alerts.isEmpty()
                    : actual.isEmpty() && alerts.isEmpty();
        };
    }

    private static String label(PlannedContact contact) {
        String kind = contact.kind().name().toLowerCase().replace('_', ' ');
        if (contact.recording() == PlannedContact.RecordingOutcome.NOT_EXPECTED) {
            return kind;
        }
        String label = kind + ", recording " + contact.recording().name().toLowerCase().replace('_', ' ');
        return contact.recordingDisabledAt() == null ? label : label + ", disabled after the call";
    }
}

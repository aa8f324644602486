package io.github.recordingleakagedetector.e2e;

import io.github.recordingleakagedetector.e2e.PlannedContact.Kind;
import io.github.recordingleakagedetector.e2e.PlannedContact.RecordingOutcome;
import io.github.recordingleakagedetector.runtime.lifecycle.IvrRecordingState;
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
import java.util.stream.Collectors;

/** Compares what the detector concluded (table and alerts) with the plan, contact by contact. */
final class Verdicts {
    private static final String UNVERIFIABLE = "CONTACT_UNVERIFIABLE";

    private final List<PlannedContact> plan;
    private final DynamoDbContactStore store;
    private final Detections detections;
    private final ConnectSimulator connect;
    private final AwsCallRecorder calls;
    private final Map<String, Integer> liveTicks;
    private final Map<String, StepStatistics> steps;
    private final boolean ivrChecked;

    /** @param ivrChecked whether the detector checks IVR recordings (else a planned IVR recording is not judged) */
    Verdicts(List<PlannedContact> plan, DynamoDbContactStore store, Detections detections, ConnectSimulator connect,
            AwsCallRecorder calls, Map<String, Integer> liveTicks, Map<String, StepStatistics> steps,
            boolean ivrChecked) {
        this.plan = plan;
        this.store = store;
        this.detections = detections;
        this.connect = connect;
        this.calls = calls;
        this.liveTicks = liveTicks;
        this.steps = steps;
        this.ivrChecked = ivrChecked;
    }

    SimulationReport report(int ticks, long failedExecutions, List<IamSufficiency.Violation> deniedCalls,
            MetricRecords metrics, EvidenceFiles evidence, Duration wallTime) {
        Map<String, List<Detections.Detection>> alertsByContact = detections.all().stream()
                .filter(d -> !UNVERIFIABLE.equals(d.alertType()))
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
            List<Detections.Detection> alerts = alertsByContact.getOrDefault(contact.contactId(), List.of());
            boolean alerted = actual.map(Verdicts::leakClaimed).orElse(false) || !alerts.isEmpty();
            boolean asPlanned = endedAsPlanned(contact, actual, alerts);
            long[] counts = byOutcome.computeIfAbsent(label(contact), k -> new long[2]);
            counts[0] += asPlanned ? 1 : 0;
            if (!asPlanned) {
                unexpected.add(contact.contactId() + " planned " + label(contact) + ", ended " + actual
                        .map(c -> c.state().value() + " " + c.recordingState() + " ivr=" + (c.ivrVerdict() == null
                                ? null : c.ivrVerdict().state()) + " updatedAt=" + c.updatedAt()
                                + " alertPendingSince=" + c.alertPendingSince() + " version=" + c.version())
                        .orElse("absent") + ", alerts " + alerts);
            }
            counts[1]++;
            if (!contact.isLeak() && alerted) {
                falseFailures++;
            }
            if (contact.isLeak() && asPlanned) {
                detected++;
                latencies.add(Duration.between(contact.disconnectedAt(), alerts.get(0).at()));
            }
            if (actual.map(c -> c.updatedAt() != null).orElse(false)) {
                stuck++;
            }
        }
        long duplicates = alertsByContact.values().stream().mapToLong(list -> list.size() - 1L).sum();
        long unverifiable = detections.all().stream().filter(d -> UNVERIFIABLE.equals(d.alertType())).count();
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
                plan.stream().map(this::expectedAlert).flatMap(Optional::stream)
                        .collect(Collectors.groupingBy(type -> type, TreeMap::new, Collectors.counting())),
                detections.all().stream().collect(Collectors.groupingBy(Detections.Detection::alertType, TreeMap::new,
                        Collectors.counting())),
                deniedCalls, metrics,
                plan.stream().collect(Collectors.toMap(PlannedContact::contactId, c -> c.category().label(),
                        (a, b) -> a, TreeMap::new)),
                evidence, wallTime,
                plan.stream().filter(c -> connect.describeCount(c.contactId()) > 0).collect(Collectors.groupingBy(
                        Verdicts::label, TreeMap::new, Collectors.summingLong(c -> connect.describeCount(c.contactId())))),
                null);
    }

    private static boolean leakClaimed(TrackedContact contact) {
        return contact.recordingState() != null && contact.recordingState().leak()
                || contact.ivrVerdict() != null && contact.ivrVerdict().state().leak();
    }

    /**
     * Whether the contact ended with the verdicts its plan calls for, closed, and alerted once exactly when it leaks
     * (with the alert type of its agent leg's leak, else of its IVR's).
     */
    private boolean endedAsPlanned(PlannedContact contact, Optional<TrackedContact> actual,
            List<Detections.Detection> alerts) {
        Optional<String> expectedAlert = expectedAlert(contact);
        boolean alertsAsPlanned = expectedAlert.map(type -> alerts.size() == 1 && alerts.get(0).alertType().equals(type))
                .orElse(alerts.isEmpty());
        if (!alertsAsPlanned) {
            return false;
        }
        boolean ivrJudged = ivrChecked && contact.ivr() != PlannedContact.IvrOutcome.NOT_EXPECTED;
        if (contact.recording() == RecordingOutcome.NOT_EXPECTED) {
            if (contact.kind() == Kind.RECORDING_DISABLED) {
                return actual.map(c -> c.state() == ContactState.RECORDING_DISABLED).orElse(false);
            }
            // Never reached an agent: closed as not applicable, kept for the day's figures
            return actual.map(c -> c.state() == ContactState.COMPLETED_QUEUE_IVR && c.updatedAt() == null
                    && (ivrJudged ? c.ivrVerdict() != null && c.ivrVerdict().state() == expectedIvr(contact)
                            : c.ivrVerdict() == null)).orElse(false);
        }
        return actual.map(c -> c.state() == ContactState.COMPLETED_AGENT && c.updatedAt() == null
                && c.recordingState() == expectedVerdict(contact.recording())
                && (ivrJudged ? c.ivrVerdict() != null && c.ivrVerdict().state() == expectedIvr(contact)
                        : c.ivrVerdict() == null)).orElse(false);
    }

    private Optional<String> expectedAlert(PlannedContact contact) {
        return switch (contact.recording()) {
            case LEAK -> Optional.of("RECORDING_MISSING");
            case EMPTY -> Optional.of("RECORDING_EMPTY");
            case PARTIAL -> Optional.of("RECORDING_PARTIAL");
            default -> ivrChecked && contact.ivr() == PlannedContact.IvrOutcome.MISSING
                    ? Optional.of("IVR_RECORDING_MISSING") : Optional.empty();
        };
    }

    private static RecordingState expectedVerdict(RecordingOutcome outcome) {
        return switch (outcome) {
            case LEAK -> RecordingState.CALL_RECORDED_FAILURE;
            case EMPTY -> RecordingState.CALL_RECORDED_EMPTY;
            case PARTIAL -> RecordingState.CALL_RECORDED_PARTIAL;
            case DELETED -> RecordingState.CALL_RECORDING_DELETED;
            default -> RecordingState.CALL_RECORDED_SUCCESS;
        };
    }

    private static IvrRecordingState expectedIvr(PlannedContact contact) {
        return contact.ivr() == PlannedContact.IvrOutcome.MISSING
                ? IvrRecordingState.IVR_RECORDED_FAILURE
                : IvrRecordingState.IVR_RECORDED_SUCCESS;
    }

    private static String ivrLabel(PlannedContact contact) {
        return contact.ivr() == PlannedContact.IvrOutcome.NOT_EXPECTED ? ""
                : ", ivr " + contact.ivr().name().toLowerCase();
    }

    private static String label(PlannedContact contact) {
        String kind = contact.kind().name().toLowerCase().replace('_', ' ');
        if (contact.recording() == PlannedContact.RecordingOutcome.NOT_EXPECTED) {
            return kind + ivrLabel(contact);
        }
        String label = kind + ", recording " + contact.recording().name().toLowerCase().replace('_', ' ');
        if (contact.recordingDisabledAt() != null) {
            label += ", disabled after the call";
        }
        return label + ivrLabel(contact);
    }
}

package io.github.recordingleakagedetector.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a simulation run found, compared with the plan. The last line of {@link #format()} is the one-line verdict:
 * {@code leaks injected: X, detected: Y, false failures: Z}.
 *
 * @param contactsByOutcome planned kind and recording outcome → "ended as planned / planned"
 * @param detectionLatencies disconnect → alert, one per detected leak, in simulated time
 * @param describeOverBudget contacts described more often than the ticks they were live + 1
 * @param checkedCallsByFunction distinct AWS calls each function made, all checked against its role
 * @param plannedAlerts the alerts the plan calls for, by alert type (one per leaking contact)
 * @param alerts the alerts published, by alert type
 * @param deniedCalls AWS calls a function made that its role in the template does not allow
 * @param metrics the embedded-metric-format records the functions printed
 * @param plannedCategories each planned contact's category, as its day's evidence must give it
 * @param evidence the daily evidence the detector wrote, downloaded
 * @param describesByOutcome DescribeContact requests by the planned kind of contact they were about
 * @param contactEvents what the contact-event feed did; null when the detector polls only
 */
record SimulationReport(
        int contacts,
        int ticks,
        Map<String, String> contactsByOutcome,
        long leaksInjected,
        long leaksDetected,
        long falseFailures,
        long duplicateAlerts,
        long unverifiable,
        long stuck,
        long failedExecutions,
        List<Duration> detectionLatencies,
        long describeContactCalls,
        long throttledResponses,
        long s3Requests,
        long dynamoDbRequests,
        long checkedContacts,
        long describeOverBudget,
        Map<String, Long> requestsByOperation,
        Map<String, StepStatistics> steps,
        List<String> unexpectedEndings,
        Map<String, Long> checkedCallsByFunction,
        Map<String, Long> plannedAlerts,
        Map<String, Long> alerts,
        List<IamSufficiency.Violation> deniedCalls,
        MetricRecords metrics,
        Map<String, String> plannedCategories,
        EvidenceFiles evidence,
        Duration wallTime,
        Map<String, Long> describesByOutcome,
        ContactEventStatistics contactEvents) {

    /**
     * The events the simulated centre published (duplicates included), lost (best effort) and the dead-letter queue
     * received; of them, the recording bucket's S3 events published and lost (zero when it sends none).
     */
    record ContactEventStatistics(int published, int lost, int deadLettered, int recordingEventsPublished,
            int recordingEventsLost) {
    }

    SimulationReport withContactEvents(ContactEventStatistics statistics) {
        return new SimulationReport(contacts, ticks, contactsByOutcome, leaksInjected, leaksDetected, falseFailures,
                duplicateAlerts, unverifiable, stuck, failedExecutions, detectionLatencies, describeContactCalls,
                throttledResponses, s3Requests, dynamoDbRequests, checkedContacts, describeOverBudget,
                requestsByOperation, steps, unexpectedEndings, checkedCallsByFunction, plannedAlerts, alerts,
                deniedCalls, metrics, plannedCategories, evidence, wallTime, describesByOutcome, statistics);
    }

    /** DescribeContact calls a day the default quota (2 requests/s, shared per account and Region) allows for. */
    long contactsPerDayAtDefaultQuota() {
        double perContact = describePerContact();
        return perContact == 0 ? Long.MAX_VALUE : (long) (2 * 86_400 / perContact);
    }

    Duration medianLatency() {
        return detectionLatencies.isEmpty() ? Duration.ZERO
                : detectionLatencies.stream().sorted().toList().get((detectionLatencies.size() - 1) / 2);
    }

    Duration maxLatency() {
        return detectionLatencies.stream().max(Duration::compareTo).orElse(Duration.ZERO);
    }

    double describePerContact() {
        return contacts == 0 ? 0 : (double) describeContactCalls / contacts;
    }

    double s3PerCheckedContact() {
        return checkedContacts == 0 ? 0 : (double) s3Requests / checkedContacts;
    }

    double dynamoDbPerContact() {
        return contacts == 0 ? 0 : (double) dynamoDbRequests / contacts;
    }

    double contactsPerSecond() {
        return wallTime.isZero() ? 0 : contacts / (wallTime.toMillis() / 1000.0);
    }

    String format() {
        StringBuilder text = new StringBuilder();
        text.append("Simulation report\n");
        text.append(String.format("  contacts: %d over %d ticks; wall time %.1f s (%.0f contacts/s)%n", contacts, ticks,
                wallTime.toMillis() / 1000.0, contactsPerSecond()));
        text.append("  contacts by outcome (ended as planned / planned):\n");
        contactsByOutcome.forEach((outcome, count) -> text.append(String.format("    %-34s %s%n", outcome, count)));
        text.append(String.format("  unverifiable: %d, stuck: %d, duplicate alerts: %d, failed executions: %d%n",
                unverifiable, stuck, duplicateAlerts, failedExecutions));
        text.append(String.format("  alerts by type: %s (planned %s)%n", alerts, plannedAlerts));
        text.append(String.format("  detection latency: median %d min, max %d min%n", medianLatency().toMinutes(),
                maxLatency().toMinutes()));
        text.append(contactEvents == null ? "  contact events: off (polling only)\n"
                : String.format("  contact events: on; published %d, lost %d (best effort), dead-lettered %d%n",
                        contactEvents.published() - contactEvents.recordingEventsPublished(), contactEvents.lost(),
                        contactEvents.deadLettered()));
        if (contactEvents != null) {
            text.append(contactEvents.recordingEventsPublished() + contactEvents.recordingEventsLost() == 0
                    ? "  recording events: off (the check lists the bucket)\n"
                    : String.format("  recording events: on; published %d, lost %d (best effort)%n",
                            contactEvents.recordingEventsPublished(), contactEvents.recordingEventsLost()));
        }
        text.append(String.format("  API calls per contact: DescribeContact %.2f, S3 %.2f per checked contact (%d checked),"
                + " DynamoDB %.2f%n", describePerContact(), s3PerCheckedContact(), checkedContacts, dynamoDbPerContact()));
        text.append(String.format("  DescribeContact requests by planned outcome: %s%n", describesByOutcome));
        text.append(String.format("  contacts described more than once per live tick + 1: %d; DescribeContact throttled"
                + " %d times%n", describeOverBudget, throttledResponses));
        text.append("  requests by operation: ").append(requestsByOperation).append('\n');
        text.append("  handler time by step:\n");
        new java.util.TreeMap<>(steps).forEach((step, stats) -> text.append(String.format("    %-28s %s%n", step, stats)));
        unexpectedEndings.stream().limit(20).forEach(line -> text.append("  not as planned: ").append(line).append('\n'));
        text.append(String.format("  distinct AWS calls checked against the functions' roles: %s; not allowed: %d%n",
                checkedCallsByFunction, deniedCalls.size()));
        deniedCalls.stream().limit(20).forEach(denied -> text.append("    ").append(denied).append('\n'));
        text.append(String.format("  metric records: %d, not valid embedded metric format: %d; totals %s%n",
                metrics.records(), metrics.invalid().size(), metrics.totals()));
        metrics.invalid().stream().limit(5).forEach(line -> text.append("    ").append(line).append('\n'));
        text.append(evidence.format());
        text.append(String.format("leaks injected: %d, detected: %d, false failures: %d", leaksInjected, leaksDetected,
                falseFailures));
        return text.toString();
    }
}

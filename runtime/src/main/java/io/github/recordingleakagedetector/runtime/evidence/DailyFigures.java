package io.github.recordingleakagedetector.runtime.evidence;

import io.github.recordingleakagedetector.runtime.lifecycle.ContactCategory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A reporting day's coverage figures: exact counts by category (one contact is one table item, so nothing is
 * counted twice however often its events were delivered or its steps ran), and the compliance ratio:
 * recorded / every contact in a category that required a recording.
 *
 * @param targetPercent the compliance target, empty when none is set
 */
public record DailyFigures(LocalDate day, Map<ContactCategory, Long> counts, long ivrRecordingsMissing,
        OptionalDouble targetPercent) {

    public DailyFigures {
        EnumMap<ContactCategory, Long> all = new EnumMap<>(ContactCategory.class);
        for (ContactCategory category : ContactCategory.values()) {
            all.put(category, counts.getOrDefault(category, 0L));
        }
        counts = Collections.unmodifiableMap(all);
    }

    public static DailyFigures of(LocalDate day, Collection<EvidenceRow> rows, OptionalDouble targetPercent) {
        Map<ContactCategory, Long> counts = new EnumMap<>(ContactCategory.class);
        rows.forEach(row -> counts.merge(row.category(), 1L, Long::sum));
        long ivrMissing = rows.stream().filter(EvidenceRow::ivrLeak).count();
        return new DailyFigures(day, counts, ivrMissing, targetPercent);
    }

    public long count(ContactCategory category) {
        return counts.get(category);
    }

    public long contacts() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Contacts that had to be recorded: the compliance ratio's denominator. */
    public long requiredRecording() {
        return counts.entrySet().stream().filter(e -> e.getKey().requiredRecording())
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Whether every contact reached a category: none is pending. */
    public boolean complete() {
        return count(ContactCategory.PENDING) == 0;
    }

    /**
     * Compliance in percent, rounded down to two decimals so that it never shows more than was achieved; empty
     * when no contact of the day had to be recorded.
     */
    public OptionalDouble compliancePercent() {
        long required = requiredRecording();
        if (required == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(BigDecimal.valueOf(count(ContactCategory.RECORDED)).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(required), 2, RoundingMode.DOWN).doubleValue());
    }

    /** Whether the day meets its target, by the exact ratio; empty without a target or a contact to judge. */
    public Optional<Boolean> meetsTarget() {
        long required = requiredRecording();
        if (targetPercent.isEmpty() || required == 0) {
            return Optional.empty();
        }
        BigDecimal achieved = BigDecimal.valueOf(count(ContactCategory.RECORDED)).multiply(BigDecimal.valueOf(100));
        BigDecimal needed = BigDecimal.valueOf(targetPercent.getAsDouble()).multiply(BigDecimal.valueOf(required));
        return Optional.of(achieved.compareTo(needed) >= 0);
    }
}

package io.github.recordingleakagedetector.runtime.evidence;

import com.fasterxml.jackson.jr.ob.JSON;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactCategory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code summary.json}: a day's figures for machines (and the report message). Its content is a function of the
 * day's contacts and the settings only, with no time of writing, so re-running a day writes the same bytes.
 */
public final class EvidenceSummary {
    private EvidenceSummary() {
    }

    /** The figures as an ordered map: the document, and the body of the report message. */
    public static Map<String, Object> document(String detector, ZoneId zone, DailyFigures figures,
            List<EvidenceRow> rows) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("detector", detector);
        document.put("day", figures.day().toString());
        document.put("timeZone", zone.getId());
        document.put("complete", figures.complete());
        document.put("contacts", figures.contacts());
        Map<String, Object> categories = new LinkedHashMap<>();
        for (ContactCategory category : ContactCategory.values()) {
            categories.put(category.label(), figures.count(category));
        }
        document.put("categories", categories);
        document.put("requiredRecording", figures.requiredRecording());
        document.put("compliancePercent", figures.compliancePercent().isPresent()
                ? figures.compliancePercent().getAsDouble() : null);
        document.put("compliancePercentTarget", figures.targetPercent().isPresent()
                ? figures.targetPercent().getAsDouble() : null);
        document.put("meetsTarget", figures.meetsTarget().orElse(null));
        document.put("ivrRecordingsMissing", figures.ivrRecordingsMissing());
        document.put("needingAttention", rows.stream().filter(EvidenceRow::needsAttention).map(row -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("contactId", row.contactId());
            entry.put("category", row.category().label());
            entry.put("ivrRecordingState", row.ivrRecordingState());
            return entry;
        }).toList());
        return document;
    }

    /**
     * The figures without the list of contacts needing attention (its length instead): what a log line or a report
     * message carries, whose size must not grow with the day (SNS takes at most 256 KB).
     */
    public static Map<String, Object> figuresOnly(Map<String, Object> document) {
        Map<String, Object> figures = new LinkedHashMap<>(document);
        Object attention = figures.remove("needingAttention");
        figures.put("contactsNeedingAttention", attention instanceof List<?> list ? list.size() : 0);
        return figures;
    }

    public static String render(Map<String, Object> document) {
        try {
            return JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(document) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode the evidence summary", e);
        }
    }
}

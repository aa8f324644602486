package io.github.recordingleakagedetector.runtime.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.recordingleakagedetector.runtime.lifecycle.ContactCategory;
import io.github.recordingleakagedetector.runtime.testing.CsvRecords;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code recordings.csv}: RFC 4180 framing whatever a field holds, and no formula a spreadsheet would run. */
class EvidenceCsvTest {

    private static EvidenceRow row(String contactId, String flow, String agent) {
        return new EvidenceRow(contactId, null, null, "VOICE", Instant.parse("2024-05-01T09:00:00Z"), null, null,
                agent, "queue-1", flow, "AGENT CUSTOMER", ContactCategory.MISSING, "COMPLETED - AGENT", null,
                List.of("a/b.wav", "a/c.wav"), 64_044L, 2.0, 30.5, null, null);
    }

    @Test
    void fieldsWithCommasQuotesAndLineBreaksSurviveTheRoundTrip() {
        String flow = "Sales, \"VIP\"\r\nline two";

        String csv = EvidenceCsv.render(List.of(row("c-1", flow, "agent")));

        List<Map<String, String>> rows = CsvRecords.rows(csv);
        assertThat(CsvRecords.parse(csv).get(0)).isEqualTo(EvidenceCsv.COLUMNS);
        assertThat(rows).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("recording_flow", flow).containsEntry("recording_keys", "a/b.wav a/c.wav")
                .containsEntry("recording_bytes", "64044").containsEntry("audio_seconds", "2.000")
                .containsEntry("agent_leg_seconds", "30.500").containsEntry("category", "missing")
                .containsEntry("initial_contact_id", "").containsEntry("alerted_at", ""));
    }

    @Test
    void textASpreadsheetWouldRunAsAFormulaIsPrefixedWithAnApostrophe() {
        List<String> dangerous = List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tTAB", "\rCR");

        List<Map<String, String>> rows = CsvRecords.rows(EvidenceCsv.render(
                dangerous.stream().map(text -> row("c", text, text)).toList()));

        assertThat(rows).extracting(row -> row.get("recording_flow"))
                .containsExactlyElementsOf(dangerous.stream().map(text -> "'" + text).toList());
        assertThat(rows).extracting(row -> row.get("agent_id"))
                .containsExactlyElementsOf(dangerous.stream().map(text -> "'" + text).toList());
        assertThat(rows).extracting(row -> row.get("initiation_timestamp")).containsOnly("2024-05-01T09:00:00Z");
    }
}

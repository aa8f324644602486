package io.github.recordingleakagedetector.runtime.evidence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code recordings.csv}: one row per contact, RFC 4180 (comma-separated, CRLF line ends, a field holding a comma,
 * quote or line break quoted, quotes doubled), UTF-8. A text field that a spreadsheet would run as a formula (it
 * starts with {@code = + - @}, a tab or a carriage return: a flow name is whatever a flow designer typed) is
 * prefixed with an apostrophe, as OWASP advises against CSV injection.
 */
public final class EvidenceCsv {
    /** The header row, also the column contract of the file. */
    public static final List<String> COLUMNS = List.of(
            "contact_id", "initial_contact_id", "previous_contact_id", "channel",
            "initiation_timestamp", "connected_to_agent_timestamp", "disconnect_timestamp",
            "agent_id", "queue_id", "recording_flow", "recorded_participants",
            "category", "state", "ivr_recording_state",
            "recording_keys", "recording_bytes", "audio_seconds", "agent_leg_seconds", "deletion_reason",
            "alerted_at");

    private EvidenceCsv() {
    }

    /** The file's text; rows in the order given. */
    public static String render(List<EvidenceRow> rows) {
        StringBuilder csv = new StringBuilder();
        line(csv, COLUMNS);
        for (EvidenceRow row : rows) {
            line(csv, Arrays.asList(
                    text(row.contactId()), text(row.initialContactId()), text(row.previousContactId()),
                    text(row.channel()),
                    time(row.initiatedAt()), time(row.connectedToAgentAt()), time(row.disconnectedAt()),
                    text(row.agentId()), text(row.queueId()), text(row.recordingFlow()),
                    text(row.recordedParticipants()),
                    row.category().label(), text(row.state()), text(row.ivrRecordingState()),
                    text(String.join(" ", row.recordingKeys())),
                    row.recordingBytes() == null ? "" : row.recordingBytes().toString(),
                    seconds(row.audioSeconds()), seconds(row.agentLegSeconds()), text(row.deletionReason()),
                    time(row.alertedAt())));
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<String> fields) {
        List<String> quoted = new ArrayList<>(fields.size());
        fields.forEach(field -> quoted.add(quote(field)));
        csv.append(String.join(",", quoted)).append("\r\n");
    }

    private static String quote(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\r") || field.contains("\n")) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }

    /** Text from a log or an API, defused for spreadsheets. */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    private static String time(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    /** Seconds to the millisecond, fixed notation, so the same figure always reads the same. */
    static String seconds(Double seconds) {
        return seconds == null ? "" : String.format(Locale.ROOT, "%.3f", seconds);
    }
}

package io.github.recordingleakagedetector.runtime.evidence;

import io.github.recordingleakagedetector.runtime.lifecycle.ContactCategory;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code summary.html}: the page an auditor opens. Self-contained (inline CSS and SVG; no script, no external
 * asset, and a content security policy that would refuse either), so it reads the same from an archive years on.
 * Every value that came from a flow log or an API is HTML-escaped: a flow name can hold {@code <script>}.
 */
public final class EvidencePage {
    private static final Map<ContactCategory, String> MEANING = Map.of(
            ContactCategory.RECORDED, "A recording of the agent leg exists and covers it.",
            ContactCategory.MISSING, "No recording of the agent leg was found.",
            ContactCategory.EMPTY, "The recording holds less than a second of audio.",
            ContactCategory.PARTIAL, "The recording covers too little of the agent leg.",
            ContactCategory.DELETED, "Connect reports the recording deleted after it was made.",
            ContactCategory.NOT_RECORDED_INTENTIONALLY, "A flow turned recording off before the agent joined.",
            ContactCategory.NOT_APPLICABLE, "The contact never reached an agent.",
            ContactCategory.UNVERIFIABLE, "No verdict could be reached in the maximum tracking time.",
            ContactCategory.PENDING, "No verdict yet when this evidence was written.");

    private EvidencePage() {
    }

    public static String render(String detector, ZoneId zone, DailyFigures figures, List<EvidenceRow> rows) {
        StringBuilder html = new StringBuilder(8192);
        String title = "Call recording evidence " + figures.day() + " (" + zone.getId() + ")";
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'\">\n")
                .append("<title>").append(escape(title)).append("</title>\n")
                .append("<style>body{font-family:system-ui,sans-serif;margin:2em;color:#1a1a1a}")
                .append("table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:4px 8px;")
                .append("text-align:left;vertical-align:top}th{background:#f2f2f2}td.n{text-align:right}")
                .append(".fail{color:#b00020}.pass{color:#1b5e20}.muted{color:#666}code{font-size:90%}")
                .append("table.wide{font-size:13px;width:100%}td.key{word-break:break-all;max-width:22em}</style>\n")
                .append("</head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n")
                .append("<p>Detector <code>").append(escape(detector)).append("</code>. ")
                .append(figures.complete()
                        ? "Every contact of the day has its verdict."
                        : "<strong class=\"fail\">Incomplete:</strong> " + figures.count(ContactCategory.PENDING)
                                + " contact(s) had no verdict when the time allowed for one ran out.")
                .append("</p>\n");
        gauge(html, figures);
        counts(html, figures);
        attention(html, rows);
        html.append("<p class=\"muted\">Compliance = recorded / contacts that had to be recorded (missing, empty, ")
                .append("partial, unverifiable and recorded). Deleted recordings, intentionally unrecorded calls and ")
                .append("contacts that never reached an agent are counted but not judged. Every contact is in ")
                .append("<code>recordings.csv</code> beside this page; the figures are in <code>summary.json</code>.")
                .append("</p>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void gauge(StringBuilder html, DailyFigures figures) {
        boolean judged = figures.compliancePercent().isPresent();
        double value = judged ? figures.compliancePercent().getAsDouble() : 0;
        boolean below = figures.meetsTarget().map(meets -> !meets).orElse(false);
        String colour = !judged ? "#999" : below ? "#b00020" : "#1b5e20";
        html.append("<svg role=\"img\" aria-label=\"Compliance gauge\" width=\"260\" height=\"150\" ")
                .append("viewBox=\"0 0 200 120\" xmlns=\"http://www.w3.org/2000/svg\">\n")
                .append("<path d=\"M20,100 A80,80 0 0 1 180,100\" fill=\"none\" stroke=\"#e0e0e0\" ")
                .append("stroke-width=\"16\"/>\n");
        if (judged && value > 0) {
            html.append("<path d=\"M20,100 A80,80 0 0 1 ").append(point(value, 80))
                    .append("\" fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"16\"/>\n");
        }
        if (figures.targetPercent().isPresent()) {
            double target = figures.targetPercent().getAsDouble();
            html.append("<line x1=\"").append(point(target, 68).replace(",", "\" y1=\""))
                    .append("\" x2=\"").append(point(target, 92).replace(",", "\" y2=\""))
                    .append("\" stroke=\"#1a1a1a\" stroke-width=\"2\"/>\n");
        }
        html.append("<text x=\"100\" y=\"95\" text-anchor=\"middle\" font-size=\"22\" fill=\"").append(colour)
                .append("\">").append(judged ? percent(value) : "n/a").append("</text>\n")
                .append("<text x=\"100\" y=\"116\" text-anchor=\"middle\" font-size=\"10\">")
                .append(figures.targetPercent().isPresent()
                        ? "target " + percent(figures.targetPercent().getAsDouble()) : "no target set")
                .append("</text>\n</svg>\n<p><strong>Compliance: ")
                .append(judged ? percent(value) : "not applicable (no contact had to be recorded)")
                .append("</strong> (").append(figures.count(ContactCategory.RECORDED)).append(" of ")
                .append(figures.requiredRecording()).append(" recorded)")
                .append(figures.meetsTarget().map(meets -> meets
                        ? " &mdash; <span class=\"pass\">meets the target</span>"
                        : " &mdash; <strong class=\"fail\">below the target</strong>").orElse(""))
                .append("</p>\n");
    }

    private static void counts(StringBuilder html, DailyFigures figures) {
        html.append("<h2>Contacts by category</h2>\n<table>\n<tr><th>Category</th><th>Contacts</th>")
                .append("<th>Had to be recorded</th><th>Meaning</th></tr>\n");
        for (ContactCategory category : ContactCategory.values()) {
            html.append("<tr><td>").append(category.label()).append("</td><td class=\"n\">")
                    .append(figures.count(category)).append("</td><td>")
                    .append(category.requiredRecording() ? "yes" : "no").append("</td><td>")
                    .append(MEANING.get(category)).append("</td></tr>\n");
        }
        html.append("<tr><th>all</th><td class=\"n\"><strong>").append(figures.contacts())
                .append("</strong></td><td></td><td></td></tr>\n</table>\n");
        if (figures.ivrRecordingsMissing() > 0) {
            html.append("<p class=\"fail\">").append(figures.ivrRecordingsMissing())
                    .append(" expected IVR recording(s) missing or empty.</p>\n");
        }
    }

    private static void attention(StringBuilder html, List<EvidenceRow> rows) {
        List<EvidenceRow> listed = rows.stream().filter(EvidenceRow::needsAttention).toList();
        html.append("<h2>Contacts that did not pass (").append(listed.size()).append(")</h2>\n");
        if (listed.isEmpty()) {
            html.append("<p>None.</p>\n");
            return;
        }
        html.append("<table class=\"wide\">\n<tr><th>Contact</th><th>Category</th><th>IVR</th><th>Started</th><th>Agent</th>")
                .append("<th>Queue</th><th>Recording flow</th><th>Files</th><th>Audio s</th><th>Agent leg s</th>")
                .append("<th>Alerted</th></tr>\n");
        for (EvidenceRow row : listed) {
            html.append("<tr><td class=\"key\"><code>").append(escape(row.contactId())).append("</code></td><td>")
                    .append(row.category().label()).append(row.deletionReason() == null ? ""
                            : " (" + escape(row.deletionReason()) + ")")
                    .append("</td><td>").append(escape(row.ivrRecordingState())).append("</td><td>")
                    .append(time(row.initiatedAt())).append("</td><td>").append(escape(row.agentId()))
                    .append("</td><td>").append(escape(row.queueId())).append("</td><td>")
                    .append(escape(row.recordingFlow())).append("</td><td class=\"key\">")
                    .append(escape(String.join(" ", row.recordingKeys()))).append("</td><td class=\"n\">")
                    .append(EvidenceCsv.seconds(row.audioSeconds())).append("</td><td class=\"n\">")
                    .append(EvidenceCsv.seconds(row.agentLegSeconds())).append("</td><td>")
                    .append(time(row.alertedAt())).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    /** The point on the gauge's arc (centre 100,100) at {@code percent}, {@code radius} from the centre. */
    private static String point(double percent, double radius) {
        double angle = Math.PI * (1 - Math.max(0, Math.min(100, percent)) / 100);
        return String.format(Locale.ROOT, "%.2f,%.2f", 100 + radius * Math.cos(angle), 100 - radius * Math.sin(angle));
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.2f %%", value);
    }

    private static String time(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    /** HTML-escapes text for element content and quoted attribute values. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}

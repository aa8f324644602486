package io.github.recordingleakagedetector.runtime.evidence;

import io.github.recordingleakagedetector.runtime.lifecycle.ContactCategory;
import java.util.Locale;
import java.util.Map;

/**
 * The daily summary message: a subject an e-mail reader can act on, the figures ({@code summary.json}'s document),
 * where the evidence files are, and a link to the day's page.
 */
public record DailyReport(DailyFigures figures, Map<String, Object> summary, Map<String, String> locations,
        String pageLink) {

    /** At most 100 ASCII characters, as SNS requires of a subject. */
    public String subject() {
        String compliance = figures.compliancePercent().isPresent()
                ? String.format(Locale.ROOT, "%.2f%% recorded", figures.compliancePercent().getAsDouble())
                : "no call had to be recorded";
        String verdict = figures.meetsTarget().map(meets -> meets ? "" : " - BELOW TARGET").orElse("");
        String incomplete = figures.complete() ? "" : " - INCOMPLETE";
        return "Call recording evidence " + figures.day() + ": " + compliance + verdict + incomplete;
    }

    /**
     * The message body: the figures in words, where the files are, then the figures of {@code summary.json} (without
     * its list of contacts, which the files hold: the message stays small whatever the day's size).
     */
    public String text() {
        StringBuilder text = new StringBuilder(subject()).append("\n\n");
        text.append(figures.contacts()).append(" contacts; ").append(figures.count(ContactCategory.RECORDED))
                .append(" of ").append(figures.requiredRecording()).append(" that had to be recorded were.\n");
        for (ContactCategory category : ContactCategory.values()) {
            text.append("  ").append(category.label()).append(": ").append(figures.count(category)).append('\n');
        }
        text.append("\nThe day's page: ").append(pageLink).append('\n');
        text.append("\nEvidence files:\n");
        locations.values().forEach(location -> text.append("  ").append(location).append('\n'));
        text.append("\n").append(EvidenceSummary.render(EvidenceSummary.figuresOnly(summary)));
        return text.toString();
    }
}

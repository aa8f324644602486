package io.github.recordingleakagedetector.runtime.evidence;

import io.github.recordingleakagedetector.runtime.lifecycle.ContactCategory;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactStore;
import io.github.recordingleakagedetector.runtime.log.JsonLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Writes each reporting day's evidence once the day is over and settled and every one of its contacts has its
 * category, or at the latest once {@code maxTrackingAge} has passed since then (by then every contact has a verdict
 * or has been reported unverifiable; anything still open is listed as pending). A day costs one query of its own
 * contacts and, while it waits, one read of the open contacts: never a table scan.
 *
 * <p>The files are a function of the day's contacts and the settings only, so writing a day again (on demand, e.g.
 * after a late flow-log replay) writes the same content when nothing changed. On demand, only a day the schedule
 * could have written, and whose contacts are still in the table, is written: an earlier write would mark a day
 * written before it is final, a later one would replace its evidence with what the TTL left.
 */
public final class DailyEvidence {
    /**
     * How long after a day ends its flow-log events may still be arriving: Lambda retries a failed asynchronous
     * delivery from the subscription filter for up to 6 hours before it goes to the ingest failure queue.
     */
    public static final Duration SETTLING_TIME = Duration.ofHours(6);
    /** The fewest past days each scheduled run looks at, so a run missed for days is caught up. */
    public static final int MINIMUM_LOOKBACK_DAYS = 7;

    public static final String WRITTEN = "written";
    public static final String WRITTEN_WITH_PENDING = "writtenWithPending";
    public static final String WAITING = "waiting";

    private static final JsonLog LOG = JsonLog.of(DailyEvidence.class);

    /** What the evidence is judged by and labelled with. */
    public record Settings(String detector, ZoneId zone, OptionalDouble targetPercent, Duration maxTrackingAge,
            Duration contactRetention) {
    }

    /** What a run did for one day. */
    public record DayResult(LocalDate day, String outcome, long contacts, long pending, DailyFigures figures) {
        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("day", day.toString());
            map.put("outcome", outcome);
            map.put("contacts", contacts);
            map.put("pending", pending);
            if (figures != null && figures.compliancePercent().isPresent()) {
                map.put("compliancePercent", figures.compliancePercent().getAsDouble());
            }
            return map;
        }
    }

    private final ContactStore store;
    private final EvidenceArchive archive;
    private final ReportPublisher reports;
    private final Settings settings;
    private final Clock clock;

    public DailyEvidence(ContactStore store, EvidenceArchive archive, ReportPublisher reports, Settings settings,
            Clock clock) {
        this.store = store;
        this.archive = archive;
        this.reports = reports;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The scheduled run: every recent day that is over, not yet written, and ready (or out of time). Days with no
     * contact before the first day the detector saw one (or wrote) are skipped: they predate it.
     */
    public List<DayResult> writeDueDays() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, settings.zone());
        LocalDate first = today.minusDays(lookbackDays());
        List<DayResult> results = new ArrayList<>();
        Map<LocalDate, Long> open = null;
        boolean watching = archive.written(first.minusDays(1));
        for (LocalDate day = first; day.isBefore(today); day = day.plusDays(1)) {
            if (now.isBefore(end(day).plus(SETTLING_TIME))) {
                continue;
            }
            if (archive.written(day)) {
                watching = true;
                continue;
            }
            if (open == null) {
                open = store.openByReportingDay();
            }
            long pending = open.getOrDefault(day, 0L);
            if (pending > 0 && now.isBefore(deadline(day))) {
                LOG.info("evidence.waiting", "day", day.toString(), "pending", pending,
                        "deadline", deadline(day).toString());
                results.add(new DayResult(day, WAITING, -1, pending, null));
                watching = true;
                continue;
            }
            List<EvidenceRow> rows = rowsOf(day);
            if (rows.isEmpty() && !watching) {
                continue;
            }
            results.add(write(day, rows));
            watching = true;
        }
        return results;
    }

    /**
     * Writes one day's evidence now, on demand: the way to write a day again. Refused, naming the day and why, when
     * the day has not settled yet, still has contacts without a verdict before its deadline (the schedule writes it
     * when it is final), or is older than the contacts' retention (its items are expiring: the evidence written when
     * they were there stands).
     */
    public DayResult writeAgain(LocalDate day) {
        Instant now = clock.instant();
        if (now.isBefore(end(day).plus(SETTLING_TIME))) {
            throw new IllegalArgumentException("day " + day + " is not settled until " + end(day).plus(SETTLING_TIME)
                    + " (flow-log deliveries may still arrive); the schedule writes it once it is final");
        }
        if (!now.isBefore(start(day).plus(settings.contactRetention()))) {
            throw new IllegalArgumentException("day " + day + " is older than the contact retention ("
                    + settings.contactRetention().toDays() + " days): its contacts are expiring from the table, and "
                    + "the evidence written when they were there stands");
        }
        long pending = store.openByReportingDay().getOrDefault(day, 0L);
        if (pending > 0 && now.isBefore(deadline(day))) {
            throw new IllegalArgumentException("day " + day + " still has " + pending + " contact(s) without a "
                    + "verdict; the schedule writes it when they have one, or at " + deadline(day) + " at the latest");
        }
        return write(day, rowsOf(day));
    }

    private List<EvidenceRow> rowsOf(LocalDate day) {
        return store.ofReportingDay(day).map(EvidenceRow::of).sorted(Comparator.comparing(EvidenceRow::contactId))
                .toList();
    }

    private DayResult write(LocalDate day, List<EvidenceRow> rows) {
        DailyFigures figures = DailyFigures.of(day, rows, settings.targetPercent());
        Map<String, Object> summary = EvidenceSummary.document(settings.detector(), settings.zone(), figures, rows);
        List<EvidenceFile> files = List.of(
                new EvidenceFile("recordings.csv", "text/csv; charset=utf-8; header=present", EvidenceCsv.render(rows)),
                new EvidenceFile("summary.html", "text/html; charset=utf-8",
                        EvidencePage.render(settings.detector(), settings.zone(), figures, rows)),
                new EvidenceFile(EvidenceArchive.MARKER, "application/json", EvidenceSummary.render(summary)));
        Map<String, String> locations = new LinkedHashMap<>();
        files.forEach(file -> locations.put(file.name(), archive.location(day, file.name())));
        // The marker is in the list's last place: a failed upload leaves the day unwritten, to be done next run.
        files.forEach(file -> archive.write(day, file));
        try {
            reports.publish(new DailyReport(figures, summary, locations, archive.link(day, "summary.html")));
        } catch (RuntimeException e) {
            // Not written again for the report's sake: under Object Lock every rewrite is a version kept for years.
            throw new IllegalStateException("The evidence of " + day + " is written (" + locations.values()
                    + "), but its report could not be published: " + e.getMessage(), e);
        }
        String outcome = figures.complete() ? WRITTEN : WRITTEN_WITH_PENDING;
        LOG.info("evidence." + outcome, "day", day.toString(), "figures", EvidenceSummary.figuresOnly(summary),
                "locations", locations);
        return new DayResult(day, outcome, figures.contacts(), figures.count(ContactCategory.PENDING), figures);
    }

    private Instant start(LocalDate day) {
        return day.atStartOfDay(settings.zone()).toInstant();
    }

    private Instant end(LocalDate day) {
        return start(day.plusDays(1));
    }

    /**
     * By then a contact filed on the day has a verdict or was reported unverifiable (it is tracked at most
     * {@code maxTrackingAge}; the polls run every 5 minutes), and every delivery of the day has arrived.
     */
    private Instant deadline(LocalDate day) {
        return end(day).plus(settings.maxTrackingAge()).plus(SETTLING_TIME);
    }

    private long lookbackDays() {
        long trackingDays = settings.maxTrackingAge().plus(SETTLING_TIME).toDays() + 2;
        return Math.max(MINIMUM_LOOKBACK_DAYS, trackingDays);
    }
}

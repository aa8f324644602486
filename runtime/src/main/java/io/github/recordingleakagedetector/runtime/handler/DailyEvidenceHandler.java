package io.github.recordingleakagedetector.runtime.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.github.recordingleakagedetector.runtime.config.Handler;
import io.github.recordingleakagedetector.runtime.evidence.DailyEvidence;
import io.github.recordingleakagedetector.runtime.log.JsonLog;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes the daily evidence. Scheduled (any input without {@code day}): every recent day that is due. On demand,
 * {@code {"day":"YYYY-MM-DD"}}: that day again, now, once it is final and while its contacts are in the table (the
 * way to re-run a day; {@link DailyEvidence#writeAgain} says what it refuses).
 */
public final class DailyEvidenceHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    /** The input field that asks for one day. */
    public static final String DAY_FIELD = "day";

    private static final JsonLog LOG = JsonLog.of(DailyEvidenceHandler.class);

    private final Wiring wiring;
    private final DailyEvidence evidence;
    private final AtomicBoolean firstInvocation = new AtomicBoolean(true);

    public DailyEvidenceHandler() {
        this(Wiring.fromSystem(Handler.DAILY_EVIDENCE));
    }

    public DailyEvidenceHandler(Wiring wiring) {
        this.wiring = wiring;
        this.evidence = wiring.evidence();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        try (InvocationScope scope = InvocationScope.open(context, firstInvocation)) {
            Object day = input == null ? null : input.get(DAY_FIELD);
            List<DailyEvidence.DayResult> results = day == null
                    ? evidence.writeDueDays()
                    : List.of(evidence.writeAgain(requestedDay(day)));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("step", "dailyEvidence");
            result.put("days", results.stream().map(DailyEvidence.DayResult::toMap).toList());
            LOG.info("run.summary", "summary", result);
            return result;
        }
    }

    private LocalDate requestedDay(Object value) {
        LocalDate day;
        try {
            day = LocalDate.parse(String.valueOf(value));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(DAY_FIELD + " '" + value + "' is not a date (YYYY-MM-DD)", e);
        }
        LocalDate today = LocalDate.ofInstant(wiring.clock().instant(), wiring.reportingTimeZone());
        if (day.isAfter(today)) {
            throw new IllegalArgumentException(DAY_FIELD + " " + day + " has not begun in "
                    + wiring.reportingTimeZone().getId() + " (today is " + today + ")");
        }
        return day;
    }
}

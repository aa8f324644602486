package io.github.recordingleakagedetector.runtime.aws;

import io.github.recordingleakagedetector.runtime.evidence.DailyReport;
import io.github.recordingleakagedetector.runtime.evidence.ReportPublisher;
import io.github.recordingleakagedetector.runtime.log.JsonLog;

/** Without a report topic, the daily summary is only logged. */
public final class LogOnlyReportPublisher implements ReportPublisher {
    private static final JsonLog LOG = JsonLog.of(LogOnlyReportPublisher.class);

    @Override
    public void publish(DailyReport report) {
        LOG.info("report.logOnly", "subject", report.subject());
    }
}

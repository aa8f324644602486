package io.github.recordingleakagedetector.runtime.evidence;

/** Sends the daily summary to the people who read it (the report topic), apart from the leak alerts. */
public interface ReportPublisher {

    void publish(DailyReport report);
}

package io.github.recordingleakagedetector.runtime.aws;

import io.github.recordingleakagedetector.runtime.evidence.DailyReport;
import io.github.recordingleakagedetector.runtime.evidence.ReportPublisher;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/** Publishes the daily summary to the report topic (e-mail readers get the text; {@code day} is an attribute). */
public final class SnsReportPublisher implements ReportPublisher {
    private final SnsClient sns;
    private final String topicArn;

    public SnsReportPublisher(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void publish(DailyReport report) {
        sns.publish(r -> r.topicArn(topicArn)
                .subject(report.subject())
                .message(report.text())
                .messageAttributes(Map.of("day", MessageAttributeValue.builder().dataType("String")
                        .stringValue(report.figures().day().toString()).build())));
    }
}

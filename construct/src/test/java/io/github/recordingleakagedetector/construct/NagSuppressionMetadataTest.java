package io.github.recordingleakagedetector.construct;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Which granted wildcards have a reason by design: everything else is left for cdk-nag to report. */
class NagSuppressionMetadataTest {

    @Test
    void knownWildcardsHaveTheirReason() {
        assertThat(NagSuppressionMetadata.resourceWildcardReason(List.of("xray:PutTraceSegments",
                "logs:CreateLogDelivery"), "*", "*")).isEqualTo(NagSuppressionMetadata.XRAY_AND_LOG_DELIVERY_WILDCARD);
        assertThat(NagSuppressionMetadata.resourceWildcardReason(List.of("connect:DescribeContact"),
                "arn:aws:connect:eu-west-2:1:instance/i/contact/*", "arn:aws:connect:eu-west-2:1:instance/i/contact/*"))
                .isEqualTo(NagSuppressionMetadata.CONTACT_WILDCARD);
        assertThat(NagSuppressionMetadata.resourceWildcardReason(List.of("s3:PutObject"), "${Token[1]}/evidence/*",
                "/evidence/*")).isEqualTo(NagSuppressionMetadata.EVIDENCE_PREFIX_WILDCARD);
    }

    @Test
    void aWildcardOfAnotherKindHasNoReasonAndStaysVisible() {
        // Resource "*" for an action that has resource-level permissions
        assertThat(NagSuppressionMetadata.resourceWildcardReason(List.of("xray:PutTraceSegments", "s3:GetObject"),
                "*", "*")).isNull();
        // Reading every object of the recording bucket, or doing more than DescribeContact on contacts
        assertThat(NagSuppressionMetadata.resourceWildcardReason(List.of("s3:GetObject"), "${Token[1]}/*", "/*"))
                .isNull();
        assertThat(NagSuppressionMetadata.resourceWildcardReason(List.of("connect:DescribeContact",
                "connect:StopContact"), "arn:aws:connect:eu-west-2:1:instance/i/contact/*",
                "arn:aws:connect:eu-west-2:1:instance/i/contact/*")).isNull();
        // Deleting evidence
        assertThat(NagSuppressionMetadata.resourceWildcardReason(List.of("s3:DeleteObject", "lambda:InvokeFunction"),
                "${Token[1]}/evidence/*", "/evidence/*")).isNull();
    }
}

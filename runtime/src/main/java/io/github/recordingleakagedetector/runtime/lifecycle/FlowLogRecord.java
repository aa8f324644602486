package io.github.recordingleakagedetector.runtime.lifecycle;

/** One CloudWatch Logs event from the Connect instance's flow-log group. */
public record FlowLogRecord(String id, long timestampMillis, String message) {
}

package io.github.recordingleakagedetector.runtime.lifecycle;

/** A flow-log event that cannot be understood; the event is skipped, never the batch. */
public final class MalformedFlowLogException extends RuntimeException {
    public MalformedFlowLogException(String reason) {
        super(reason);
    }
}

package io.github.recordingleakagedetector.runtime.handler;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.recordingleakagedetector.runtime.log.JsonLog;
import java.util.concurrent.atomic.AtomicBoolean;

/** Tags every log line of one invocation with its request id, the function name and whether it was a cold start. */
final class InvocationScope implements AutoCloseable {

    private InvocationScope() {
    }

    /** {@code firstInvocation} is the handler's own flag, true until its first invocation takes it. */
    static InvocationScope open(Context context, AtomicBoolean firstInvocation) {
        boolean coldStart = firstInvocation.getAndSet(false);
        JsonLog.beginInvocation(context == null
                ? new JsonLog.Invocation(null, null, coldStart)
                : new JsonLog.Invocation(context.getAwsRequestId(), context.getFunctionName(), coldStart));
        return new InvocationScope();
    }

    @Override
    public void close() {
        JsonLog.endInvocation();
    }
}

package io.github.recordingleakagedetector.runtime.support;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.util.function.IntSupplier;

/** A Lambda context whose remaining time the test controls; the handlers read nothing else from it. */
public final class FakeLambdaContext implements Context {
    private final IntSupplier remainingMillis;
    private final String requestId;

    public FakeLambdaContext(IntSupplier remainingMillis) {
        this(remainingMillis, "test-request");
    }

    private FakeLambdaContext(IntSupplier remainingMillis, String requestId) {
        this.remainingMillis = remainingMillis;
        this.requestId = requestId;
    }

    public static FakeLambdaContext withPlentyOfTime() {
        return new FakeLambdaContext(() -> 240_000);
    }

    /** An invocation with its own request id. */
    public static FakeLambdaContext forRequest(String requestId) {
        return new FakeLambdaContext(() -> 240_000, requestId);
    }

    @Override
    public int getRemainingTimeInMillis() {
        return remainingMillis.getAsInt();
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/test";
    }

    @Override
    public String getLogStreamName() {
        return "test";
    }

    @Override
    public String getFunctionName() {
        return "test";
    }

    @Override
    public String getFunctionVersion() {
        return "1";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:eu-west-2:111122223333:function:test";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return null;
    }
}

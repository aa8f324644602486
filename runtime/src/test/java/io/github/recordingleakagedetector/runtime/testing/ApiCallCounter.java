package io.github.recordingleakagedetector.runtime.testing;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Counts every request the handlers' SDK clients send (retries included), by service and operation. */
public final class ApiCallCounter implements ExecutionInterceptor {
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        requests.computeIfAbsent(service + ":" + operation, k -> new LongAdder()).increment();
    }

    /** Requests of one operation, e.g. {@code S3:ListObjectsV2}. */
    public long operation(String serviceAndOperation) {
        LongAdder count = requests.get(serviceAndOperation);
        return count == null ? 0 : count.sum();
    }

    /** Requests to one service, by the SDK's service name: {@code DynamoDb}, {@code S3}, {@code Connect}, {@code Sns}. */
    public long service(String service) {
        return requests.entrySet().stream()
                .filter(e -> e.getKey().startsWith(service + ":"))
                .mapToLong(e -> e.getValue().sum())
                .sum();
    }

    public Map<String, Long> byOperation() {
        Map<String, Long> counts = new TreeMap<>();
        requests.forEach((operation, count) -> counts.put(operation, count.sum()));
        return counts;
    }
}

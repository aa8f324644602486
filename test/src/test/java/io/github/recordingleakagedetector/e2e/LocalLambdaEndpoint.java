package io.github.recordingleakagedetector.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.github.recordingleakagedetector.runtime.testing.LocalHttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The Lambda Invoke API ({@code POST /2015-03-31/functions/{name}/invocations}) on 127.0.0.1, in front of the
 * template's functions, each hosted as the simulation's {@link FunctionHosting} says: as Lambda runs it, in
 * execution environments of its own ({@link DeployedFunctionHost}), or in the test JVM ({@link InProcessFunctionHost}).
 * A handler's error is reported as Lambda reports it, {@code X-Amz-Function-Error: Unhandled}. Also counts the
 * invocations and keeps each step's statistics from the summaries the handlers return.
 */
final class LocalLambdaEndpoint implements AutoCloseable {
    private static final String INVOKE_PATH = "/2015-03-31/functions/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs the invocations of one function. */
    interface FunctionHost extends AutoCloseable {
        LambdaRuntimeApi.Outcome invoke(String payload);

        @Override
        void close();
    }

    /** How functions run: as deployed (the Lambda jar under the runtime interface client) or in the test JVM. */
    enum FunctionHosting {
        DEPLOYED, IN_PROCESS
    }

    private final SynthesizedDetector detector;
    private final Function<SynthesizedDetector.DeployedFunction, FunctionHost> hostFactory;
    private final Map<String, FunctionHost> hosts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> invocations = new ConcurrentHashMap<>();
    private final Map<String, StepStatistics> statistics = new ConcurrentHashMap<>();
    private final LocalHttpServer server;

    LocalLambdaEndpoint(SynthesizedDetector detector,
            Function<SynthesizedDetector.DeployedFunction, FunctionHost> hostFactory) {
        this.detector = detector;
        this.hostFactory = hostFactory;
        this.server = LocalHttpServer.start("lambda", this::handle);
    }

    URI endpoint() {
        return server.endpoint();
    }

    /** Starts every function's first execution environment at once, rather than one cold start per first call. */
    void startAll() {
        List<CompletableFuture<Void>> started = detector.functions().values().stream()
                .map(function -> CompletableFuture.runAsync(() -> host(function)))
                .toList();
        started.forEach(CompletableFuture::join);
    }

    /** Invokes a function, as the CloudWatch Logs subscription does with the ingest function. */
    String invoke(String functionName, String payload) {
        SynthesizedDetector.DeployedFunction function = detector.functionNamed(functionName);
        invocations.computeIfAbsent(function.logicalId(), id -> new AtomicInteger()).incrementAndGet();
        long started = System.nanoTime();
        LambdaRuntimeApi.Outcome outcome = host(function).invoke(payload);
        if (!outcome.succeeded()) {
            throw new FunctionError(function.logicalId(), outcome.body());
        }
        record(function, outcome.body(), System.nanoTime() - started);
        return outcome.body();
    }

    int invocations(String logicalId) {
        return invocations.getOrDefault(logicalId, new AtomicInteger()).get();
    }

    /** Time spent in each function's invocations and the contacts its summaries say it read, by handler class. */
    Map<String, StepStatistics> statistics() {
        return statistics;
    }

    private FunctionHost host(SynthesizedDetector.DeployedFunction function) {
        return hosts.computeIfAbsent(function.logicalId(), id -> hostFactory.apply(function));
    }

    private void record(SynthesizedDetector.DeployedFunction function, String result, long nanos) {
        Map<?, ?> summary;
        try {
            summary = JSON.readValue(result, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(function.logicalId() + " returned no JSON object: " + result, e);
        }
        long read = summary.get("read") instanceof Number number ? number.longValue() : 0;
        Map<?, ?> outcomes = summary.get("outcomes") instanceof Map<?, ?> map ? map : Map.of();
        String step = function.handlerClass().substring(function.handlerClass().lastIndexOf('.') + 1);
        statistics.computeIfAbsent(step, k -> new StepStatistics()).add(read, outcomes, nanos);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (!"POST".equals(exchange.getRequestMethod()) || !path.startsWith(INVOKE_PATH)
                || !path.endsWith("/invocations")) {
            LocalHttpServer.respond(exchange, 404, "application/json", Map.of(),
                    "{\"Type\":\"User\",\"message\":\"Unknown path " + path + "\"}");
            return;
        }
        String name = URLDecoder.decode(path.substring(INVOKE_PATH.length(), path.length() - "/invocations".length()),
                StandardCharsets.UTF_8);
        String payload = LocalHttpServer.readBody(exchange);
        try {
            LocalHttpServer.respond(exchange, 200, "application/json", Map.of(), invoke(name, payload));
        } catch (FunctionError e) {
            LocalHttpServer.respond(exchange, 200, "application/json",
                    Map.of("X-Amz-Function-Error", "Unhandled"), e.payload);
        }
    }

    @Override
    public void close() {
        server.close();
        hosts.values().forEach(FunctionHost::close);
    }

    /** A function's error, with the payload Lambda returns for it ({@code errorType}, {@code errorMessage}, ...). */
    static final class FunctionError extends RuntimeException {
        private final String payload;

        FunctionError(String function, String payload) {
            super(function + " failed: " + payload);
            this.payload = payload;
        }
    }
}

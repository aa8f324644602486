package io.github.recordingleakagedetector.e2e;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.sun.net.httpserver.HttpExchange;
import io.github.recordingleakagedetector.runtime.config.Handler;
import io.github.recordingleakagedetector.runtime.handler.Wiring;
import io.github.recordingleakagedetector.runtime.testing.LocalHttpServer;
import io.github.recordingleakagedetector.runtime.support.FakeLambdaContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

/**
 * The Lambda Invoke API ({@code POST /2015-03-31/functions/{name}/invocations}) on 127.0.0.1, running the handler
 * class the synthesized template names for each function, with the template's environment. Like Lambda, it decodes
 * the event with the Lambda Java serialization library, keeps one warm handler instance per function, gives it the
 * function's timeout as its time budget, and reports a thrown error as {@code X-Amz-Function-Error: Unhandled}.
 */
final class LocalLambdaEndpoint implements AutoCloseable {
    private static final String INVOKE_PATH = "/2015-03-31/functions/";

    private final SynthesizedDetector detector;
    private final Function<SynthesizedDetector.DeployedFunction, Map<String, String>> environment;
    private final Clock clock;
    private final ClientOverrideConfiguration clientOverrides;
    private final Map<String, WarmFunction> warm = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> invocations = new ConcurrentHashMap<>();
    private final Map<String, StepStatistics> statistics = new ConcurrentHashMap<>();
    private final LocalHttpServer server;

    /**
     * @param environment the variables a function runs with: the template's plus where the local servers are
     */
    LocalLambdaEndpoint(SynthesizedDetector detector,
            Function<SynthesizedDetector.DeployedFunction, Map<String, String>> environment, Clock clock,
            ClientOverrideConfiguration clientOverrides) {
        this.detector = detector;
        this.environment = environment;
        this.clock = clock;
        this.clientOverrides = clientOverrides;
        this.server = LocalHttpServer.start("lambda", this::handle);
    }

    URI endpoint() {
        return server.endpoint();
    }

    /** Invokes a function in-process, as the CloudWatch Logs subscription does with the ingest function. */
    String invoke(String functionName, String payload) {
        return warm.computeIfAbsent(detector.functionNamed(functionName).logicalId(), id -> start(functionName))
                .invoke(payload);
    }

    int invocations(String logicalId) {
        return invocations.getOrDefault(logicalId, new AtomicInteger()).get();
    }

    /** Time spent in each function's handler and the contacts its summaries say it read, by handler class. */
    Map<String, StepStatistics> statistics() {
        return statistics;
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
            String result = invoke(name, payload);
            LocalHttpServer.respond(exchange, 200, "application/json", Map.of(), result);
        } catch (FunctionError e) {
            LocalHttpServer.respond(exchange, 200, "application/json",
                    Map.of("X-Amz-Function-Error", "Unhandled"), e.payload);
        }
    }

    private WarmFunction start(String functionName) {
        SynthesizedDetector.DeployedFunction function = detector.functionNamed(functionName);
        Handler contract = Arrays.stream(Handler.values())
                .filter(h -> h.className().equals(function.handlerClass()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The template names handler " + function.handler()
                        + ", which the runtime does not define"));
        try {
            Class<?> type = Class.forName(function.handlerClass());
            Object handler = type.getConstructor(Wiring.class)
                    .newInstance(Wiring.of(contract, environment.apply(function), clock, clientOverrides));
            return new WarmFunction(function, (RequestHandler<?, ?>) handler, inputType(type));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot start " + function.handler(), e);
        }
    }

    private static Class<?> inputType(Class<?> handlerType) {
        return Arrays.stream(handlerType.getMethods())
                .filter(m -> m.getName().equals("handleRequest") && !m.isBridge() && m.getParameterCount() == 2
                        && m.getParameterTypes()[1] == Context.class)
                .map(Method::getParameterTypes)
                .map(types -> types[0])
                .findFirst()
                .orElseThrow();
    }

    @Override
    public void close() {
        server.close();
    }

    /** A function's warm container: one handler instance, reused across invocations. */
    private final class WarmFunction {
        private final SynthesizedDetector.DeployedFunction function;
        private final RequestHandler<Object, Object> handler;
        private final PojoSerializer<Object> input;
        private final PojoSerializer<Object> output;

        @SuppressWarnings("unchecked")
        WarmFunction(SynthesizedDetector.DeployedFunction function, RequestHandler<?, ?> handler, Class<?> inputType) {
            this.function = function;
            this.handler = (RequestHandler<Object, Object>) handler;
            ClassLoader loader = inputType.getClassLoader() == null ? getClass().getClassLoader() : inputType.getClassLoader();
            this.input = LambdaEventSerializers.isLambdaSupportedEvent(inputType.getName())
                    ? (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(inputType, loader)
                    : (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(inputType);
            this.output = JacksonFactory.getInstance().getSerializer((java.lang.reflect.Type) Object.class);
        }

        String invoke(String payload) {
            invocations.computeIfAbsent(function.logicalId(), id -> new AtomicInteger()).incrementAndGet();
            long deadline = System.currentTimeMillis() + function.timeoutSeconds() * 1000L;
            Context context = new FakeLambdaContext(() -> (int) (deadline - System.currentTimeMillis()));
            Object result;
            long started = System.nanoTime();
            try {
                result = handler.handleRequest(
                        input.fromJson(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8))), context);
            } catch (RuntimeException e) {
                throw new FunctionError(e);
            }
            Map<?, ?> summary = result instanceof Map<?, ?> map ? map : Map.of();
            long read = summary.get("read") instanceof Number number ? number.longValue() : 0;
            Map<?, ?> outcomes = summary.get("outcomes") instanceof Map<?, ?> map ? map : Map.of();
            String step = function.handlerClass().substring(function.handlerClass().lastIndexOf('.') + 1);
            statistics.computeIfAbsent(step, k -> new StepStatistics()).add(read, outcomes, System.nanoTime() - started);
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            output.toJson(result, json);
            return json.toString(StandardCharsets.UTF_8);
        }
    }

    /** A handler's exception, encoded the way Lambda reports an unhandled error. */
    private static final class FunctionError extends RuntimeException {
        private final String payload;

        FunctionError(RuntimeException cause) {
            super(cause);
            Map<String, Object> error = new HashMap<>();
            error.put("errorType", cause.getClass().getName());
            error.put("errorMessage", String.valueOf(cause.getMessage()));
            try {
                this.payload = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(error);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

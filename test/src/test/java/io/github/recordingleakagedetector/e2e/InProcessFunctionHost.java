package io.github.recordingleakagedetector.e2e;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.recordingleakagedetector.runtime.config.Handler;
import io.github.recordingleakagedetector.runtime.handler.Wiring;
import io.github.recordingleakagedetector.runtime.support.FakeLambdaContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

/**
 * A function run in the test JVM, for fast runs (the benchmark): the handler class the template names, one warm
 * instance built with the template's environment and the simulation's clock, events decoded with the Lambda Java
 * serialization library as the runtime decodes them. What it does not test is what Lambda runs: the Lambda jar, the
 * runtime client's reflection, a JVM of the function's own ({@link DeployedFunctionHost} does).
 */
final class InProcessFunctionHost implements LocalLambdaEndpoint.FunctionHost {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SynthesizedDetector.DeployedFunction function;
    private final RequestHandler<Object, Object> handler;
    private final PojoSerializer<Object> input;
    private final PojoSerializer<Object> output;

    @SuppressWarnings("unchecked")
    InProcessFunctionHost(SynthesizedDetector.DeployedFunction function, Map<String, String> environment, Clock clock,
            ClientOverrideConfiguration overrides) {
        this.function = function;
        Handler contract = Arrays.stream(Handler.values())
                .filter(h -> h.className().equals(function.handlerClass()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The template names handler " + function.handler()
                        + ", which the runtime does not define"));
        try {
            Class<?> type = Class.forName(function.handlerClass());
            this.handler = (RequestHandler<Object, Object>) type.getConstructor(Wiring.class)
                    .newInstance(Wiring.of(contract, environment, clock, overrides));
            Class<?> inputType = inputType(type);
            ClassLoader loader = inputType.getClassLoader() == null ? getClass().getClassLoader() : inputType.getClassLoader();
            this.input = LambdaEventSerializers.isLambdaSupportedEvent(inputType.getName())
                    ? (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(inputType, loader)
                    : (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(inputType);
            this.output = JacksonFactory.getInstance().getSerializer((java.lang.reflect.Type) Object.class);
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
    public LambdaRuntimeApi.Outcome invoke(String payload) {
        long deadline = System.currentTimeMillis() + function.timeoutSeconds() * 1000L;
        Context context = new FakeLambdaContext(() -> (int) (deadline - System.currentTimeMillis()));
        Object result;
        try {
            result = handler.handleRequest(
                    input.fromJson(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8))), context);
        } catch (RuntimeException e) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("errorType", e.getClass().getName());
            error.put("errorMessage", String.valueOf(e.getMessage()));
            try {
                return new LambdaRuntimeApi.Outcome(false, "Runtime.UserException", JSON.writeValueAsString(error));
            } catch (java.io.IOException encoding) {
                throw new IllegalStateException(encoding);
            }
        }
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        output.toJson(result, json);
        return new LambdaRuntimeApi.Outcome(true, null, json.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        // Nothing outlives the test JVM's handler instance.
    }
}

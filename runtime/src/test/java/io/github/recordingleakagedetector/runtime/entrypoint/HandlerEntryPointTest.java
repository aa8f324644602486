package io.github.recordingleakagedetector.runtime.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.github.recordingleakagedetector.runtime.config.Handler;
import io.github.recordingleakagedetector.runtime.handler.Wiring;
import io.github.recordingleakagedetector.runtime.support.FakeLambdaContext;
import io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries;
import io.github.recordingleakagedetector.runtime.support.HandlerTestBed;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Calls each handler the way Lambda's runtime client does for a {@code Class::method} handler string: by
 * reflection, from a class in another package. A public method inherited from a non-public class is refused there
 * ({@code IllegalAccessException}), so this test lives outside the handlers' package on purpose.
 */
@ExtendWith(HandlerTestBed.LocalServers.class)
class HandlerEntryPointTest {
    private final HandlerTestBed bed = new HandlerTestBed();

    @ParameterizedTest
    @EnumSource(Handler.class)
    void theHandlerStringNamesAMethodThatAnotherPackageCanInvoke(Handler handler) throws Exception {
        // GIVEN an empty table and the class and method the handler string names
        bed.reset(Instant.parse("2024-05-01T09:00:00Z"));
        String[] handlerString = handler.handlerString().split("::");
        Class<?> type = Class.forName(handlerString[0]);
        Method method = Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(handlerString[1]) && !m.isBridge() && m.getParameterCount() == 2
                        && m.getParameterTypes()[1] == Context.class)
                .findFirst()
                .orElseThrow(() -> new AssertionError(handler.handlerString() + " names no public method"));
        Object instance = type.getConstructor(Wiring.class).newInstance(bed.wiring(handler));

        // WHEN it is invoked reflectively from this package
        Object input = switch (handler) {
            case FLOW_LOG_INGEST ->
                    FlowLogDeliveries.delivery().enable("c-1", "Both", Instant.parse("2024-05-01T08:59:00Z")).event();
            case CONTACT_EVENTS -> new SQSEvent();
            default -> Map.of();
        };
        Object result = method.invoke(instance, input, FakeLambdaContext.withPlentyOfTime());

        // THEN it runs and returns its summary, and the method is declared on a public class
        assertThat(Modifier.isPublic(method.getDeclaringClass().getModifiers()))
                .as("%s is declared on %s", handler.handlerString(), method.getDeclaringClass()).isTrue();
        if (handler == Handler.CONTACT_EVENTS) {
            assertThat(result).isInstanceOfSatisfying(SQSBatchResponse.class,
                    response -> assertThat(response.getBatchItemFailures()).isEmpty());
            return;
        }
        assertThat(result).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) result).get(handler == Handler.DAILY_EVIDENCE ? "days" : "outcomes")).isNotNull();
    }
}

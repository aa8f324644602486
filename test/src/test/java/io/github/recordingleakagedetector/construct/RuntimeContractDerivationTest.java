package io.github.recordingleakagedetector.construct;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.recordingleakagedetector.runtime.config.EnvironmentVariable;
import io.github.recordingleakagedetector.runtime.handler.CheckRecordingsHandler;
import io.github.recordingleakagedetector.runtime.handler.DailyEvidenceHandler;
import io.github.recordingleakagedetector.runtime.log.MetricName;
import io.github.recordingleakagedetector.runtime.store.ContactTable;
import org.junit.jupiter.api.Test;

/**
 * The construct's {@link RuntimeContract} is not a second hand-kept copy: this test derives the whole contract from
 * the runtime's own enums and constants (it lives in the construct's package so it can read the package-private
 * mirror, in the module that sees both sides) and fails on any difference, in either direction.
 */
class RuntimeContractDerivationTest {

    @Test
    void environmentVariablesAreTheRuntimesInItsOrder() {
        assertThat(Arrays.stream(RuntimeContract.Env.values()).map(Enum::name).toList())
                .isEqualTo(Arrays.stream(EnvironmentVariable.values()).map(Enum::name).toList());
    }

    @Test
    void handlersAreTheRuntimesWithExactlyTheVariablesEachReads() {
        Map<String, Object> derived = new LinkedHashMap<>();
        for (var handler : io.github.recordingleakagedetector.runtime.config.Handler.values()) {
            derived.put(handler.name(), List.of(handler.handlerString(),
                    EnvironmentVariable.readBy(handler).stream().map(Enum::name).sorted().toList()));
        }
        Map<String, Object> mirrored = new LinkedHashMap<>();
        for (RuntimeContract.Handler handler : RuntimeContract.Handler.values()) {
            mirrored.put(handler.name(), List.of(handler.handlerString(),
                    handler.environment().stream().map(Enum::name).sorted().toList()));
        }
        assertThat(mirrored).containsExactlyEntriesOf(derived);
    }

    @Test
    void metricNamesAndDimensionAreTheRuntimes() throws IllegalAccessException {
        Map<String, String> mirrored = stringConstants("METRIC_");
        assertThat(mirrored.values()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(MetricName.values()).map(Enum::name).toList());
        assertThat(RuntimeContract.DETECTOR_DIMENSION).isEqualTo(MetricName.DETECTOR_DIMENSION);
    }

    @Test
    void tableSchemaAndInputFieldsAreTheRuntimes() {
        Map<String, String> derived = new TreeMap<>(Map.of(
                "CONTACT_ID", ContactTable.CONTACT_ID, "STATE_INDEX", ContactTable.STATE_INDEX,
                "STATE", ContactTable.STATE, "REPORTING_DAY_INDEX", ContactTable.REPORTING_DAY_INDEX,
                "REPORTING_DAY", ContactTable.REPORTING_DAY, "UPDATED_AT", ContactTable.UPDATED_AT,
                "EXPIRES_AT", ContactTable.EXPIRES_AT,
                "EXECUTION_START_TIME_FIELD",
                io.github.recordingleakagedetector.runtime.config.Handler.EXECUTION_START_TIME_FIELD,
                "EVIDENCE_DAY_FIELD", DailyEvidenceHandler.DAY_FIELD,
                "CHECK_PAST_GRACE_PERIOD_ONLY_FIELD", CheckRecordingsHandler.PAST_GRACE_PERIOD_ONLY_FIELD));
        Map<String, String> mirrored = new TreeMap<>();
        derived.keySet().forEach(name -> mirrored.put(name, constant(name)));
        assertThat(mirrored).isEqualTo(derived);
    }

    /** Every {@code static final String} of RuntimeContract whose name starts with {@code prefix}. */
    private static Map<String, String> stringConstants(String prefix) throws IllegalAccessException {
        Map<String, String> constants = new TreeMap<>();
        for (Field field : RuntimeContract.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && field.getName().startsWith(prefix)) {
                field.setAccessible(true);
                constants.put(field.getName(), (String) field.get(null));
            }
        }
        return constants;
    }

    private static String constant(String name) {
        try {
            Field field = RuntimeContract.class.getDeclaredField(name);
            field.setAccessible(true);
            return (String) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("RuntimeContract has no constant " + name, e);
        }
    }
}

package io.github.recordingleakagedetector.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.recordingleakagedetector.app.RecordingLeakageDetectorSampleStack;
import io.github.recordingleakagedetector.construct.RecordingLeakageDetector;
import io.github.recordingleakagedetector.construct.testing.CdkTestApps;
import io.github.recordingleakagedetector.construct.testing.Templates;
import io.github.recordingleakagedetector.runtime.config.EnvironmentVariable;
import io.github.recordingleakagedetector.runtime.config.Handler;
import io.github.recordingleakagedetector.runtime.lifecycle.FlowLogInterpreter;
import io.github.recordingleakagedetector.runtime.lifecycle.FlowLogRecord;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingBehaviourEvent;
import io.github.recordingleakagedetector.runtime.log.MetricName;
import io.github.recordingleakagedetector.runtime.store.ContactTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/**
 * The construct mirrors the runtime's names without depending on its classes; this test holds both sides together.
 * GIVEN the sample app's template and the runtime's contract enums, THEN handler strings, environment variables, table
 * schema and metric names agree, and every handler class exists, with {@code handleRequest}, in the runtime jar the
 * construct embeds.
 */
class RuntimeContractTest {

    /** Where the construct jar carries the runtime's shaded jar. */
    private static final String EMBEDDED_RUNTIME_JAR =
            "/io/github/recordingleakagedetector/construct/runtime/recording-leakage-detector-runtime.jar";

    private static Template template;

    private static Map<String, JsonNode> functionsByHandler;

    @BeforeAll
    static void synthesize() {
        var stack = RecordingLeakageDetectorSampleStack.create(CdkTestApps.newApp(), StackProps.builder().build());
        template = Template.fromStack(stack);
        functionsByHandler = new LinkedHashMap<>();
        Templates.resourcesOfType(template, "AWS::Lambda::Function").values().forEach(function ->
                functionsByHandler.put(function.path("Properties").path("Handler").asText(), function.path("Properties")));
    }

    @Test
    void functionsAreExactlyTheRuntimesHandlers() {
        assertThat(functionsByHandler.keySet()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(Handler.values()).map(Handler::handlerString).toList());
    }

    @Test
    void eachFunctionSetsExactlyTheVariablesItsHandlerReads() {
        for (Handler handler : Handler.values()) {
            JsonNode variables = functionsByHandler.get(handler.handlerString()).path("Environment").path("Variables");
            Set<String> names = new TreeSet<>();
            variables.fieldNames().forEachRemaining(names::add);

            assertThat(names).as(handler.name()).containsExactlyInAnyOrderElementsOf(
                    EnvironmentVariable.readBy(handler).stream().map(Enum::name).toList());
            EnvironmentVariable.readBy(handler).stream().filter(EnvironmentVariable::required).forEach(required ->
                    assertThat(Templates.text(variables.path(required.name()))).as(handler + " " + required).isNotBlank());
        }
    }

    @Test
    void constructDefaultsAreTheRuntimesDefaults() {
        // Per-deployment values (topic ARN, detector name) differ by design; tunables must mean the same on both sides.
        List<EnvironmentVariable> tunables = List.of(EnvironmentVariable.RECORDING_GRACE_PERIOD_SECONDS,
                EnvironmentVariable.DESCRIBE_CONTACT_RATE_LIMIT, EnvironmentVariable.MAX_TRACKING_AGE_SECONDS,
                EnvironmentVariable.CONTACT_RETENTION_DAYS, EnvironmentVariable.SAFETY_MARGIN_SECONDS,
                EnvironmentVariable.CONCURRENT_CONTACTS, EnvironmentVariable.METRICS_NAMESPACE);
        for (EnvironmentVariable variable : tunables) {
            for (Handler handler : variable.readBy()) {
                JsonNode value = functionsByHandler.get(handler.handlerString()).path("Environment").path("Variables")
                        .path(variable.name());
                assertThat(value.asText()).as(handler + " " + variable).isEqualTo(variable.defaultValue().orElseThrow());
            }
        }
    }

    @Test
    void tableKeyIndexAndTtlAreTheRuntimesSchema() {
        JsonNode table = Templates.onlyResourceOfType(template, "AWS::DynamoDB::Table").path("Properties");
        assertThat(table.path("KeySchema").toString()).isEqualTo(
                "[{\"AttributeName\":\"" + ContactTable.CONTACT_ID + "\",\"KeyType\":\"HASH\"}]");
        assertThat(table.path("TimeToLiveSpecification").path("AttributeName").asText()).isEqualTo(ContactTable.EXPIRES_AT);
        JsonNode index = table.path("GlobalSecondaryIndexes").get(0);
        assertThat(table.path("GlobalSecondaryIndexes")).hasSize(1);
        assertThat(index.path("IndexName").asText()).isEqualTo(ContactTable.STATE_INDEX);
        assertThat(index.path("KeySchema").toString()).isEqualTo(
                "[{\"AttributeName\":\"" + ContactTable.STATE + "\",\"KeyType\":\"HASH\"},"
                        + "{\"AttributeName\":\"" + ContactTable.UPDATED_AT + "\",\"KeyType\":\"RANGE\"}]");
        assertThat(index.path("Projection").path("ProjectionType").asText()).isEqualTo("ALL");
        Map<String, String> types = new LinkedHashMap<>();
        table.path("AttributeDefinitions").forEach(d -> types.put(d.path("AttributeName").asText(), d.path("AttributeType").asText()));
        assertThat(types).containsExactlyInAnyOrderEntriesOf(Map.of(
                ContactTable.CONTACT_ID, "S", ContactTable.STATE, "S", ContactTable.UPDATED_AT, "N"));
    }

    @Test
    void alarmedCustomMetricsAreMetricsTheRuntimeEmitsWithItsDimension() {
        List<String> customMetrics = new ArrayList<>();
        Templates.resourcesOfType(template, "AWS::CloudWatch::Alarm").values().forEach(alarm -> {
            JsonNode properties = alarm.path("Properties");
            if (properties.path("Namespace").asText().equals(EnvironmentVariable.METRICS_NAMESPACE.defaultValue().orElseThrow())) {
                customMetrics.add(properties.path("MetricName").asText());
                assertThat(properties.path("Dimensions").get(0).path("Name").asText()).isEqualTo(MetricName.DETECTOR_DIMENSION);
            }
        });
        assertThat(customMetrics).containsExactlyInAnyOrder(MetricName.RecordingsMissing.name(),
                MetricName.RecordingsEmpty.name(), MetricName.RecordingsPartial.name(),
                MetricName.ContactsUnverifiable.name(), MetricName.MalformedLogEvents.name());
        assertThat(customMetrics).allSatisfy(name -> assertThat(MetricName.valueOf(name)).isNotNull());
    }

    @Test
    void subscriptionFilterPassesExactlyTheModuleTypesTheRuntimeInterpretsAsRecordingBehaviour() {
        // GIVEN the filter's regex on $.ContactFlowModuleType, as the template carries it
        String filterPattern = Templates.onlyResourceOfType(template, "AWS::Logs::SubscriptionFilter")
                .path("Properties").path("FilterPattern").asText();
        Matcher regexValue = Pattern.compile("^\\{ \\$\\.ContactFlowModuleType = %([^%]+)% \\}$").matcher(filterPattern);
        assertThat(regexValue.matches()).as(filterPattern).isTrue();
        Pattern passes = Pattern.compile(regexValue.group(1));

        // WHEN module types in the casings Connect uses (and plausible names of the newer block) are offered to both
        List<String> moduleTypes = List.of("SetRecordingBehavior", "UpdateContactRecordingBehavior",
                "UpdateContactRecordingAndAnalyticsBehavior", "SetRecordingAnalyticsAndProcessingBehavior",
                "updateContactRecordingBehavior", "SetRecordingBehaviour", "PlayPrompt", "GetUserInput",
                "SetLoggingBehavior", "StartMediaStreaming", "SetContactAttributes", "TransferToQueue");

        // THEN the filter passes a module type exactly when the runtime would act on it
        for (String moduleType : moduleTypes) {
            String message = "{\"ContactId\":\"11111111-2222-3333-4444-555555555555\","
                    + "\"ContactFlowId\":\"arn:aws:connect:eu-west-2:111122223333:instance/"
                    + "00000000-0000-0000-0000-000000000000/contact-flow/flow\",\"ContactFlowName\":\"Inbound\","
                    + "\"ContactFlowModuleType\":\"" + moduleType + "\",\"Timestamp\":\"2024-01-01T00:00:00Z\","
                    + "\"Parameters\":{\"RecordingBehaviorOption\":\"Enable\",\"RecordingParticipantOption\":\"Both\","
                    + "\"RecordedParticipants\":[\"Agent\",\"Customer\"]}}";
            boolean interpreted = !(FlowLogInterpreter.interpret(new FlowLogRecord("1", 0L, message),
                    Instant.parse("2024-01-01T00:00:01Z"))
                    instanceof RecordingBehaviourEvent.Unrelated);
            assertThat(passes.matcher(moduleType).matches()).as(moduleType).isEqualTo(interpreted);
        }
    }

    @Test
    void everyTaskPassesTheExecutionStartInTheFieldTheRuntimeReads() {
        JsonNode definition = Templates.stateMachineDefinition(
                Templates.onlyResourceOfType(template, "AWS::StepFunctions::StateMachine"));
        List<JsonNode> tasks = new ArrayList<>();
        definition.path("States").forEach(state -> {
            state.path("Branches").forEach(branch -> branch.path("States").forEach(tasks::add));
            tasks.add(state);
        });
        tasks.removeIf(state -> !"Task".equals(state.path("Type").asText()));

        assertThat(tasks).hasSize(4).allSatisfy(task -> assertThat(task.path("Parameters")
                .path(Handler.EXECUTION_START_TIME_FIELD + ".$").asText()).isEqualTo("$$.Execution.StartTime"));
    }

    @Test
    void everyHandlerClassHasHandleRequestInsideTheEmbeddedRuntimeJar(@TempDir Path tempDir) throws Exception {
        // GIVEN the runtime jar exactly as the construct jar carries it (not the runtime on this test's classpath)
        Path jar = tempDir.resolve("runtime.jar");
        try (InputStream embedded = RecordingLeakageDetector.class.getResourceAsStream(EMBEDDED_RUNTIME_JAR)) {
            assertThat(embedded).as("runtime jar embedded in the construct jar").isNotNull();
            Files.copy(embedded, jar, StandardCopyOption.REPLACE_EXISTING);
        }

        // WHEN each Handler property of the template is resolved in a class loader that sees only that jar
        try (URLClassLoader runtimeOnly = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            for (String handlerString : functionsByHandler.keySet()) {
                String className = handlerString.substring(0, handlerString.indexOf("::"));
                String methodName = handlerString.substring(handlerString.indexOf("::") + 2);

                // THEN
                Class<?> handlerClass = loadOrFail(className, runtimeOnly);
                assertThat(handlerClass.getClassLoader()).isSameAs(runtimeOnly);
                assertThat(Arrays.stream(handlerClass.getMethods()).map(Method::getName)).as(className).contains(methodName);
            }
        }
    }

    private static Class<?> loadOrFail(String className, ClassLoader loader) {
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("The template names handler class " + className
                    + ", which the runtime jar embedded in the construct does not contain", e);
        }
    }
}

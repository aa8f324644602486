package io.github.recordingleakagedetector.construct;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.recordingleakagedetector.construct.testing.Templates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * GIVEN a detector with default props, WHEN its state machine definition is parsed from the template, THEN it has the
 * original design's shape: {@code PollInitialised -> Parallel[ PurgeQueueContacts | PollInProgress -> CheckRecordings ]},
 * with function-ARN task resources and service-error retries only; a PollInitialised failure is caught into
 * {@code $.pollInitialisedError} so that the Parallel still runs, and a Choice afterwards fails the execution with that
 * error; an error inside the Parallel goes to a Fail state at once.
 */
class DetectionWorkflowTest {

    private static final List<String> LAMBDA_SERVICE_ERRORS = List.of(
            "Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException",
            "Lambda.TooManyRequestsException");

    private static JsonNode definition;

    @BeforeAll
    static void synthesize() {
        Stack stack = DetectorFixtures.newStack();
        new RecordingLeakageDetector(stack, "Detector", DetectorFixtures.requiredProps(stack).build());
        Template template = Template.fromStack(stack);
        definition = Templates.stateMachineDefinition(
                Templates.onlyResourceOfType(template, "AWS::StepFunctions::StateMachine"));
    }

    @Test
    void startsByPollingInitialisedContactsThenRunsTheParallelStepThenDecidesTheOutcome() {
        assertThat(definition.path("StartAt").asText()).isEqualTo("PollInitialised");
        assertThat(names(definition.path("States"))).containsExactlyInAnyOrder(
                "PollInitialised", "ProcessTrackedContacts", "PollInitialisedOutcome", "PollInitialisedFailed",
                "DetectionSucceeded", "DetectionFailed");
        JsonNode pollInitialised = definition.path("States").path("PollInitialised");
        assertThat(pollInitialised.path("Type").asText()).isEqualTo("Task");
        assertThat(pollInitialised.path("Next").asText()).isEqualTo("ProcessTrackedContacts");
        assertThat(pollInitialised.path("ResultPath").asText()).isEqualTo("$.pollInitialised");
        JsonNode parallel = definition.path("States").path("ProcessTrackedContacts");
        assertThat(parallel.path("Next").asText()).isEqualTo("PollInitialisedOutcome");
        assertThat(parallel.has("End")).isFalse();
    }

    @Test
    void pollInitialisedFailureIsCaughtIntoTheStateAndTheParallelStillRuns() {
        JsonNode catches = definition.path("States").path("PollInitialised").path("Catch");
        assertThat(catches).hasSize(1);
        assertThat(strings(catches.get(0).path("ErrorEquals"))).containsExactly("States.ALL");
        assertThat(catches.get(0).path("ResultPath").asText()).isEqualTo("$.pollInitialisedError");
        assertThat(catches.get(0).path("Next").asText()).isEqualTo("ProcessTrackedContacts");
    }

    @Test
    void afterTheParallelAChoiceFailsTheExecutionWithPollInitialisedsErrorIfThereWasOne() {
        JsonNode outcome = definition.path("States").path("PollInitialisedOutcome");
        assertThat(outcome.path("Type").asText()).isEqualTo("Choice");
        assertThat(outcome.path("Choices")).hasSize(1);
        assertThat(outcome.path("Choices").get(0).toString()).isEqualTo(
                "{\"Variable\":\"$.pollInitialisedError\",\"IsPresent\":true,\"Next\":\"PollInitialisedFailed\"}");
        assertThat(outcome.path("Default").asText()).isEqualTo("DetectionSucceeded");

        JsonNode pollInitialisedFailed = definition.path("States").path("PollInitialisedFailed");
        assertThat(pollInitialisedFailed.path("Type").asText()).isEqualTo("Fail");
        assertThat(pollInitialisedFailed.path("ErrorPath").asText()).isEqualTo("$.pollInitialisedError.Error");
        assertThat(pollInitialisedFailed.path("CausePath").asText()).isEqualTo("$.pollInitialisedError.Cause");
        assertThat(definition.path("States").path("DetectionSucceeded").path("Type").asText()).isEqualTo("Succeed");
    }

    @Test
    void parallelStepPurgesQueueContactsBesidePollingInProgressThenCheckingRecordings() {
        JsonNode parallel = definition.path("States").path("ProcessTrackedContacts");
        assertThat(parallel.path("Type").asText()).isEqualTo("Parallel");
        assertThat(parallel.path("ResultPath").asText()).isEqualTo("$.branches");

        JsonNode purgeBranch = parallel.path("Branches").get(0);
        assertThat(purgeBranch.path("StartAt").asText()).isEqualTo("PurgeQueueContacts");
        assertThat(names(purgeBranch.path("States"))).containsExactly("PurgeQueueContacts");
        assertThat(purgeBranch.path("States").path("PurgeQueueContacts").path("End").asBoolean()).isTrue();

        JsonNode checkBranch = parallel.path("Branches").get(1);
        assertThat(checkBranch.path("StartAt").asText()).isEqualTo("PollInProgress");
        assertThat(names(checkBranch.path("States"))).containsExactlyInAnyOrder("PollInProgress", "CheckRecordings");
        assertThat(checkBranch.path("States").path("PollInProgress").path("Next").asText()).isEqualTo("CheckRecordings");
        assertThat(checkBranch.path("States").path("CheckRecordings").path("End").asBoolean()).isTrue();
        assertThat(parallel.path("Branches")).hasSize(2);
    }

    @Test
    void eachTaskInvokesItsFunctionsLiveAliasDirectlyAndKeepsItsSummary() {
        assertTask(task("PollInitialised"), "${DetectorPollInitialisedFunctionAliaslive}", "$.pollInitialised");
        assertTask(task("PurgeQueueContacts"), "${DetectorPurgeQueueContactsFunctionAliaslive}", "$.purgeQueueContacts");
        assertTask(task("PollInProgress"), "${DetectorPollInProgressFunctionAliaslive}", "$.pollInProgress");
        assertTask(task("CheckRecordings"), "${DetectorCheckRecordingsFunctionAliaslive}", "$.checkRecordings");
    }

    @Test
    void tasksRetryOnlyLambdaServiceErrorsWithBackoff() {
        for (String name : List.of("PollInitialised", "PurgeQueueContacts", "PollInProgress", "CheckRecordings")) {
            JsonNode retries = task(name).path("Retry");
            assertThat(retries).as(name).hasSize(1);
            JsonNode retry = retries.get(0);
            assertThat(strings(retry.path("ErrorEquals"))).as(name).containsExactlyElementsOf(LAMBDA_SERVICE_ERRORS);
            assertThat(retry.path("IntervalSeconds").asInt()).as(name).isEqualTo(2);
            assertThat(retry.path("BackoffRate").asDouble()).as(name).isEqualTo(2.0);
            assertThat(retry.path("MaxAttempts").asInt()).as(name).isEqualTo(5);
            assertThat(task(name).path("TimeoutSeconds").asInt()).as(name).isEqualTo(250);
        }
    }

    @Test
    void anyErrorInTheParallelAfterRetriesEndsInAFailStateCarryingTheErrorAndCause() {
        JsonNode catches = definition.path("States").path("ProcessTrackedContacts").path("Catch");
        assertThat(catches).hasSize(1);
        assertThat(strings(catches.get(0).path("ErrorEquals"))).containsExactly("States.ALL");
        assertThat(catches.get(0).path("ResultPath").asText()).isEqualTo("$.error");
        assertThat(catches.get(0).path("Next").asText()).isEqualTo("DetectionFailed");
        JsonNode failed = definition.path("States").path("DetectionFailed");
        assertThat(failed.path("Type").asText()).isEqualTo("Fail");
        assertThat(failed.path("ErrorPath").asText()).isEqualTo("$.error.Error");
        assertThat(failed.path("CausePath").asText()).isEqualTo("$.error.Cause");
        // The branches' tasks have no catch of their own: the Parallel's catch is the only one.
        for (String name : List.of("PurgeQueueContacts", "PollInProgress", "CheckRecordings")) {
            assertThat(task(name).has("Catch")).as(name).isFalse();
        }
    }

    private static void assertTask(JsonNode task, String resource, String resultPath) {
        assertThat(task.path("Type").asText()).isEqualTo("Task");
        // The function ARN itself, not arn:aws:states:::lambda:invoke: payload-response-only, runnable locally.
        assertThat(Templates.resourceText(task.path("Resource"))).isEqualTo(resource);
        // The only input: when the execution started, so a step leaves what this execution already changed.
        assertThat(task.path("Parameters").toString())
                .isEqualTo("{\"executionStartTime.$\":\"$$.Execution.StartTime\"}");
        assertThat(task.path("ResultPath").asText()).isEqualTo(resultPath);
    }

    private static JsonNode task(String name) {
        JsonNode states = definition.path("States");
        if (states.has(name)) {
            return states.get(name);
        }
        for (JsonNode branch : states.path("ProcessTrackedContacts").path("Branches")) {
            if (branch.path("States").has(name)) {
                return branch.path("States").get(name);
            }
        }
        throw new AssertionError("No state " + name);
    }

    private static List<String> names(JsonNode states) {
        List<String> names = new ArrayList<>();
        states.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}

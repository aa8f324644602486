package io.github.recordingleakagedetector.construct;

import java.util.List;
import java.util.Map;

import io.github.recordingleakagedetector.construct.DetectorFunctions.DetectorFunction;
import io.github.recordingleakagedetector.construct.RuntimeContract.Handler;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.stepfunctions.CatchProps;
import software.amazon.awscdk.services.stepfunctions.Choice;
import software.amazon.awscdk.services.stepfunctions.Condition;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.Fail;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.Parallel;
import software.amazon.awscdk.services.stepfunctions.RetryProps;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.amazon.awscdk.services.stepfunctions.Succeed;
import software.amazon.awscdk.services.stepfunctions.TaskInput;
import software.amazon.awscdk.services.stepfunctions.Timeout;
import software.amazon.awscdk.services.stepfunctions.tasks.LambdaInvoke;
import software.constructs.Construct;

/**
 * The detection state machine, in the original design's shape:
 * {@code PollInitialised -> Parallel[ PurgeQueueContacts | PollInProgress -> CheckRecordings ] -> PollInitialisedOutcome}.
 *
 * <p>Each Task invokes the function's {@code live} alias with a payload-response-only integration, so its
 * {@code Resource} is the alias ARN and the definition also runs in local Step Functions interpreters. Each task's
 * JSON summary lands in the state ({@code $.pollInitialised}, and the Parallel's branch outputs under
 * {@code $.branches}) so the execution history shows them all. Only Lambda service errors and throttling are retried.
 *
 * <p>A failure of {@code PollInitialised} (after retries) does not stop the run: it is caught into
 * {@code $.pollInitialisedError} ({@code Error}, {@code Cause}) and the Parallel still runs, so contacts already tracked
 * are purged, polled and checked, and recording verdicts are still reached while, say, Connect fails for new contacts.
 * Afterwards the Choice {@code PollInitialisedOutcome} sends the execution to the Fail state
 * {@code PollInitialisedFailed}, carrying that error and cause, so the execution still fails (and the
 * {@code ExecutionsFailed} alarm fires); otherwise to {@code DetectionSucceeded}. An error inside the Parallel (after
 * retries) fails the execution at once, into the Fail state {@code DetectionFailed} with the handler's error and cause
 * (if {@code PollInitialised} had failed too, its error stays in the execution's state under
 * {@code $.pollInitialisedError}). All of it is standard ASL (Task, Parallel, Choice with {@code IsPresent}, Fail,
 * Succeed).
 */
final class DetectionWorkflow {

    /** The errors Lambda itself raises (not the handler's): transient, retried with backoff. */
    static final List<String> LAMBDA_SERVICE_ERRORS = List.of(
            "Lambda.ServiceException",
            "Lambda.AWSLambdaException",
            "Lambda.SdkClientException",
            "Lambda.TooManyRequestsException");
    /** Task timeout beyond the function's own, so that Lambda's timeout error (with its cause) is what surfaces. */
    static final Duration TASK_TIMEOUT_SLACK = Duration.seconds(10);
    /** A STANDARD execution's budget beyond three sequential tasks: service retries and state transitions. */
    static final Duration STANDARD_EXECUTION_SLACK = Duration.minutes(5);
    static final Duration EXPRESS_EXECUTION_TIMEOUT = Duration.minutes(5);
    /** Where a PollInitialised failure is kept while the Parallel runs: its presence fails the execution afterwards. */
    static final String POLL_INITIALISED_ERROR_PATH = "$.pollInitialisedError";

    private DetectionWorkflow() {
    }

    static StateMachine create(Construct scope, DetectorSettings settings, Map<Handler, DetectorFunction> functions) {
        long taskTimeoutSeconds = seconds(settings.workflowFunctionTimeout()) + seconds(TASK_TIMEOUT_SLACK);
        Duration taskTimeout = Duration.seconds(taskTimeoutSeconds);
        Fail failed = Fail.Builder.create(scope, "DetectionFailed")
                .comment("A task failed after retries: the error and cause are the failing handler's")
                .errorPath("$.error.Error")
                .causePath("$.error.Cause")
                .build();
        Fail pollInitialisedFailed = Fail.Builder.create(scope, "PollInitialisedFailed")
                .comment("PollInitialised failed after retries; the tracked contacts were still processed. The error "
                        + "and cause are PollInitialised's")
                .errorPath(POLL_INITIALISED_ERROR_PATH + ".Error")
                .causePath(POLL_INITIALISED_ERROR_PATH + ".Cause")
                .build();
        Choice outcome = Choice.Builder.create(scope, "PollInitialisedOutcome")
                .comment("Fail the execution if PollInitialised failed, now that the tracked contacts were processed")
                .build()
                .when(Condition.isPresent(POLL_INITIALISED_ERROR_PATH), pollInitialisedFailed)
                .otherwise(Succeed.Builder.create(scope, "DetectionSucceeded").build());

        LambdaInvoke pollInitialised = task(scope, "PollInitialised", functions.get(Handler.POLL_INITIALISED),
                "$.pollInitialised", taskTimeout);
        LambdaInvoke purgeQueueContacts = task(scope, "PurgeQueueContacts", functions.get(Handler.PURGE_QUEUE_CONTACTS),
                "$.purgeQueueContacts", taskTimeout);
        LambdaInvoke pollInProgress = task(scope, "PollInProgress", functions.get(Handler.POLL_IN_PROGRESS),
                "$.pollInProgress", taskTimeout);
        LambdaInvoke checkRecordings = task(scope, "CheckRecordings", functions.get(Handler.CHECK_RECORDINGS),
                "$.checkRecordings", taskTimeout);

        Parallel trackedContacts = Parallel.Builder.create(scope, "ProcessTrackedContacts")
                .comment("Purge contacts that never reached an agent, while checking the others")
                .resultPath("$.branches")
                .build()
                .branch(purgeQueueContacts)
                .branch(pollInProgress.next(checkRecordings));
        pollInitialised.addCatch(trackedContacts, catchAll(POLL_INITIALISED_ERROR_PATH));
        trackedContacts.addCatch(failed, catchAll("$.error"));

        boolean express = settings.stateMachineType() == StateMachineType.EXPRESS;
        LogGroup logGroup = LogGroup.Builder.create(scope, "StateMachineLogs")
                .retention(settings.logRetention())
                .build();
        return StateMachine.Builder.create(scope, "StateMachine")
                .comment("Recording Leakage Detector: find agent calls without a recording")
                .definitionBody(DefinitionBody.fromChainable(pollInitialised.next(trackedContacts).next(outcome)))
                .stateMachineType(settings.stateMachineType())
                .timeout(express
                        ? EXPRESS_EXECUTION_TIMEOUT
                        : Duration.seconds(3 * taskTimeoutSeconds + seconds(STANDARD_EXECUTION_SLACK)))
                .logs(LogOptions.builder()
                        .destination(logGroup)
                        .level(LogLevel.ALL)
                        .includeExecutionData(true)
                        .build())
                .tracingEnabled(true)
                .build();
    }

    private static long seconds(Duration duration) {
        return duration.toSeconds().longValue();
    }

    private static CatchProps catchAll(String resultPath) {
        return CatchProps.builder().errors(List.of("States.ALL")).resultPath(resultPath).build();
    }

    private static LambdaInvoke task(Construct scope, String name, DetectorFunction function, String resultPath,
                                     Duration timeout) {
        LambdaInvoke task = LambdaInvoke.Builder.create(scope, name)
                .lambdaFunction(function.alias())
                // Each step reads only contacts changed before the execution started: what an earlier step of this
                // execution changed waits for the next one instead of being asked about again seconds later.
                .payload(TaskInput.fromObject(Map.of(RuntimeContract.EXECUTION_START_TIME_FIELD,
                        JsonPath.stringAt("$$.Execution.StartTime"))))
                .payloadResponseOnly(true)
                .retryOnServiceExceptions(false)
                .resultPath(resultPath)
                .taskTimeout(Timeout.duration(timeout))
                .build();
        task.addRetry(RetryProps.builder()
                .errors(LAMBDA_SERVICE_ERRORS)
                .interval(Duration.seconds(2))
                .maxAttempts(5)
                .backoffRate(2)
                .build());
        return task;
    }
}

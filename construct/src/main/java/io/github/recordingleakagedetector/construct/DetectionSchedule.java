package io.github.recordingleakagedetector.construct;

import java.util.List;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SfnStateMachine;
import software.amazon.awscdk.services.events.targets.SfnStateMachineProps;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * The EventBridge rule that starts the state machine directly: no starter Lambda, which would only add code, a role
 * and a failure mode. Executions may overlap when one outlasts the schedule's period; that is harmless because every
 * runtime transition is a conditional write (idempotent).
 */
final class DetectionSchedule {

    /** A start that cannot be delivered within this is dropped: the next scheduled start supersedes it. */
    static final Duration MAX_START_DELAY = Duration.minutes(5);

    private DetectionSchedule() {
    }

    static Rule create(Construct scope, DetectorSettings settings, IStateMachine stateMachine) {
        return Rule.Builder.create(scope, "Schedule")
                .description("Starts the Recording Leakage Detector workflow")
                .schedule(settings.schedule())
                .targets(List.of(new SfnStateMachine(stateMachine, SfnStateMachineProps.builder()
                        .maxEventAge(MAX_START_DELAY)
                        .retryAttempts(3)
                        .build())))
                .build();
    }
}

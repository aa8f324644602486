package io.github.recordingleakagedetector.construct;

import java.util.Arrays;

import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.IFilterPattern;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.JsonPattern;
import software.amazon.awscdk.services.logs.SubscriptionFilter;
import software.amazon.awscdk.services.logs.destinations.LambdaDestination;
import software.constructs.Construct;

/**
 * Forwards only recording-behaviour events of the contact-flow log group to the ingest function: the "Set recording
 * behavior" block ({@code SetRecordingBehavior}) and the newer "Set recording, analytics and processing behavior"
 * block (flow language {@code UpdateContactRecordingBehavior}; some flows log
 * {@code UpdateContactRecordingAndAnalyticsBehavior}). Everything else never reaches Lambda.
 */
final class FlowLogSubscription {

    static final String MODULE_TYPE_FIELD = "$.ContactFlowModuleType";
    static final String[] RECORDING_MODULE_TYPES = {
        "SetRecordingBehavior",
        "UpdateContactRecordingBehavior",
        "UpdateContactRecordingAndAnalyticsBehavior"
    };

    private FlowLogSubscription() {
    }

    /** A JSON filter pattern: {@code { (($.ContactFlowModuleType = "A") || ($.ContactFlowModuleType = "B") ...) }}. */
    static IFilterPattern recordingBehaviourEvents() {
        return FilterPattern.any(Arrays.stream(RECORDING_MODULE_TYPES)
                .map(type -> FilterPattern.stringValue(MODULE_TYPE_FIELD, "=", type))
                .toArray(JsonPattern[]::new));
    }

    static SubscriptionFilter create(Construct scope, ILogGroup flowLogGroup, IFunction ingest) {
        return SubscriptionFilter.Builder.create(scope, "FlowLogSubscription")
                .logGroup(flowLogGroup)
                .destination(new LambdaDestination(ingest))
                .filterPattern(recordingBehaviourEvents())
                .build();
    }
}

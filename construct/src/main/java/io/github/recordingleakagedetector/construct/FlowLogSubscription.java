package io.github.recordingleakagedetector.construct;

import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.IFilterPattern;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.SubscriptionFilter;
import software.amazon.awscdk.services.logs.destinations.LambdaDestination;
import software.constructs.Construct;

/**
 * Forwards only recording-behaviour events of the contact-flow log group to the ingest function. Everything else
 * (PlayPrompt, GetUserInput, SetLoggingBehavior, transfers...) never reaches Lambda.
 *
 * <p>The filter pattern is {@value #FILTER_PATTERN}: a JSON pattern whose value is a CloudWatch Logs regular
 * expression (between {@code %} signs). It passes every {@code ContactFlowModuleType} that contains "Recording" and,
 * after it, "Behavior" or "Behaviour" (first letters in either case), as the runtime's interpreter accepts any module
 * type containing "recording" and "behavio": the "Set recording behavior" block ({@code SetRecordingBehavior}), the
 * newer "Set recording, analytics and processing behavior" block, whose logged name is not confirmed
 * ({@code UpdateContactRecordingBehavior}, {@code UpdateContactRecordingAndAnalyticsBehavior}, or another name of that
 * form), and any later variant of that form.
 *
 * <p>Why this syntax: filter patterns are case-sensitive (the regex documentation itself matches {@code [Ee]rror} to
 * catch both cases), so the first letters are character classes; a quoted JSON value with {@code *} wildcards is
 * documented only as a prefix or suffix ({@code "AccessDenied*"}, {@code "*UnauthorizedOperation"}), while a regex
 * with {@code .*} in the middle is documented syntax inside JSON patterns. The leading and trailing {@code .*} make the
 * expression match whether CloudWatch searches the value or matches it whole. It uses only documented regex
 * characters (letters, {@code [ ] . *}), one regex of the 2 a JSON pattern may hold, and one of the 5 regex filter
 * patterns a log group may have across its metric and subscription filters. ALL-CAPS module types (which Connect does
 * not log) would not pass, nor would a name with "Behavior" before "Recording", which the interpreter, matching in
 * any order, would accept. Before deploying to a new Connect setup, a pattern can be checked against real log lines
 * with {@code aws logs test-metric-filter --filter-pattern '<pattern>' --log-event-messages '<line>'}.
 */
final class FlowLogSubscription {

    static final String MODULE_TYPE_FIELD = "$.ContactFlowModuleType";
    /** The regular expression, without the {@code %} delimiters, the module type must match. */
    static final String RECORDING_BEHAVIOUR_MODULE_TYPE_REGEX = ".*[Rr]ecording.*[Bb]ehavio.*";
    /** The rendered filter pattern, as in the template. */
    static final String FILTER_PATTERN =
            "{ " + MODULE_TYPE_FIELD + " = %" + RECORDING_BEHAVIOUR_MODULE_TYPE_REGEX + "% }";

    private FlowLogSubscription() {
    }

    /** A JSON filter pattern with a regex value: {@value #FILTER_PATTERN}. */
    static IFilterPattern recordingBehaviourEvents() {
        return FilterPattern.regexValue(MODULE_TYPE_FIELD, "=", RECORDING_BEHAVIOUR_MODULE_TYPE_REGEX);
    }

    static SubscriptionFilter create(Construct scope, ILogGroup flowLogGroup, IFunction ingest) {
        return SubscriptionFilter.Builder.create(scope, "FlowLogSubscription")
                .logGroup(flowLogGroup)
                .destination(new LambdaDestination(ingest))
                .filterPattern(recordingBehaviourEvents())
                .build();
    }
}

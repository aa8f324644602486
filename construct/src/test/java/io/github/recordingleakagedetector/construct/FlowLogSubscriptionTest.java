package io.github.recordingleakagedetector.construct;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * GIVEN the subscription filter pattern, THEN it is exactly the documented JSON pattern with one CloudWatch Logs regex,
 * within CloudWatch's limits, and its regex (evaluated here with {@link java.util.regex}, which agrees with CloudWatch's
 * subset for these characters) passes every recording-behaviour module type the runtime interprets and no ordinary
 * block, whether CloudWatch searches the value or matches it whole.
 */
class FlowLogSubscriptionTest {

    /** Module types the runtime interprets: logged today, and plausible names of the newer block (not confirmed). */
    private static final List<String> RECORDING_BEHAVIOUR_MODULE_TYPES = List.of(
            "SetRecordingBehavior",
            "UpdateContactRecordingBehavior",
            "UpdateContactRecordingAndAnalyticsBehavior",
            "SetRecordingAnalyticsAndProcessingBehavior",
            "SetRecordingAndAnalyticsBehavior",
            "SetRecordingBehaviour",
            "updateContactRecordingBehavior",
            "setrecordingbehavior");
    private static final List<String> OTHER_MODULE_TYPES = List.of(
            "PlayPrompt",
            "GetUserInput",
            "SetLoggingBehavior",
            "SetVoice",
            "SetContactAttributes",
            "SetWorkingQueue",
            "TransferToQueue",
            "StartMediaStreaming",
            "StopMediaStreaming",
            "InvokeExternalResource",
            "CheckHoursOfOperation",
            "Disconnect",
            "Recording",
            "");
    /** The characters CloudWatch Logs accepts in a regex: alphanumerics, _ # = @ / ; , - and ^ $ ? [ ] { } | \ * + . */
    private static final Pattern CLOUDWATCH_REGEX_CHARACTERS = Pattern.compile("[A-Za-z0-9_#=@/;,\\-^$?\\[\\]{}|\\\\*+.]+");

    @Test
    void patternIsAJsonRegexMatchOnTheModuleType() {
        assertThat(FlowLogSubscription.recordingBehaviourEvents().getLogPatternString())
                .isEqualTo("{ $.ContactFlowModuleType = %.*[Rr]ecording.*[Bb]ehavio.*% }")
                .isEqualTo(FlowLogSubscription.FILTER_PATTERN);
    }

    @Test
    void patternStaysWithinCloudWatchLimits() {
        String regex = FlowLogSubscription.RECORDING_BEHAVIOUR_MODULE_TYPE_REGEX;
        // Only documented regex characters; no parentheses (sub-patterns are not supported).
        assertThat(regex).matches(CLOUDWATCH_REGEX_CHARACTERS);
        // One regex (two '%' delimiters) of the 2 a JSON pattern may hold; far below the 1024-character pattern limit.
        assertThat(FlowLogSubscription.FILTER_PATTERN.chars().filter(c -> c == '%').count()).isEqualTo(2);
        assertThat(FlowLogSubscription.FILTER_PATTERN).hasSizeLessThan(1024);
    }

    @Test
    void passesEveryRecordingBehaviourModuleType() {
        Pattern regex = Pattern.compile(FlowLogSubscription.RECORDING_BEHAVIOUR_MODULE_TYPE_REGEX);
        assertThat(RECORDING_BEHAVIOUR_MODULE_TYPES).allSatisfy(type -> {
            assertThat(regex.matcher(type).find()).as("search " + type).isTrue();
            assertThat(regex.matcher(type).matches()).as("whole " + type).isTrue();
        });
    }

    @Test
    void excludesOrdinaryBlocks() {
        Pattern regex = Pattern.compile(FlowLogSubscription.RECORDING_BEHAVIOUR_MODULE_TYPE_REGEX);
        assertThat(OTHER_MODULE_TYPES).allSatisfy(type -> {
            assertThat(regex.matcher(type).find()).as("search " + type).isFalse();
            assertThat(regex.matcher(type).matches()).as("whole " + type).isFalse();
        });
    }
}

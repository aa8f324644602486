package io.github.recordingleakagedetector.construct;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.Schedule;

/**
 * Amazon Connect contact events: GIVEN a detector with contact events on (the default), off, or with a customer managed
 * key, WHEN it is synthesized, THEN the rule, the queues, the event source mapping, the check schedule, the contact-event
 * function and its alarms are there exactly when they should be, wired as the runtime expects.
 */
class RecordingLeakageDetectorContactEventsTest {

    private static final String HEADER = "Invalid RecordingLeakageDetector props at 'TestStack/Detector':\n  - ";

    @Nested
    class Validation {

        @Test
        void rejectsContactEventOptionsWithoutContactEventsNamingEach() {
            Stack stack = DetectorFixtures.newStack();
            RecordingLeakageDetectorProps props = DetectorFixtures.requiredProps(stack)
                    .contactEvents(false)
                    .liveContactEventSilence(Duration.minutes(20))
                    .checkSchedule(Schedule.rate(Duration.minutes(1)))
                    .build();

            assertThatThrownBy(() -> new RecordingLeakageDetector(stack, "Detector", props))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(HEADER + "liveContactEventSilence and checkSchedule apply only with contactEvents: set "
                            + "contactEvents true, or leave them unset");
        }

        @Test
        void rejectsAllThreeContactEventOptionsWithoutContactEventsInOneFailure() {
            Stack stack = DetectorFixtures.newStack();
            RecordingLeakageDetectorProps props = DetectorFixtures.requiredProps(stack)
                    .contactEvents(false)
                    .liveContactEventSilence(Duration.minutes(20))
                    .initialisedContactEventSilence(Duration.minutes(5))
                    .checkSchedule(Schedule.rate(Duration.minutes(1)))
                    .build();

            assertThatThrownBy(() -> new RecordingLeakageDetector(stack, "Detector", props))
                    .hasMessage(HEADER + "liveContactEventSilence, initialisedContactEventSilence and checkSchedule apply "
                            + "only with contactEvents: set contactEvents true, or leave them unset");
        }

        @Test
        void rejectsOneContactEventOptionWithoutContactEvents() {
            Stack stack = DetectorFixtures.newStack();
            RecordingLeakageDetectorProps props = DetectorFixtures.requiredProps(stack)
                    .contactEvents(false)
                    .initialisedContactEventSilence(Duration.minutes(5))
                    .build();

            assertThatThrownBy(() -> new RecordingLeakageDetector(stack, "Detector", props))
                    .hasMessage(HEADER + "initialisedContactEventSilence applies only with contactEvents: set "
                            + "contactEvents true, or leave initialisedContactEventSilence unset");
        }

        @Test
        void rejectsSilencesUnderAMinuteOverMaxTrackingAgeOrOfPartialSeconds() {
            Stack stack = DetectorFixtures.newStack();
            RecordingLeakageDetectorProps props = DetectorFixtures.requiredProps(stack)
                    .liveContactEventSilence(Duration.seconds(30))
                    .initialisedContactEventSilence(Duration.days(2))
                    .build();

            assertThatThrownBy(() -> new RecordingLeakageDetector(stack, "Detector", props))
                    .hasMessage(HEADER + String.join("\n  - ",
                            "liveContactEventSilence 30 seconds must be whole seconds, from 1 minute to maxTrackingAge "
                                    + "(1 day)",
                            "initialisedContactEventSilence 2 days must be whole seconds, from 1 minute to "
                                    + "maxTrackingAge (1 day)"));
            Stack otherStack = DetectorFixtures.newStack();
            assertThatThrownBy(() -> new RecordingLeakageDetector(otherStack, "Detector",
                    DetectorFixtures.requiredProps(otherStack)
                            .maxTrackingAge(Duration.hours(6))
                            .liveContactEventSilence(Duration.millis(90_500))
                            .initialisedContactEventSilence(Duration.hours(7))
                            .build()))
                    .hasMessage(HEADER + String.join("\n  - ",
                            "liveContactEventSilence 1 minute 30 seconds (90.5 seconds) must be whole seconds, from 1 "
                                    + "minute to maxTrackingAge (6 hours)",
                            "initialisedContactEventSilence 7 hours must be whole seconds, from 1 minute to "
                                    + "maxTrackingAge (6 hours)"));
        }
    }
}

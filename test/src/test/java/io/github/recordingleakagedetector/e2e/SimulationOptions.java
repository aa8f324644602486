package io.github.recordingleakagedetector.e2e;

import java.time.Duration;
import java.time.Instant;

/**
 * How to run a simulation.
 *
 * @param contacts calls arriving (a transfer adds a second leg)
 * @param leakRate share of recorded agent legs whose recording never lands
 * @param seed the plan's random seed: the same seed, the same calls
 * @param hours the arrival window in simulated hours
 * @param start simulated start; 23:00 UTC by default so calls cross midnight UTC
 * @param overlappingExecutions state machine executions started at each tick (two = a slow run overlapping the next)
 * @param injectThrottling make Connect throttle DescribeContact at every tick, every third tick beyond the SDK's
 *     retries
 * @param hosting how the functions run: as deployed (the Lambda jar under the runtime interface client, by default)
 *     or in the test JVM (faster, for the benchmark's throughput figures)
 * @param redacted a fifth of the calls keep only Contact Lens's redacted audio, and the detector is deployed with
 *     that location as an additional recording location
 * @param ivr flows turn IVR recording on for half the calls, and the detector checks IVR recordings
 * @param contactEvents the detector consumes Connect's contact events, which the centre publishes with their faults
 *     ({@link ContactEventFeed}); off: polling only
 * @param recordingEvents the recording bucket sends its S3 events (through EventBridge, on the contact-event queue),
 *     with the same faults, and the detector is deployed with {@code recordingEvents}; needs {@code contactEvents}
 */
record SimulationOptions(int contacts, double leakRate, long seed, double hours, Instant start,
        int overlappingExecutions, boolean injectThrottling, LocalLambdaEndpoint.FunctionHosting hosting,
        boolean redacted, boolean ivr, boolean contactEvents, boolean recordingEvents) {

    static final Duration TICK = Duration.ofMinutes(5);

    static SimulationOptions defaults() {
        return new SimulationOptions(300, 0.05, 42, 2, Instant.parse("2026-03-14T23:00:00Z"), 1, false,
                LocalLambdaEndpoint.FunctionHosting.DEPLOYED, false, false, true, false);
    }

    SimulationOptions withContacts(int value) {
        return new SimulationOptions(value, leakRate, seed, hours, start, overlappingExecutions, injectThrottling,
                hosting, redacted, ivr, contactEvents, recordingEvents);
    }

    SimulationOptions withLeakRate(double value) {
        return new SimulationOptions(contacts, value, seed, hours, start, overlappingExecutions, injectThrottling,
                hosting, redacted, ivr, contactEvents, recordingEvents);
    }

    SimulationOptions withSeed(long value) {
        return new SimulationOptions(contacts, leakRate, value, hours, start, overlappingExecutions, injectThrottling,
                hosting, redacted, ivr, contactEvents, recordingEvents);
    }

    SimulationOptions withHours(double value) {
        return new SimulationOptions(contacts, leakRate, seed, value, start, overlappingExecutions, injectThrottling,
                hosting, redacted, ivr, contactEvents, recordingEvents);
    }

    SimulationOptions withOverlappingExecutions(int value) {
        return new SimulationOptions(contacts, leakRate, seed, hours, start, value, injectThrottling, hosting,
                redacted, ivr, contactEvents, recordingEvents);
    }

    SimulationOptions withThrottling(boolean value) {
        return new SimulationOptions(contacts, leakRate, seed, hours, start, overlappingExecutions, value, hosting,
                redacted, ivr, contactEvents, recordingEvents);
    }

    SimulationOptions withHosting(LocalLambdaEndpoint.FunctionHosting value) {
        return new SimulationOptions(contacts, leakRate, seed, hours, start, overlappingExecutions, injectThrottling,
                value, redacted, ivr, contactEvents, recordingEvents);
    }

    SimulationOptions withRedacted(boolean value) {
        return new SimulationOptions(contacts, leakRate, seed, hours, start, overlappingExecutions, injectThrottling,
                hosting, value, ivr, contactEvents, recordingEvents);
    }

    SimulationOptions withIvr(boolean value) {
        return new SimulationOptions(contacts, leakRate, seed, hours, start, overlappingExecutions, injectThrottling,
                hosting, redacted, value, contactEvents, recordingEvents);
    }

    SimulationOptions withContactEvents(boolean value) {
        return new SimulationOptions(contacts, leakRate, seed, hours, start, overlappingExecutions, injectThrottling,
                hosting, redacted, ivr, value, recordingEvents);
    }

    SimulationOptions withRecordingEvents(boolean value) {
        return new SimulationOptions(contacts, leakRate, seed, hours, start, overlappingExecutions, injectThrottling,
                hosting, redacted, ivr, contactEvents, value);
    }

    /** The centre these options plan: the same options, the same calls. */
    ContactCentre centre(String bucket, String keyPrefix) {
        return new ContactCentre(seed, leakRate, bucket, keyPrefix, redacted, ivr);
    }

    Duration window() {
        return Duration.ofSeconds((long) (hours * 3600));
    }
}

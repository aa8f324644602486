package io.github.recordingleakagedetector.runtime.lifecycle;

/** A recording verdict and the evidence it rests on. */
public record Verdict(RecordingState state, RecordingEvidence evidence) {
}

package io.github.recordingleakagedetector.runtime.lifecycle;

/**
 * A recording file as a bucket listing shows it: its key and size. Connect writes PCM WAV, 16 bit, 8 kHz, two
 * channels (agent and customer): 32,000 bytes per second of audio after a 44-byte header, so the size alone tells how
 * much audio the file holds, without reading it.
 */
public record StoredRecording(String key, long sizeBytes) {
    /** The bare WAV header: a file of this size holds no audio at all. */
    public static final long WAV_HEADER_BYTES = 44;
    /** 8,000 samples a second × 2 bytes × 2 channels. */
    public static final long BYTES_PER_SECOND = 32_000;

    public double audioSeconds() {
        return Math.max(0, sizeBytes - WAV_HEADER_BYTES) / (double) BYTES_PER_SECOND;
    }

    /** The size of a file holding {@code seconds} of audio (for tests and simulations that make such files). */
    public static long sizeOf(double seconds) {
        return WAV_HEADER_BYTES + Math.round(seconds * BYTES_PER_SECOND);
    }
}

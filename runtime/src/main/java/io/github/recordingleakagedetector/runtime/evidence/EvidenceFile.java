package io.github.recordingleakagedetector.runtime.evidence;

import java.nio.charset.StandardCharsets;

/** One file of a day's evidence: its name within the day's folder, its media type and its UTF-8 text. */
public record EvidenceFile(String name, String contentType, String text) {

    public byte[] bytes() {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

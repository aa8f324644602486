package io.github.recordingleakagedetector.e2e;

import io.github.recordingleakagedetector.runtime.testing.SnsRecorder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The alerts published so far, each stamped with the simulated tick in which it went out. */
final class Detections {
    record Detection(Instant at, String alertType, String contactId) {
    }

    private final SnsRecorder sns;
    private final List<Detection> detections = new ArrayList<>();

    Detections(SnsRecorder sns) {
        this.sns = sns;
    }

    /** Stamps the alerts published since the last call with {@code tick}; returns how many. */
    int recordUntil(Instant tick) {
        List<SnsRecorder.PublishedMessage> published = sns.published();
        int before = detections.size();
        for (SnsRecorder.PublishedMessage message : published.subList(before, published.size())) {
            detections.add(new Detection(tick, message.messageAttributes().get("alertType"),
                    message.messageAttributes().get("contactId")));
        }
        return detections.size() - before;
    }

    List<Detection> all() {
        return detections;
    }
}

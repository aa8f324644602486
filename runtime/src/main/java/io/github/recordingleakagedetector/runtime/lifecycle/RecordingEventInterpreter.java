package io.github.recordingleakagedetector.runtime.lifecycle;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.github.recordingleakagedetector.runtime.lifecycle.EventJson.object;
import static io.github.recordingleakagedetector.runtime.lifecycle.EventJson.text;
import static io.github.recordingleakagedetector.runtime.lifecycle.EventJson.time;

/**
 * Reads an S3 {@code Object Created} or {@code Object Deleted} event (EventBridge's form) of a file under the recording
 * locations into a {@link RecordingEvent}, or says why it is rejected: another bucket, a key outside the recording
 * locations, no size on a created file. A file whose name does not start with a contact id (renamed, or not a
 * recording) is no error: its event names no contact, and the check lists the bucket as it would without events.
 */
public final class RecordingEventInterpreter {
    static final String OBJECT_CREATED = "Object Created";
    static final String OBJECT_DELETED = "Object Deleted";
    /** Connect's contact ids are UUIDs; a recording's file name starts with its contact's. */
    private static final Pattern CONTACT_ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final String bucket;
    private final List<String> keyPrefixes;

    /**
     * @param keyPrefixes the recording prefix and the additional recording prefixes: events of keys under any other
     *     prefix are rejected
     */
    public RecordingEventInterpreter(String bucket, List<String> keyPrefixes) {
        this.bucket = bucket;
        this.keyPrefixes = List.copyOf(keyPrefixes);
    }

    /** Whether the event's detail-type is one this interpreter reads. */
    static boolean reads(Map<String, Object> envelope) {
        Object type = envelope.get("detail-type");
        return OBJECT_CREATED.equals(type) || OBJECT_DELETED.equals(type);
    }

    RecordingEvent interpret(Map<String, Object> envelope) {
        boolean deleted = OBJECT_DELETED.equals(envelope.get("detail-type"));
        Map<String, Object> detail = object(envelope.get("detail"), "detail");
        String bucketName = text(object(detail.get("bucket"), "detail.bucket"), "name");
        if (!bucket.equals(bucketName)) {
            throw new EventJson.RejectedEventException("bucket '" + bucketName + "' is not the recording bucket");
        }
        Map<String, Object> file = object(detail.get("object"), "detail.object");
        String key = decoded(text(file, "key"));
        if (keyPrefixes.stream().noneMatch(prefix -> key.startsWith(prefix + "/"))) {
            throw new EventJson.RejectedEventException("key '" + key + "' is outside the recording locations");
        }
        long size = 0;
        if (!deleted) {
            if (!(file.get("size") instanceof Number number) || number.longValue() < 0) {
                throw new EventJson.RejectedEventException("no size for created key '" + key + "'");
            }
            size = number.longValue();
        }
        Instant at = time(envelope, "time");
        return new RecordingEvent(contactIdOf(key), new SeenRecording(key, size, text(file, "sequencer"), deleted), at);
    }

    /**
     * S3 sends keys form-encoded in its notifications; Connect's keys hold {@code :} in the time, which then comes as
     * {@code %3A}. A key without a {@code %} is taken as it is (EventBridge's samples show keys unencoded).
     */
    private static String decoded(String key) {
        if (key == null || key.isBlank()) {
            throw new EventJson.RejectedEventException("no key in detail.object");
        }
        if (key.indexOf('%') < 0) {
            return key;
        }
        try {
            return URLDecoder.decode(key, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new EventJson.RejectedEventException("key '" + key + "' is not URL-encoded properly");
        }
    }

    private static String contactIdOf(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        int end = name.indexOf('_');
        String candidate = end < 0 ? name : name.substring(0, end);
        return CONTACT_ID.matcher(candidate).matches() ? candidate : null;
    }
}

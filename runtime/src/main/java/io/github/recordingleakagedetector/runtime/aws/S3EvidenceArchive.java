package io.github.recordingleakagedetector.runtime.aws;

import io.github.recordingleakagedetector.runtime.evidence.EvidenceArchive;
import io.github.recordingleakagedetector.runtime.evidence.EvidenceFile;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The evidence bucket: each day's files under {@code <prefix>/YYYY/MM/DD/}. The function may list and put under the
 * prefix and nothing else, so a day's marker is looked for by listing (a HEAD of a missing key would answer 403).
 * Every upload carries its Content-MD5, which S3 requires of a bucket with Object Lock retention.
 */
public final class S3EvidenceArchive implements EvidenceArchive {
    private static final int UPLOAD_ATTEMPTS = 3;
    private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private final S3Client s3;
    private final String bucket;
    private final String keyPrefix;

    public S3EvidenceArchive(S3Client s3, String bucket, String keyPrefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.keyPrefix = keyPrefix;
    }

    /** The key of a file of the day. */
    public String key(LocalDate day, String name) {
        return keyPrefix + "/" + FOLDER.format(day) + "/" + name;
    }

    @Override
    public boolean written(LocalDate day) {
        String marker = key(day, MARKER);
        return s3.listObjectsV2(r -> r.bucket(bucket).prefix(marker).maxKeys(1)).contents().stream()
                .anyMatch(object -> object.key().equals(marker));
    }

    @Override
    public String location(LocalDate day, String name) {
        return "s3://" + bucket + "/" + key(day, name);
    }

    @Override
    public String link(LocalDate day, String name) {
        return "https://console.aws.amazon.com/s3/object/" + bucket + "?region="
                + s3.serviceClientConfiguration().region().id() + "&prefix="
                + URLEncoder.encode(key(day, name), StandardCharsets.UTF_8);
    }

    /**
     * Uploads the file. A connection the server closes while the client waits for {@code 100 Continue} surfaces from
     * the URL-connection client as an {@link UncheckedIOException} that the SDK's retries do not see: it is retried
     * here, a few times (the upload is idempotent), before it fails the run.
     */
    @Override
    public void write(LocalDate day, EvidenceFile file) {
        byte[] bytes = file.bytes();
        for (int attempt = 1; ; attempt++) {
            try {
                s3.putObject(r -> r.bucket(bucket).key(key(day, file.name())).contentType(file.contentType())
                        .contentMD5(md5(bytes)), RequestBody.fromBytes(bytes));
                return;
            } catch (UncheckedIOException e) {
                if (attempt == UPLOAD_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static String md5(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has MD5", e);
        }
    }
}

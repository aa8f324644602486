package io.github.recordingleakagedetector.runtime.aws;

import io.github.recordingleakagedetector.runtime.evidence.EvidenceArchive;
import io.github.recordingleakagedetector.runtime.evidence.EvidenceFile;
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
    public void write(LocalDate day, EvidenceFile file) {
        byte[] bytes = file.bytes();
        s3.putObject(r -> r.bucket(bucket).key(key(day, file.name())).contentType(file.contentType())
                .contentMD5(md5(bytes)), RequestBody.fromBytes(bytes));
    }

    private static String md5(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has MD5", e);
        }
    }
}

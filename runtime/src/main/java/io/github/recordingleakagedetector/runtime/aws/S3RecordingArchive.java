package io.github.recordingleakagedetector.runtime.aws;

import io.github.recordingleakagedetector.runtime.lifecycle.RecordingArchive;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The recording bucket. Only "not found" counts as absence; access denied, a missing bucket or any other error
 * propagates and fails the run, because a search that could not look must not produce a verdict.
 */
public final class S3RecordingArchive implements RecordingArchive {
    private final S3Client s3;
    private final String bucket;
    private final int pageSize;

    public S3RecordingArchive(S3Client s3, String bucket) {
        this(s3, bucket, 1000);
    }

    /** With a page size, so tests can exercise paging with few keys. */
    public S3RecordingArchive(S3Client s3, String bucket, int pageSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.pageSize = pageSize;
    }

    @Override
    public boolean exists(String key) {
        try {
            s3.headObject(r -> r.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !"NoSuchBucket".equals(errorCode(e))) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<String> firstKeyStartingWith(String keyPrefix) {
        // The paginator follows NextContinuationToken until a match or the end of the listing.
        return s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(keyPrefix).maxKeys(pageSize))
                .contents().stream()
                .map(S3Object::key)
                .filter(key -> key.startsWith(keyPrefix))
                .findFirst();
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }
}

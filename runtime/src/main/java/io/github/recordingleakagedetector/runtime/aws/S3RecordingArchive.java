package io.github.recordingleakagedetector.runtime.aws;

import io.github.recordingleakagedetector.runtime.lifecycle.RecordingArchive;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The recording bucket, read only by listing under the recording prefix (the only S3 read the functions are
 * granted). Access denied, a missing bucket or any other error propagates and fails the run, because a search that
 * could not look must not produce a verdict.
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

    /**
     * Existence by listing, not HEAD: the functions may list only under the recording prefix, and S3 answers a HEAD
     * of a missing key with 403 instead of 404 to a caller that may not list the whole bucket.
     */
    @Override
    public boolean exists(String key) {
        return s3.listObjectsV2(r -> r.bucket(bucket).prefix(key).maxKeys(1)).contents().stream()
                .anyMatch(object -> object.key().equals(key));
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

}

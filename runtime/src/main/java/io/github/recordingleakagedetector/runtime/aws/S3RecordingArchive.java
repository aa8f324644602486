package io.github.recordingleakagedetector.runtime.aws;

import io.github.recordingleakagedetector.runtime.lifecycle.RecordingArchive;
import io.github.recordingleakagedetector.runtime.lifecycle.StoredRecording;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The recording bucket, read only by listing under the recording prefixes (the only S3 read the functions are
 * granted): a listing gives each key's size, which is all the verdict needs of a file. Access denied, a missing
 * bucket or any other error propagates and fails the run, because a search that could not look must not produce a
 * verdict.
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
     * Existence by listing, not HEAD: the functions may list only under the recording prefixes, and S3 answers a
     * HEAD of a missing key with 403 instead of 404 to a caller that may not list the whole bucket. The key sorts
     * first among the keys it prefixes, so one key is enough.
     */
    @Override
    public Optional<StoredRecording> find(String key) {
        return s3.listObjectsV2(r -> r.bucket(bucket).prefix(key).maxKeys(1)).contents().stream()
                .filter(object -> object.key().equals(key))
                .map(object -> new StoredRecording(object.key(), object.size()))
                .findFirst();
    }

    @Override
    public List<StoredRecording> startingWith(String keyPrefix) {
        // The paginator follows NextContinuationToken to the end of the listing.
        return s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(keyPrefix).maxKeys(pageSize))
                .contents().stream()
                .filter(object -> object.key().startsWith(keyPrefix))
                .map(object -> new StoredRecording(object.key(), object.size()))
                .toList();
    }
}

package io.github.recordingleakagedetector.runtime.testing;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.SdkResponses;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * s3proxy's store with prefix listings answered from a sorted index of keys, as Amazon S3 answers them.
 *
 * <p>s3proxy's in-memory store lists a prefix by reading every entry of the prefix's folder, so one listing under
 * a contact's prefix costs time proportional to the day's recordings (152 ms with 50,000 in the folder on a
 * 2-core machine): the simulation would measure the stand-in, not the detector. Here a first page without
 * delimiter takes the matching keys from the index and their metadata from the store; everything else (pages
 * after the first, delimiters, reads, writes) is s3proxy's own. The continuation token is the last key returned,
 * as s3proxy's, so s3proxy serves the next page. {@code IndexedListingBlobStoreTest} holds the two to the same
 * answers.
 *
 * <p>For simulations, an object may also be given a declared size ({@link #declareSize}): its first-page listing
 * entries then show that size instead of the stored body's, as for call recordings of hundreds of calls whose
 * megabytes of audio would not fit in memory while the detector only ever reads their sizes from listings.
 */
final class IndexedListingBlobStore extends ForwardingBlobStore {
    private static final int DEFAULT_MAX_KEYS = 1000;

    private final Map<String, NavigableSet<String>> keysByBucket = new ConcurrentHashMap<>();
    private final Map<String, Long> declaredSizes = new ConcurrentHashMap<>();

    IndexedListingBlobStore(BlobStore store) {
        super(store);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        PutObjectResponse response = super.putBlob(request, content);
        keys(request.bucket()).add(request.key());
        return response;
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        CopyObjectResponse response = super.copyBlob(request);
        keys(request.destinationBucket()).add(request.destinationKey());
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
            CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
        keys(request.bucket()).add(request.key());
        return response;
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        DeleteObjectResponse response = super.removeBlob(request);
        keys(request.bucket()).remove(request.key());
        declaredSizes.remove(request.bucket() + "/" + request.key());
        return response;
    }

    /** Lists the object as {@code sizeBytes} long, whatever its stored body (simulations only). */
    void declareSize(String bucket, String key, long sizeBytes) {
        declaredSizes.put(bucket + "/" + key, sizeBytes);
    }

    @Override
    public void deleteBucket(String bucket) {
        super.deleteBucket(bucket);
        keysByBucket.remove(bucket);
    }

    @Override
    public ListObjectsV2Response list(ListObjectsV2Request request) {
        boolean firstPlainPage = (request.delimiter() == null || request.delimiter().isEmpty())
                && request.continuationToken() == null && request.startAfter() == null
                && (request.maxKeys() == null || request.maxKeys() > 0);
        if (!firstPlainPage) {
            return super.list(request);
        }
        String prefix = request.prefix() == null ? "" : request.prefix();
        int maxKeys = request.maxKeys() == null ? DEFAULT_MAX_KEYS : request.maxKeys();
        List<S3Object> page = new ArrayList<>();
        String lastKey = null;
        boolean truncated = false;
        for (String key : keys(request.bucket()).tailSet(prefix, true)) {
            if (!key.startsWith(prefix)) {
                break;
            }
            if (page.size() == maxKeys) {
                truncated = true;
                break;
            }
            try {
                HeadObjectResponse metadata = delegate().blobMetadata(
                        HeadObjectRequest.builder().bucket(request.bucket()).key(key).build());
                page.add(SdkResponses.objectEntry(key, metadata.eTag(), metadata.lastModified(),
                        declaredSizes.getOrDefault(request.bucket() + "/" + key, metadata.contentLength()),
                        StorageClass.STANDARD));
                lastKey = key;
            } catch (NoSuchKeyException e) {
                // Deleted since it was indexed: as absent as in s3proxy's own listing.
            }
        }
        return SdkResponses.objectsPage(page, List.of(), truncated ? lastKey : null);
    }

    private NavigableSet<String> keys(String bucket) {
        return keysByBucket.computeIfAbsent(bucket, b -> new ConcurrentSkipListSet<>());
    }
}

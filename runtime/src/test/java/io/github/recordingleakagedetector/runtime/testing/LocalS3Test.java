package io.github.recordingleakagedetector.runtime.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Proves the S3 behaviours the recording search relies on, against {@link LocalS3}. */
class LocalS3Test {
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static LocalS3 s3;

    @BeforeAll
    static void startS3() {
        s3 = LocalS3.start();
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    private static String newBucket() {
        String bucket = "recordings-" + BUCKETS.incrementAndGet();
        s3.createBucket(bucket);
        return bucket;
    }

    @Test
    void listObjectsV2PaginatorReturnsEveryKeyBeyondTheFirstThousand() {
        String bucket = newBucket();
        String prefix = "connect/demo/CallRecordings/2023/08/29/";
        List<String> written = IntStream.range(0, 1_005)
                .mapToObj(i -> prefix + String.format("contact-%04d_20230829T10:30_UTC.wav", i))
                .toList();
        written.forEach(key -> s3.seedObject(bucket, key, "RIFF"));

        S3Client client = s3.client();
        List<String> listed = client.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix))
                .contents().stream().map(S3Object::key).toList();
        int pages = client.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix))
                .stream().mapToInt(page -> 1).sum();

        assertThat(listed).containsExactlyElementsOf(written);
        assertThat(pages).isEqualTo(2);
    }

    @Test
    void concurrentUploadsThroughTheApiAllLand() {
        String bucket = newBucket();

        IntStream.range(0, 50).parallel().forEach(i -> s3.putObject(bucket, "k/" + i, "body " + i));

        assertThat(s3.client().listObjectsV2Paginator(request -> request.bucket(bucket)).contents())
                .hasSize(50);
        assertThat(s3.client().getObjectAsBytes(request -> request.bucket(bucket).key("k/42")).asUtf8String())
                .isEqualTo("body 42");
    }

    @Test
    void headObjectOnAMissingKeyIsA404() {
        String bucket = newBucket();

        assertThatThrownBy(() -> s3.client().headObject(request -> request.bucket(bucket).key("no/such.wav")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void getObjectOnAMissingKeyIsNoSuchKey() {
        String bucket = newBucket();

        assertThatThrownBy(() -> s3.client().getObjectAsBytes(request -> request.bucket(bucket).key("no/such.wav")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void headObjectOnAStoredKeyReturnsItsSize() {
        String bucket = newBucket();
        s3.putObject(bucket, "a/b.wav", "12345");

        assertThat(s3.client().headObject(request -> request.bucket(bucket).key("a/b.wav")).contentLength())
                .isEqualTo(5L);
    }

    @Test
    void listingAnEmptyPrefixReturnsNoContents() {
        String bucket = newBucket();
        s3.putObject(bucket, "connect/demo/CallRecordings/2023/08/28/x.wav", "RIFF");

        var response = s3.client().listObjectsV2(request -> request.bucket(bucket)
                .prefix("connect/demo/CallRecordings/2023/08/29/"));

        assertThat(response.contents()).isEmpty();
        assertThat(response.isTruncated()).isFalse();
        assertThat(response.keyCount()).isZero();
    }
}

package io.github.recordingleakagedetector.runtime.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The indexed listing must answer exactly as s3proxy's own: the same writes and deletes go through the S3 API to a
 * plain and an indexed server, and every listing, page by page, must match (keys, ETags, sizes, truncation and
 * the token that fetches the next page).
 */
class IndexedListingBlobStoreTest {
    private static final String BUCKET = "recordings";
    private static final String DAY = "connect/demo/CallRecordings/2026/03/15/";

    private static LocalS3 plain;
    private static LocalS3 indexed;

    @BeforeAll
    static void startBoth() {
        plain = LocalS3.start();
        indexed = LocalS3.startWithIndexedListings();
        for (LocalS3 s3 : List.of(plain, indexed)) {
            s3.createBucket(BUCKET);
            S3Client client = s3.client();
            for (int i = 0; i < 30; i++) {
                String contactId = String.format("contact-%02d", i);
                client.putObject(r -> r.bucket(BUCKET).key(DAY + contactId + "_20260315T01:00_UTC.wav"),
                        RequestBody.fromString("RIFF" + contactId));
            }
            // A contact with an IVR and an agent recording; a renamed one; one in the next day's folder.
            client.putObject(r -> r.bucket(BUCKET).key(DAY + "contact-07_20260315T01:05_UTC.wav"),
                    RequestBody.fromString("agent leg, longer body"));
            client.putObject(r -> r.bucket(BUCKET).key(DAY + "renamed/agent-call.wav"), RequestBody.fromString("R"));
            client.putObject(r -> r.bucket(BUCKET).key("connect/demo/CallRecordings/2026/03/16/contact-29_x.wav"),
                    RequestBody.fromString("next day"));
            client.copyObject(r -> r.sourceBucket(BUCKET).sourceKey(DAY + "contact-03_20260315T01:00_UTC.wav")
                    .destinationBucket(BUCKET).destinationKey(DAY + "contact-03-copy.wav"));
            client.deleteObject(r -> r.bucket(BUCKET).key(DAY + "contact-11_20260315T01:00_UTC.wav"));
            s3.seedObject(BUCKET, DAY + "contact-31_seeded.wav", "seeded without HTTP");
        }
    }

    @AfterAll
    static void stopBoth() {
        plain.close();
        indexed.close();
    }

    @Test
    void aContactPrefixListsTheSameKeysAndMetadata() {
        assertSameListing(r -> r.prefix(DAY + "contact-05"));
        assertSameListing(r -> r.prefix(DAY + "contact-07").maxKeys(1000));
        assertSameListing(r -> r.prefix(DAY + "contact-03"));
    }

    @Test
    void aDeletedKeyIsAbsentFromBoth() {
        List<String> keys = assertSameListing(r -> r.prefix(DAY + "contact-11"));

        assertThat(keys).isEmpty();
    }

    @Test
    void aPrefixWithoutMatchesListsNothingInBoth() {
        assertThat(assertSameListing(r -> r.prefix(DAY + "unknown-contact"))).isEmpty();
        assertThat(assertSameListing(r -> r.prefix("connect/demo/CallRecordings/2026/04/"))).isEmpty();
    }

    @Test
    void truncatedPagesAndTheirTokensMatchPageByPage() {
        List<String> keys = assertSameListing(r -> r.prefix(DAY + "contact-0").maxKeys(3));

        assertThat(keys).hasSize(12).startsWith(DAY + "contact-00_20260315T01:00_UTC.wav");
    }

    @Test
    void aSingleKeyPageOfAContactWithTwoRecordingsIsTruncatedInBoth() {
        assertThat(assertSameListing(r -> r.prefix(DAY + "contact-07").maxKeys(1))).hasSize(2);
    }

    @Test
    void wholeBucketDelimiterAndStartAfterListingsMatch() {
        assertSameListing(r -> { });
        assertSameListing(r -> r.prefix("connect/demo/CallRecordings/2026/03/").delimiter("/"));
        assertSameListing(r -> r.prefix(DAY).startAfter(DAY + "contact-20"));
    }

    /** Lists every page from both servers, asserts each pair equal, and returns the keys listed. */
    private static List<String> assertSameListing(Consumer<ListObjectsV2Request.Builder> request) {
        List<ListObjectsV2Response> fromPlain = pages(plain, request);
        List<ListObjectsV2Response> fromIndexed = pages(indexed, request);

        assertThat(fromIndexed).hasSameSizeAs(fromPlain);
        for (int i = 0; i < fromPlain.size(); i++) {
            ListObjectsV2Response expected = fromPlain.get(i);
            ListObjectsV2Response actual = fromIndexed.get(i);
            assertThat(actual.contents()).extracting(S3Object::key, S3Object::eTag, S3Object::size)
                    .containsExactlyElementsOf(expected.contents().stream()
                            .map(o -> org.assertj.core.groups.Tuple.tuple(o.key(), o.eTag(), o.size())).toList());
            assertThat(actual.isTruncated()).as("page %d truncated", i).isEqualTo(expected.isTruncated());
            assertThat(actual.nextContinuationToken()).as("page %d token", i)
                    .isEqualTo(expected.nextContinuationToken());
            assertThat(actual.keyCount()).isEqualTo(expected.keyCount());
            assertThat(actual.commonPrefixes()).isEqualTo(expected.commonPrefixes());
        }
        return fromPlain.stream().flatMap(page -> page.contents().stream()).map(S3Object::key).toList();
    }

    private static List<ListObjectsV2Response> pages(LocalS3 s3, Consumer<ListObjectsV2Request.Builder> request) {
        List<ListObjectsV2Response> pages = new ArrayList<>();
        s3.client().listObjectsV2Paginator(builder -> request.accept(builder.bucket(BUCKET))).forEach(pages::add);
        return pages;
    }
}

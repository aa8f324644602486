package io.github.recordingleakagedetector.runtime.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.recordingleakagedetector.runtime.lifecycle.StoredRecording;
import io.github.recordingleakagedetector.runtime.testing.LocalS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

class S3RecordingArchiveTest {
    private static final String BUCKET = "archive-test";
    private static LocalS3 s3;

    @BeforeAll
    static void start() {
        s3 = LocalS3.start();
        s3.createBucket(BUCKET);
        s3.putObject(BUCKET, "p/2024/05/01/c-1_20240501T09:00_UTC.wav", "x".repeat(100));
        s3.putObject(BUCKET, "p/2024/05/01/c-1_20240501T09:00_UTC.wav.partial", "x");
        s3.putObject(BUCKET, "p/2024/05/01/only-longer.wav.bak", "x");
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    @Test
    void findsTheExactKeyOnlyWithItsSize() {
        S3RecordingArchive archive = new S3RecordingArchive(s3.client(), BUCKET);

        assertThat(archive.find("p/2024/05/01/c-1_20240501T09:00_UTC.wav"))
                .contains(new StoredRecording("p/2024/05/01/c-1_20240501T09:00_UTC.wav", 100));
        assertThat(archive.find("p/2024/05/01/only-longer.wav")).isEmpty();
        assertThat(archive.find("p/2024/05/01/absent.wav")).isEmpty();
    }

    @Test
    void listsEveryKeyOfAPrefixAcrossPagesWithTheirSizesAndNothingInAnEmptyFolder() {
        S3RecordingArchive archive = new S3RecordingArchive(s3.client(), BUCKET, 1);

        assertThat(archive.startingWith("p/2024/05/01/c-1")).containsExactly(
                new StoredRecording("p/2024/05/01/c-1_20240501T09:00_UTC.wav", 100),
                new StoredRecording("p/2024/05/01/c-1_20240501T09:00_UTC.wav.partial", 1));
        assertThat(archive.startingWith("p/2024/05/02/c-1")).isEmpty();
    }

    @Test
    void aMissingBucketIsAnErrorNotAnAbsence() {
        S3RecordingArchive archive = new S3RecordingArchive(s3.client(), "no-such-bucket");

        assertThatThrownBy(() -> archive.find("p/x.wav")).isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> archive.startingWith("p/")).isInstanceOf(NoSuchBucketException.class);
    }
}

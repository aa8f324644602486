package io.github.recordingleakagedetector.runtime.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        s3.putObject(BUCKET, "p/2024/05/01/c-1_20240501T09:00_UTC.wav", "x");
        s3.putObject(BUCKET, "p/2024/05/01/c-1_20240501T09:00_UTC.wav.partial", "x");
        s3.putObject(BUCKET, "p/2024/05/01/only-longer.wav.bak", "x");
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    @Test
    void existsMatchesTheExactKeyOnly() {
        S3RecordingArchive archive = new S3RecordingArchive(s3.client(), BUCKET);

        assertThat(archive.exists("p/2024/05/01/c-1_20240501T09:00_UTC.wav")).isTrue();
        assertThat(archive.exists("p/2024/05/01/only-longer.wav")).isFalse();
        assertThat(archive.exists("p/2024/05/01/absent.wav")).isFalse();
    }

    @Test
    void findsTheFirstKeyOfAPrefixAndNothingInAnEmptyFolder() {
        S3RecordingArchive archive = new S3RecordingArchive(s3.client(), BUCKET, 1);

        assertThat(archive.firstKeyStartingWith("p/2024/05/01/c-1")).contains("p/2024/05/01/c-1_20240501T09:00_UTC.wav");
        assertThat(archive.firstKeyStartingWith("p/2024/05/02/c-1")).isEmpty();
    }

    @Test
    void aMissingBucketIsAnErrorNotAnAbsence() {
        S3RecordingArchive archive = new S3RecordingArchive(s3.client(), "no-such-bucket");

        assertThatThrownBy(() -> archive.exists("p/x.wav")).isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> archive.firstKeyStartingWith("p/")).isInstanceOf(NoSuchBucketException.class);
    }
}

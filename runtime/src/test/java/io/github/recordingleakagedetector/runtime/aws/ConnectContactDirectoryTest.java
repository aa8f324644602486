package io.github.recordingleakagedetector.runtime.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.recordingleakagedetector.runtime.lifecycle.ContactClassifier;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactDirectory;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactSnapshot;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactState;
import io.github.recordingleakagedetector.runtime.testing.ConnectSimulator;
import io.github.recordingleakagedetector.runtime.testing.DescribeContactFixture;
import io.github.recordingleakagedetector.runtime.testing.ScriptedContact;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Connect adapter and the classifier over the SDK's real wire format, served by the simulator. */
class ConnectContactDirectoryTest {
    /** Attempts of the SDK's standard retry strategy (TestAwsClients.fastRetries): faults beyond them would leak. */
    private static final int ATTEMPTS = 3;
    private static ConnectSimulator connect;
    private static ConnectContactDirectory directory;

    @BeforeAll
    static void start() {
        connect = ConnectSimulator.start();
        directory = new ConnectContactDirectory(connect.client(), new RateLimiter(1000));
    }

    @AfterAll
    static void stop() {
        connect.close();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "COMPLETED_AGENT, COMPLETED - AGENT",
        "IN_PROGRESS_AGENT, IN_PROGRESS - AGENT",
        "COMPLETED_QUEUE, COMPLETED - QUEUE/IVR",
        "IN_PROGRESS_QUEUE, IN_PROGRESS - QUEUE/IVR",
    })
    void theOriginalDesignsFourResponsesClassifyAsItsFourStates(DescribeContactFixture fixture, String expected) {
        // GIVEN one of the four real DescribeContact responses of the original design
        fixture.serveFrom(connect);

        // WHEN it is described and classified
        ContactSnapshot seen = directory.describe(DescribeContactFixture.INSTANCE_ID, fixture.contactId());

        // THEN it lands in the design's literal state
        assertThat(ContactClassifier.classify(seen).value()).isEqualTo(expected);
        assertThat(seen.channel()).isEqualTo("VOICE");
        assertThat(seen.initiationMethod()).isEqualTo("INBOUND");
    }

    @Test
    void keepsTheFieldsTheTableStores() {
        DescribeContactFixture.COMPLETED_AGENT.serveFrom(connect);

        ContactSnapshot seen = directory.describe(DescribeContactFixture.INSTANCE_ID,
                DescribeContactFixture.COMPLETED_AGENT.contactId());

        assertThat(seen.initiatedAt()).isEqualTo(Instant.parse("2023-08-29T10:29:57.871Z"));
        assertThat(seen.connectedToAgentAt()).isEqualTo(Instant.parse("2023-08-29T10:30:11.038Z"));
        assertThat(seen.disconnectedAt()).isEqualTo(Instant.parse("2023-08-29T10:31:10.343Z"));
        assertThat(seen.agentId()).isEqualTo("59ede75e-26d7-44f9-bf20-32e6bfc378af");
        assertThat(seen.queueId()).isEqualTo("54b468a3-86b1-4746-aeb5-c31b62eecaa2");
    }

    @Test
    void onlyAvailableVoiceRecordingsAreEvidence() {
        Instant t0 = Instant.parse("2024-01-01T10:00:00Z");
        connect.setTime(t0.plusSeconds(600));
        connect.contact("inst", "c-rec").initiatedAt(t0).connectedToAgentAt(t0.plusSeconds(10), "agent")
                .disconnectedAt(t0.plusSeconds(100))
                .recording("bucket/audio.wav", t0.plusSeconds(120))
                .recording(ScriptedContact.Recording.of("bucket/gone.wav", t0.plusSeconds(120))
                        .deleted(t0.plusSeconds(130), "retention"));

        ContactSnapshot seen = directory.describe("inst", "c-rec");

        assertThat(seen.recordingLocations()).containsExactly("bucket/audio.wav");
    }

    @Test
    void throttlingIsRetriedUntilItSucceeds() {
        DescribeContactFixture.IN_PROGRESS_QUEUE.serveFrom(connect);
        int before = connect.describeCount(DescribeContactFixture.IN_PROGRESS_QUEUE.contactId());
        connect.throttleNextRequests(2);

        ContactSnapshot seen = directory.describe(DescribeContactFixture.INSTANCE_ID,
                DescribeContactFixture.IN_PROGRESS_QUEUE.contactId());

        assertThat(ContactClassifier.classify(seen)).isEqualTo(ContactState.IN_PROGRESS_QUEUE_IVR);
        assertThat(connect.describeCount(DescribeContactFixture.IN_PROGRESS_QUEUE.contactId()) - before).isEqualTo(3);
    }

    @Test
    void throttlingThatOutlastsTheRetriesIsReportedAsThrottled() {
        DescribeContactFixture.IN_PROGRESS_QUEUE.serveFrom(connect);
        connect.throttleNextRequests(ATTEMPTS);

        assertThatThrownBy(() -> directory.describe(DescribeContactFixture.INSTANCE_ID,
                DescribeContactFixture.IN_PROGRESS_QUEUE.contactId()))
                .isInstanceOfSatisfying(ContactDirectory.DirectoryUnavailableException.class,
                        e -> assertThat(e.throttled()).isTrue());
    }

    @Test
    void anUnknownContactIsNotFound() {
        assertThatThrownBy(() -> directory.describe("inst", "never-heard-of"))
                .isInstanceOf(ContactDirectory.ContactNotFoundException.class)
                .hasMessageStartingWith("DescribeContact: ");
    }

    @Test
    void aRequestTheApiRejectsAsInvalidIsARejectionNotANotFound() {
        connect.rejectAsInvalid("bad-id");

        assertThatThrownBy(() -> directory.describe("inst", "bad-id"))
                .isInstanceOf(ContactDirectory.ContactRejectedException.class)
                .hasMessage("DescribeContact rejected the request (InvalidParameterException): One or more of the "
                        + "specified parameters are not valid.");
    }

    @Test
    void serverErrorsAfterRetriesAreUnavailableNotThrottled() {
        DescribeContactFixture.COMPLETED_QUEUE.serveFrom(connect);
        connect.failNextRequests(ATTEMPTS);

        assertThatThrownBy(() -> directory.describe(DescribeContactFixture.INSTANCE_ID,
                DescribeContactFixture.COMPLETED_QUEUE.contactId()))
                .isInstanceOfSatisfying(ContactDirectory.DirectoryUnavailableException.class,
                        e -> assertThat(e.throttled()).isFalse());
    }
}

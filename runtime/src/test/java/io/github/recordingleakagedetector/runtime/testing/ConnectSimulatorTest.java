package io.github.recordingleakagedetector.runtime.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.Contact;
import software.amazon.awssdk.services.connect.model.ContactInitiationMethod;
import software.amazon.awssdk.services.connect.model.InternalServiceException;
import software.amazon.awssdk.services.connect.model.ParticipantType;
import software.amazon.awssdk.services.connect.model.RecordingStatus;
import software.amazon.awssdk.services.connect.model.ResourceNotFoundException;
import software.amazon.awssdk.services.connect.model.StorageType;
import software.amazon.awssdk.services.connect.model.ThrottlingException;

/** Drives {@link ConnectSimulator} with the real SDK {@link ConnectClient}. */
class ConnectSimulatorTest {
    private static final String INSTANCE = "11111111-2222-3333-4444-555555555555";
    private static final Instant INITIATED = Instant.parse("2023-08-29T10:29:57.871Z");
    private static final Instant ENQUEUED = Instant.parse("2023-08-29T10:30:04.641Z");
    private static final Instant CONNECTED = Instant.parse("2023-08-29T10:30:11.038Z");
    private static final Instant DISCONNECTED = Instant.parse("2023-08-29T10:31:10.343Z");
    private static final Instant RECORDING_AVAILABLE = DISCONNECTED.plusSeconds(40);
    private static final String LOCATION = "recordings-bucket/connect/demo/CallRecordings/2023/08/29/"
            + "c-1_20230829T10:30_UTC.wav";

    private ConnectSimulator simulator;

    @BeforeEach
    void start() {
        simulator = ConnectSimulator.start();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private Contact describe(String contactId) {
        return simulator.client().describeContact(r -> r.instanceId(INSTANCE).contactId(contactId)).contact();
    }

    private void scriptAnsweredCall(String contactId) {
        simulator.contact(INSTANCE, contactId)
                .initiatedAt(INITIATED)
                .enqueuedAt(ENQUEUED, "queue-1")
                .connectedToAgentAt(CONNECTED, "agent-1")
                .disconnectedAt(DISCONNECTED)
                .recording(LOCATION, RECORDING_AVAILABLE);
    }

    @Test
    void scriptedContactShowsOnlyWhatHasHappenedByTheSimulatorsTime() {
        scriptAnsweredCall("c-1");

        simulator.setTime(INITIATED.minusMillis(1));
        assertThatThrownBy(() -> describe("c-1")).isInstanceOf(ResourceNotFoundException.class);

        simulator.setTime(ENQUEUED.plusSeconds(1));
        Contact inQueue = describe("c-1");
        assertThat(inQueue.queueInfo().id()).isEqualTo("queue-1");
        assertThat(inQueue.agentInfo()).isNull();
        assertThat(inQueue.disconnectTimestamp()).isNull();
        assertThat(inQueue.lastUpdateTimestamp()).isEqualTo(ENQUEUED);

        simulator.setTime(CONNECTED.plusSeconds(1));
        Contact withAgent = describe("c-1");
        assertThat(withAgent.agentInfo().id()).isEqualTo("agent-1");
        assertThat(withAgent.agentInfo().connectedToAgentTimestamp()).isEqualTo(CONNECTED);
        assertThat(withAgent.disconnectTimestamp()).isNull();

        simulator.advance(Duration.between(CONNECTED.plusSeconds(1), DISCONNECTED));
        Contact disconnected = describe("c-1");
        assertThat(disconnected.disconnectTimestamp()).isEqualTo(DISCONNECTED);
        assertThat(disconnected.lastUpdateTimestamp()).isEqualTo(DISCONNECTED);
        assertThat(disconnected.hasRecordings()).isFalse();

        simulator.setTime(RECORDING_AVAILABLE);
        Contact recorded = describe("c-1");
        assertThat(recorded.recordings()).singleElement().satisfies(recording -> {
            assertThat(recording.location()).isEqualTo(LOCATION);
            assertThat(recording.status()).isEqualTo(RecordingStatus.AVAILABLE);
            assertThat(recording.storageType()).isEqualTo(StorageType.S3);
            assertThat(recording.startTimestamp()).isEqualTo(CONNECTED);
            assertThat(recording.stopTimestamp()).isEqualTo(DISCONNECTED);
        });
        assertThat(recorded.arn()).isEqualTo(
                "arn:aws:connect:us-east-1:123456789012:instance/" + INSTANCE + "/contact/c-1");
        assertThat(recorded.initiationMethod()).isEqualTo(ContactInitiationMethod.INBOUND);
        assertThat(recorded.channelAsString()).isEqualTo("VOICE");
    }

    @Test
    void fractionalEpochSecondsParseToTheExactMillisecond() {
        scriptAnsweredCall("c-1");
        simulator.setTime(RECORDING_AVAILABLE);

        Contact contact = describe("c-1");

        assertThat(contact.initiationTimestamp()).isEqualTo(INITIATED);
        assertThat(contact.queueInfo().enqueueTimestamp()).isEqualTo(ENQUEUED);
        assertThat(contact.agentInfo().connectedToAgentTimestamp()).isEqualTo(CONNECTED);
        assertThat(contact.disconnectTimestamp()).isEqualTo(DISCONNECTED);
    }

    @Test
    void transferredContactCarriesItsPredecessorAndSecondRecordingCanBeDeleted() {
        Instant t0 = simulator.now();
        simulator.contact(INSTANCE, "c-2")
                .initiationMethod(ContactInitiationMethod.TRANSFER)
                .previousContactId("c-1")
                .connectedToAgentAt(t0.plusSeconds(5), "agent-2")
                .disconnectedAt(t0.plusSeconds(60))
                .recording(ScriptedContact.Recording.of("b/ivr.wav", t0.plusSeconds(61))
                        .withParticipantType(ParticipantType.CUSTOMER))
                .recording(ScriptedContact.Recording.of("b/agent.wav", t0.plusSeconds(62))
                        .deleted(t0.plusSeconds(100), "GDPR request"));

        simulator.setTime(t0.plusSeconds(62));
        Contact contact = describe("c-2");
        assertThat(contact.initiationMethod()).isEqualTo(ContactInitiationMethod.TRANSFER);
        assertThat(contact.previousContactId()).isEqualTo("c-1");
        assertThat(contact.queueInfo()).isNull();
        assertThat(contact.recordings()).extracting(r -> r.location()).containsExactly("b/ivr.wav", "b/agent.wav");

        simulator.advance(Duration.ofMinutes(1));
        assertThat(describe("c-2").recordings().get(1)).satisfies(recording -> {
            assertThat(recording.status()).isEqualTo(RecordingStatus.DELETED);
            assertThat(recording.deletionReason()).isEqualTo("GDPR request");
        });
    }

    @Test
    void throttledTwiceThenServedCostsThreeRequests() {
        scriptAnsweredCall("c-1");
        simulator.throttleNextRequests(2);

        // How to give a client a short backoff: the SDK default takes ~2.5 s to exhaust throttling retries.
        BackoffStrategy shortBackoff = BackoffStrategy.exponentialDelay(Duration.ofMillis(10), Duration.ofMillis(50));
        ClientOverrideConfiguration fastRetries = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .backoffStrategy(shortBackoff)
                        .throttlingBackoffStrategy(shortBackoff)
                        .build())
                .build();
        long started = System.nanoTime();
        try (ConnectClient client = simulator.client(fastRetries)) {
            Contact contact = client.describeContact(r -> r.instanceId(INSTANCE).contactId("c-1")).contact();
            assertThat(contact.id()).isEqualTo("c-1");
        }

        assertThat(simulator.describeCount("c-1")).isEqualTo(3);
        assertThat(simulator.throttledResponses()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void persistentThrottlingOrServerErrorsExhaustTheThreeStandardAttempts() {
        scriptAnsweredCall("c-1");
        assertThat(TestAwsClients.fastRetryStrategy().maxAttempts()).isEqualTo(3);

        simulator.throttleNextRequests(3);
        assertThatThrownBy(() -> describe("c-1")).isInstanceOf(ThrottlingException.class);
        simulator.failNextRequests(3);
        assertThatThrownBy(() -> describe("c-1")).isInstanceOf(InternalServiceException.class);
        simulator.failNextRequests(1);
        assertThat(describe("c-1").id()).isEqualTo("c-1");

        assertThat(simulator.describeCount("c-1")).isEqualTo(8);
        assertThat(simulator.throttledResponses()).isEqualTo(3);
        assertThat(simulator.serverErrorResponses()).isEqualTo(4);
    }

    @Test
    void unknownHiddenOrOtherInstanceContactsAreNotFoundWithoutRetrying() {
        scriptAnsweredCall("c-1");
        simulator.setTime(RECORDING_AVAILABLE);

        assertThatThrownBy(() -> describe("never-registered"))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Contact not found");
                });
        assertThatThrownBy(() -> simulator.client().describeContact(r -> r.instanceId("other").contactId("c-1")))
                .isInstanceOf(ResourceNotFoundException.class);
        simulator.notFound("c-1");
        assertThatThrownBy(() -> describe("c-1")).isInstanceOf(ResourceNotFoundException.class);

        assertThat(simulator.describeCount("never-registered")).isEqualTo(1);
        assertThat(simulator.describeCount("c-1")).isEqualTo(2);
        assertThat(simulator.totalDescribeRequests()).isEqualTo(3);
    }

    @Test
    void aContactCanBeUnknownForAWhileAfterItStarted() {
        scriptAnsweredCall("c-1");
        simulator.setTime(RECORDING_AVAILABLE);
        simulator.notFoundUntil("c-1", RECORDING_AVAILABLE.plusSeconds(60));

        assertThatThrownBy(() -> describe("c-1")).isInstanceOf(ResourceNotFoundException.class);
        simulator.advance(java.time.Duration.ofSeconds(60));

        assertThat(describe("c-1").id()).isEqualTo("c-1");
    }

    @Test
    void requestQuotaThrottlesBeyondTheBurst() {
        scriptAnsweredCall("c-1");
        // A slow refill keeps the count exact however long the eight calls take on a busy machine.
        simulator.limitRequestRate(0.1, 5);

        try (ConnectClient noRetries = simulator.client(ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry()).build())) {
            long served = IntStream.range(0, 8).filter(i -> {
                try {
                    noRetries.describeContact(r -> r.instanceId(INSTANCE).contactId("c-1"));
                    return true;
                } catch (ThrottlingException e) {
                    return false;
                }
            }).count();
            assertThat(served).isEqualTo(5);
        }
        assertThat(simulator.throttledResponses()).isEqualTo(3);
    }

    @Test
    void servesConcurrentRequests() throws Exception {
        List<String> contactIds = IntStream.range(0, 20).mapToObj(i -> "c-" + i).toList();
        contactIds.forEach(this::scriptAnsweredCall);
        simulator.setTime(RECORDING_AVAILABLE);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = IntStream.range(0, 200)
                    .mapToObj(i -> pool.submit(() -> describe(contactIds.get(i % 20)).id()))
                    .toList();
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(contactIds.get(i % 20));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(simulator.totalDescribeRequests()).isEqualTo(200);
        assertThat(contactIds).allSatisfy(id -> assertThat(simulator.describeCount(id)).isEqualTo(10));
    }

    @Test
    void fixturesOfTheOriginalDesignParseWithTheSeedsValues() {
        for (DescribeContactFixture fixture : DescribeContactFixture.values()) {
            fixture.serveFrom(simulator);
        }
        ConnectClient client = simulator.client();

        Contact completedAgent = describeFixture(client, DescribeContactFixture.COMPLETED_AGENT);
        assertThat(completedAgent.id()).isEqualTo("955c07e1-af64-4094-9c16-c59995ecdcbe");
        assertThat(completedAgent.arn()).isEqualTo("arn:aws:connect:af-south-1:687244881512:instance/"
                + "bd7c61d1-6722-4b4f-8c9c-6253e5a85c32/contact/955c07e1-af64-4094-9c16-c59995ecdcbe");
        assertThat(completedAgent.agentInfo().id()).isEqualTo("59ede75e-26d7-44f9-bf20-32e6bfc378af");
        assertThat(completedAgent.agentInfo().connectedToAgentTimestamp())
                .isEqualTo(Instant.parse("2023-08-29T10:30:11.038Z"));
        assertThat(completedAgent.disconnectTimestamp()).isEqualTo(Instant.parse("2023-08-29T10:31:10.343Z"));
        assertThat(completedAgent.initiationTimestamp()).isEqualTo(Instant.parse("2023-08-29T10:29:57.871Z"));
        assertThat(completedAgent.lastUpdateTimestamp()).isEqualTo(Instant.parse("2023-08-29T10:31:10.343Z"));
        assertThat(completedAgent.queueInfo().enqueueTimestamp()).isEqualTo(Instant.parse("2023-08-29T10:30:04.641Z"));
        assertThat(completedAgent.queueInfo().id()).isEqualTo("54b468a3-86b1-4746-aeb5-c31b62eecaa2");
        assertThat(completedAgent.initiationMethod()).isEqualTo(ContactInitiationMethod.INBOUND);

        Contact inProgressAgent = describeFixture(client, DescribeContactFixture.IN_PROGRESS_AGENT);
        assertThat(inProgressAgent.id()).isEqualTo("bd749cef-008a-4130-b137-0dfdfd2acf9c");
        assertThat(inProgressAgent.agentInfo().connectedToAgentTimestamp())
                .isEqualTo(Instant.parse("2023-08-29T21:22:59.548Z"));
        assertThat(inProgressAgent.disconnectTimestamp()).isNull();
        assertThat(inProgressAgent.initiationTimestamp()).isEqualTo(Instant.parse("2023-08-29T21:22:44.141Z"));
        assertThat(inProgressAgent.lastUpdateTimestamp()).isEqualTo(Instant.parse("2023-08-29T21:22:59.604Z"));
        assertThat(inProgressAgent.queueInfo().enqueueTimestamp())
                .isEqualTo(Instant.parse("2023-08-29T21:22:54.402Z"));
        assertThat(inProgressAgent.queueInfo().id()).isEqualTo("936732c5-790d-4cb1-80f1-001e9997f92e");

        Contact completedQueue = describeFixture(client, DescribeContactFixture.COMPLETED_QUEUE);
        assertThat(completedQueue.id()).isEqualTo("b1797f20-7c75-48d9-94a6-6dfbeb539105");
        assertThat(completedQueue.agentInfo()).isNull();
        assertThat(completedQueue.disconnectTimestamp()).isEqualTo(Instant.parse("2023-08-29T11:18:16.018Z"));
        assertThat(completedQueue.initiationTimestamp()).isEqualTo(Instant.parse("2023-08-29T11:18:02.539Z"));
        assertThat(completedQueue.lastUpdateTimestamp()).isEqualTo(Instant.parse("2023-08-29T11:18:16.018Z"));
        assertThat(completedQueue.queueInfo().enqueueTimestamp()).isEqualTo(Instant.parse("2023-08-29T11:18:11.029Z"));

        Contact inProgressQueue = describeFixture(client, DescribeContactFixture.IN_PROGRESS_QUEUE);
        assertThat(inProgressQueue.id()).isEqualTo("a346ae06-accc-4101-8cf1-beb322f47c6a");
        assertThat(inProgressQueue.agentInfo()).isNull();
        assertThat(inProgressQueue.disconnectTimestamp()).isNull();
        assertThat(inProgressQueue.initiationTimestamp()).isEqualTo(Instant.parse("2023-08-29T21:27:49.761Z"));
        assertThat(inProgressQueue.lastUpdateTimestamp()).isEqualTo(Instant.parse("2023-08-29T21:27:59.558Z"));
        assertThat(inProgressQueue.queueInfo().enqueueTimestamp())
                .isEqualTo(Instant.parse("2023-08-29T21:27:59.089Z"));
        assertThat(inProgressQueue.queueInfo().id()).isEqualTo("54b468a3-86b1-4746-aeb5-c31b62eecaa2");
    }

    private static Contact describeFixture(ConnectClient client, DescribeContactFixture fixture) {
        return client.describeContact(r -> r.instanceId(DescribeContactFixture.INSTANCE_ID)
                .contactId(fixture.contactId())).contact();
    }
}

package io.github.recordingleakagedetector.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.recordingleakagedetector.runtime.aws.ConnectContactDirectory;
import io.github.recordingleakagedetector.runtime.aws.RateLimiter;
import io.github.recordingleakagedetector.runtime.aws.S3RecordingArchive;
import io.github.recordingleakagedetector.runtime.aws.SnsAlertPublisher;
import io.github.recordingleakagedetector.runtime.store.DynamoDbContactStore;
import io.github.recordingleakagedetector.runtime.support.MutableClock;
import io.github.recordingleakagedetector.runtime.testing.ConnectSimulator;
import io.github.recordingleakagedetector.runtime.testing.LocalDynamoDb;
import io.github.recordingleakagedetector.runtime.testing.LocalS3;
import io.github.recordingleakagedetector.runtime.testing.SnsRecorder;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * A publish and the table write that confirms it cannot be atomic. What the handler tests cannot provoke on demand:
 * SNS accepts the alert, then the confirming write fails. The alert is then sent again, with the same id.
 */
class AlertDeliveryTest {
    private static final Instant T0 = Instant.parse("2024-05-01T09:00:00Z");
    private static final String INSTANCE = "inst-1";
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:alerts";
    private static final Duration GRACE = Duration.ofMinutes(15);

    private static LocalDynamoDb dynamoDb;
    private static LocalS3 s3;
    private static ConnectSimulator connect;
    private static SnsRecorder sns;

    @BeforeAll
    static void start() {
        dynamoDb = LocalDynamoDb.start();
        s3 = LocalS3.start();
        connect = ConnectSimulator.start();
        sns = SnsRecorder.start();
    }

    @AfterAll
    static void stop() {
        sns.close();
        connect.close();
        s3.close();
        dynamoDb.close();
    }

    /** The real store, except that its first {@code closeAfterAlert} fails as a DynamoDB outage would. */
    private static ContactStore failingFirstConfirmation(ContactStore store, AtomicInteger confirmations) {
        return (ContactStore) Proxy.newProxyInstance(ContactStore.class.getClassLoader(),
                new Class<?>[] {ContactStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("closeAfterAlert") && confirmations.getAndIncrement() == 0) {
                        throw DynamoDbException.builder().message("Service unavailable").statusCode(503).build();
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void anAlertWhoseConfirmationFailsIsSentAgainWithTheSameId() {
        // GIVEN a completed agent call without a recording, past twice the grace period
        dynamoDb.createContactTable("contacts");
        s3.createBucket("recordings");
        connect.contact(INSTANCE, "c-1").initiatedAt(T0).connectedToAgentAt(T0.plusSeconds(5), "agent-1")
                .disconnectedAt(T0.plusSeconds(60));
        DynamoDbContactStore table = new DynamoDbContactStore(dynamoDb.client(), "contacts");
        table.insertInitialised("c-1", INSTANCE, new RecordingExpectation(Set.of(Participant.AGENT), "Inbound", T0),
                T0, T0.plus(Duration.ofDays(90)));
        TrackedContact initialised = table.find("c-1").orElseThrow();
        table.recordObservation(initialised, ContactState.COMPLETED_AGENT, new ContactSnapshot(T0, T0.plusSeconds(5),
                T0.plusSeconds(60), "agent-1", "q", "VOICE", "INBOUND", null, null, List.of()), T0.plusSeconds(61));
        MutableClock clock = new MutableClock(T0.plusSeconds(60).plus(GRACE.multipliedBy(2)).plusSeconds(1));
        AtomicInteger confirmations = new AtomicInteger();
        ContactStore store = failingFirstConfirmation(table, confirmations);
        RecordingChecker checker = new RecordingChecker(store, new S3RecordingArchive(s3.client(), "recordings"),
                new ConnectContactDirectory(connect.client(), new RateLimiter(1000)),
                new AlertSender(store, new SnsAlertPublisher(sns.client(), TOPIC), clock),
                new RecordingChecker.Locations("recordings", "connect/acme/CallRecordings", List.of()),
                new RecordingRules(0.5, Duration.ofSeconds(30)), false, false, GRACE, 1, clock);

        // WHEN the check publishes the alert but cannot confirm it, and a check after the claim lease runs
        assertThatThrownBy(() -> checker.check(new RunSummary("check"), RunBudget.unlimited(), clock.instant()))
                .isInstanceOf(DynamoDbException.class);
        clock.advance(AlertSender.CLAIM_LEASE.plusSeconds(1));
        RunSummary later = checker.check(new RunSummary("check"), RunBudget.unlimited(), clock.instant());

        // THEN the alert went out twice (at least once, never lost), both copies carrying one id, and the contact closed
        assertThat(later.outcome(Outcome.ALERT_RESENT)).isEqualTo(1);
        List<SnsRecorder.PublishedMessage> published = sns.published();
        assertThat(published).hasSize(2);
        assertThat(published).extracting(message -> message.messageAttributes().get("alertId"))
                .containsExactly("RECORDING_MISSING:c-1", "RECORDING_MISSING:c-1");
        assertThat(published).allSatisfy(message ->
                assertThat(message.message()).contains("\"alertId\":\"RECORDING_MISSING:c-1\""));
        assertThat(table.find("c-1").orElseThrow().alertPendingSince()).isNull();
        assertThat(table.find("c-1").orElseThrow().updatedAt()).isNull();
    }
}

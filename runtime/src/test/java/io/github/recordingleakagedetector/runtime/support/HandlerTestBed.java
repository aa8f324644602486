package io.github.recordingleakagedetector.runtime.support;

import io.github.recordingleakagedetector.runtime.config.Handler;
import io.github.recordingleakagedetector.runtime.handler.CheckRecordingsHandler;
import io.github.recordingleakagedetector.runtime.handler.ContactEventHandler;
import io.github.recordingleakagedetector.runtime.handler.DailyEvidenceHandler;
import io.github.recordingleakagedetector.runtime.handler.FlowLogIngestHandler;
import io.github.recordingleakagedetector.runtime.handler.PollInProgressHandler;
import io.github.recordingleakagedetector.runtime.handler.PollInitialisedHandler;
import io.github.recordingleakagedetector.runtime.handler.PurgeQueueContactsHandler;
import io.github.recordingleakagedetector.runtime.handler.Wiring;
import io.github.recordingleakagedetector.runtime.lifecycle.TrackedContact;
import io.github.recordingleakagedetector.runtime.log.JsonLog;
import io.github.recordingleakagedetector.runtime.store.DynamoDbContactStore;
import io.github.recordingleakagedetector.runtime.testing.ApiCallCounter;
import io.github.recordingleakagedetector.runtime.testing.ConnectSimulator;
import io.github.recordingleakagedetector.runtime.testing.LocalDynamoDb;
import io.github.recordingleakagedetector.runtime.testing.LocalS3;
import io.github.recordingleakagedetector.runtime.testing.SnsRecorder;
import io.github.recordingleakagedetector.runtime.testing.FunctionEnvironment;
import io.github.recordingleakagedetector.runtime.testing.TestAwsClients;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The handlers wired to real local servers, as Lambda would wire them from the environment: one set of servers
 * per test class ({@code @ExtendWith(HandlerTestBed.LocalServers.class)}), a fresh table, bucket and clock per test
 * ({@link #reset}).
 */
public final class HandlerTestBed {
    /** Starts the local servers before a test class's tests and stops them after. */
    public static final class LocalServers implements BeforeAllCallback, AfterAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            startServers();
        }

        @Override
        public void afterAll(ExtensionContext context) {
            stopServers();
        }
    }

    public static final String TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:recording-alerts";
    public static final String REPORT_TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:recording-reports";
    public static final String PREFIX = "connect/acme/CallRecordings";

    private static LocalDynamoDb dynamoDb;
    private static LocalS3 s3;
    private static ConnectSimulator connect;
    private static SnsRecorder sns;

    private final Map<String, String> overrides = new HashMap<>();
    private ApiCallCounter calls = new ApiCallCounter();
    private MutableClock clock;
    private String table;
    private String bucket;
    private DynamoDbContactStore store;

    public static void startServers() {
        dynamoDb = LocalDynamoDb.start();
        s3 = LocalS3.start();
        connect = ConnectSimulator.start();
        sns = SnsRecorder.start();
    }

    public static void stopServers() {
        dynamoDb.close();
        s3.close();
        connect.close();
        sns.close();
    }

    /** A fresh table, bucket and clock; the Connect simulator follows the clock. */
    public HandlerTestBed reset(Instant start) {
        overrides.clear();
        calls = new ApiCallCounter();
        clock = new MutableClock(start);
        connect.reset();
        connect.followClock(clock);
        table = "contacts-" + UUID.randomUUID();
        bucket = "recordings-" + UUID.randomUUID().toString().substring(0, 8);
        dynamoDb.createContactTable(table);
        s3.createBucket(bucket);
        sns.clear();
        store = new DynamoDbContactStore(dynamoDb.client(), table);
        return this;
    }

    /** Sets (or, with null, removes) one environment variable of every handler built afterwards. */
    public HandlerTestBed with(String variable, String value) {
        overrides.put(variable, value);
        return this;
    }

    public Map<String, String> environment() {
        Map<String, String> environment = FunctionEnvironment.everyVariable();
        environment.putAll(TestAwsClients.functionEnvironment(dynamoDb.endpoint(), s3.endpoint(), connect.endpoint(),
                sns.endpoint()));
        environment.put("CONTACT_TABLE_NAME", table);
        environment.put("RECORDING_BUCKET_NAME", bucket);
        environment.put("RECORDING_KEY_PREFIX", PREFIX);
        environment.put("ALERT_TOPIC_ARN", TOPIC_ARN);
        environment.put("DESCRIBE_CONTACT_RATE_LIMIT", "1000");
        environment.put("EVIDENCE_BUCKET_NAME", bucket);
        environment.put("REPORT_TOPIC_ARN", REPORT_TOPIC_ARN);
        overrides.forEach((name, value) -> {
            if (value == null) {
                environment.remove(name);
            } else {
                environment.put(name, value);
            }
        });
        return environment;
    }

    public Wiring wiring(Handler handler) {
        return Wiring.of(handler, environment(), clock,
                TestAwsClients.fastRetries().toBuilder().addExecutionInterceptor(calls).build());
    }

    public DailyEvidenceHandler evidenceHandler() {
        return new DailyEvidenceHandler(wiring(Handler.DAILY_EVIDENCE));
    }

    public FlowLogIngestHandler ingestHandler() {
        return new FlowLogIngestHandler(wiring(Handler.FLOW_LOG_INGEST));
    }

    public PollInitialisedHandler pollInitialisedHandler() {
        return new PollInitialisedHandler(wiring(Handler.POLL_INITIALISED));
    }

    public PollInProgressHandler pollInProgressHandler() {
        return new PollInProgressHandler(wiring(Handler.POLL_IN_PROGRESS));
    }

    public PurgeQueueContactsHandler purgeHandler() {
        return new PurgeQueueContactsHandler(wiring(Handler.PURGE_QUEUE_CONTACTS));
    }

    public ContactEventHandler contactEventHandler() {
        return new ContactEventHandler(wiring(Handler.CONTACT_EVENTS));
    }

    public CheckRecordingsHandler checkHandler() {
        return new CheckRecordingsHandler(wiring(Handler.CHECK_RECORDINGS));
    }

    /**
     * Ingests a delivery, as the subscription filter would, then moves the clock on a second: a scheduled step
     * reads only contacts changed before it started, so it must start after the ingest.
     */
    public Map<String, Object> ingest(FlowLogDeliveries delivery) {
        Map<String, Object> summary = ingestHandler().handleRequest(delivery.event(),
                FakeLambdaContext.withPlentyOfTime());
        clock.advance(Duration.ofSeconds(1));
        return summary;
    }

    /** One run of the state machine's steps, in its order. */
    public void runWorkflow() {
        FakeLambdaContext context = FakeLambdaContext.withPlentyOfTime();
        pollInitialisedHandler().handleRequest(Map.of(), context);
        purgeHandler().handleRequest(Map.of(), context);
        pollInProgressHandler().handleRequest(Map.of(), context);
        checkHandler().handleRequest(Map.of(), context);
    }

    public TrackedContact contact(String contactId) {
        return store.find(contactId).orElseThrow(() -> new AssertionError("no contact " + contactId));
    }

    public static String outcomes(Map<String, Object> summary) {
        return String.valueOf(summary.get("outcomes"));
    }

    @SuppressWarnings("unchecked")
    public static long outcome(Map<String, Object> summary, String name) {
        return ((Map<String, Long>) summary.get("outcomes")).getOrDefault(name, 0L);
    }

    /** Runs {@code action} and returns what it logged. */
    public static String logsOf(Runnable action) {
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream previous = JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            JsonLog.redirect(previous);
        }
        return logs.toString(StandardCharsets.UTF_8);
    }

    /** The requests the handlers built since the last {@link #reset} sent, by operation. */
    public ApiCallCounter calls() {
        return calls;
    }

    public MutableClock clock() {
        return clock;
    }

    public DynamoDbContactStore store() {
        return store;
    }

    public String table() {
        return table;
    }

    public String bucket() {
        return bucket;
    }

    public static LocalDynamoDb dynamoDb() {
        return dynamoDb;
    }

    public static LocalS3 s3() {
        return s3;
    }

    public static ConnectSimulator connect() {
        return connect;
    }

    public static SnsRecorder sns() {
        return sns;
    }
}

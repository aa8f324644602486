package io.github.recordingleakagedetector.runtime.handler;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.recordingleakagedetector.runtime.aws.AwsClients;
import io.github.recordingleakagedetector.runtime.aws.ConnectContactDirectory;
import io.github.recordingleakagedetector.runtime.aws.LogOnlyAlertPublisher;
import io.github.recordingleakagedetector.runtime.aws.LogOnlyReportPublisher;
import io.github.recordingleakagedetector.runtime.aws.S3EvidenceArchive;
import io.github.recordingleakagedetector.runtime.aws.RateLimiter;
import io.github.recordingleakagedetector.runtime.aws.S3RecordingArchive;
import io.github.recordingleakagedetector.runtime.aws.SnsAlertPublisher;
import io.github.recordingleakagedetector.runtime.aws.SnsReportPublisher;
import io.github.recordingleakagedetector.runtime.config.Configuration;
import io.github.recordingleakagedetector.runtime.config.EnvironmentVariable;
import io.github.recordingleakagedetector.runtime.config.Handler;
import io.github.recordingleakagedetector.runtime.evidence.DailyEvidence;
import io.github.recordingleakagedetector.runtime.evidence.ReportPublisher;
import io.github.recordingleakagedetector.runtime.lifecycle.AlertPublisher;
import io.github.recordingleakagedetector.runtime.lifecycle.AlertSender;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactDirectory;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactEventIngestion;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactEventInterpreter;
import io.github.recordingleakagedetector.runtime.lifecycle.QueuedEventReader;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingEventInterpreter;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactStore;
import io.github.recordingleakagedetector.runtime.lifecycle.EventSilence;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingArchive;
import io.github.recordingleakagedetector.runtime.lifecycle.RunBudget;
import io.github.recordingleakagedetector.runtime.log.EmbeddedMetrics;
import io.github.recordingleakagedetector.runtime.log.JsonLog;
import io.github.recordingleakagedetector.runtime.log.LogLevel;
import io.github.recordingleakagedetector.runtime.store.DynamoDbContactStore;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.utils.Lazy;

/**
 * Everything a handler needs, built once per container from its environment: the validated configuration, the
 * SDK clients of the services the handler calls (built here, before a SnapStart snapshot, never during an
 * invocation) and each adapter over them, built once on first use. Handlers get it from {@link #fromSystem} in
 * Lambda, which also registers it for SnapStart's checkpoint so that {@link Priming} runs before the snapshot; tests
 * build one from a map of variables pointing at local servers, a clock of their own and short retry backoffs.
 */
public final class Wiring implements Resource {
    private final Handler handler;
    private final Configuration configuration;
    private final AwsClients aws;
    private final Clock clock;
    private final Lazy<ContactStore> store;
    private final Lazy<ContactDirectory> directory;
    private final Lazy<RecordingArchive> archive;
    private final Lazy<AlertSender> alerts;
    private final Lazy<EmbeddedMetrics> metrics;
    private final Lazy<DailyEvidence> evidence;

    private Wiring(Handler handler, Map<String, String> environment, Clock clock,
            ClientOverrideConfiguration overrides) {
        this.handler = handler;
        this.configuration = Configuration.load(handler, environment);
        this.clock = clock;
        JsonLog.threshold(LogLevel.fromEnvironment(environment.get("AWS_LAMBDA_LOG_LEVEL")));
        this.aws = AwsClients.fromEnvironment(services(), environment, overrides);
        this.store = once(() -> new DynamoDbContactStore(aws.dynamoDb(),
                configuration.text(EnvironmentVariable.CONTACT_TABLE_NAME), reportingTimeZone()));
        this.directory = once(() -> new ConnectContactDirectory(aws.connect(),
                new RateLimiter(configuration.decimal(EnvironmentVariable.DESCRIBE_CONTACT_RATE_LIMIT))));
        this.archive = once(() -> new S3RecordingArchive(aws.s3(),
                configuration.text(EnvironmentVariable.RECORDING_BUCKET_NAME)));
        this.alerts = once(() -> new AlertSender(store(), alertPublisher(), clock));
        this.metrics = once(() -> new EmbeddedMetrics(configuration.text(EnvironmentVariable.METRICS_NAMESPACE),
                configuration.text(EnvironmentVariable.DETECTOR_NAME), clock));
        this.evidence = once(() -> new DailyEvidence(store(),
                new S3EvidenceArchive(aws.s3(), configuration.text(EnvironmentVariable.EVIDENCE_BUCKET_NAME),
                        configuration.text(EnvironmentVariable.EVIDENCE_KEY_PREFIX)),
                configuration.optionalText(EnvironmentVariable.REPORT_TOPIC_ARN)
                        .<ReportPublisher>map(topic -> new SnsReportPublisher(aws.sns(), topic))
                        .orElseGet(LogOnlyReportPublisher::new),
                new DailyEvidence.Settings(configuration.text(EnvironmentVariable.DETECTOR_NAME),
                        reportingTimeZone(),
                        configuration.optionalDecimal(EnvironmentVariable.COMPLIANCE_TARGET_PERCENT),
                        configuration.seconds(EnvironmentVariable.MAX_TRACKING_AGE_SECONDS),
                        configuration.days(EnvironmentVariable.CONTACT_RETENTION_DAYS)),
                clock));
    }

    public static Wiring fromSystem(Handler handler) {
        Wiring wiring = new Wiring(handler, System.getenv(), Clock.systemUTC(),
                ClientOverrideConfiguration.builder().build());
        Core.getGlobalContext().register(wiring);
        return wiring;
    }

    public static Wiring of(Handler handler, Map<String, String> environment, Clock clock,
            ClientOverrideConfiguration overrides) {
        return new Wiring(handler, environment, clock, overrides);
    }

    /** SnapStart is about to take the snapshot: run every call this handler makes, offline, so the snapshot holds it warm. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to refresh: credentials come from the container on each call, connections are opened on demand.
    }

    /** Runs {@link Priming} for this handler; returns the calls it made (offline). */
    public List<String> prime() {
        return Priming.prime(this);
    }

    /** The SDK clients this handler's invocations use; all built with the wiring. */
    public AwsClients aws() {
        return aws;
    }

    /** The services this handler calls: what its clients, its priming and its role's permissions cover. */
    Set<AwsClients.Service> services() {
        Set<AwsClients.Service> services = EnumSet.of(AwsClients.Service.DYNAMODB);
        if (handler == Handler.CHECK_RECORDINGS || handler == Handler.DAILY_EVIDENCE) {
            services.add(AwsClients.Service.S3);
        }
        if (handler == Handler.DAILY_EVIDENCE) {
            configuration.optionalText(EnvironmentVariable.REPORT_TOPIC_ARN)
                    .ifPresent(topic -> services.add(AwsClients.Service.SNS));
        }
        if (handler == Handler.POLL_INITIALISED || handler == Handler.POLL_IN_PROGRESS
                || handler == Handler.CHECK_RECORDINGS) {
            services.add(AwsClients.Service.CONNECT);
            configuration.optionalText(EnvironmentVariable.ALERT_TOPIC_ARN)
                    .ifPresent(topic -> services.add(AwsClients.Service.SNS));
        }
        return services;
    }

    Handler handler() {
        return handler;
    }

    Configuration configuration() {
        return configuration;
    }

    Clock clock() {
        return clock;
    }

    ContactStore store() {
        return store.getValue();
    }

    ContactDirectory directory() {
        return directory.getValue();
    }

    RecordingArchive archive() {
        return archive.getValue();
    }

    AlertSender alerts() {
        return alerts.getValue();
    }

    EmbeddedMetrics metrics() {
        return metrics.getValue();
    }

    /** The centre's day; only the handlers that file or report contacts by day read it (the others never need it). */
    ZoneId reportingTimeZone() {
        return EnvironmentVariable.REPORTING_TIME_ZONE.readBy().contains(handler)
                ? configuration.timeZone(EnvironmentVariable.REPORTING_TIME_ZONE)
                : ZoneOffset.UTC;
    }

    DailyEvidence evidence() {
        return evidence.getValue();
    }

    /** With contact events, which contacts the poll steps leave to their events for now. */
    EventSilence eventSilence() {
        return configuration.flag(EnvironmentVariable.CONTACT_EVENTS)
                ? new EventSilence(true,
                        configuration.seconds(EnvironmentVariable.LIVE_CONTACT_EVENT_SILENCE_SECONDS),
                        configuration.seconds(EnvironmentVariable.INITIALISED_CONTACT_EVENT_SILENCE_SECONDS))
                : EventSilence.off();
    }

    /** Applies contact events, and (for the flow-log ingest) the events kept for contacts it announces. */
    ContactEventIngestion contactEvents() {
        return new ContactEventIngestion(store(), concurrency(), clock);
    }

    /** Reads the contact-event queue's messages: this instance's contact events, the recording bucket's S3 events. */
    QueuedEventReader queuedEventReader() {
        return new QueuedEventReader(
                new ContactEventInterpreter(configuration.text(EnvironmentVariable.CONNECT_INSTANCE_ARN)),
                new RecordingEventInterpreter(configuration.text(EnvironmentVariable.RECORDING_BUCKET_NAME),
                        Stream.concat(Stream.of(configuration.text(EnvironmentVariable.RECORDING_KEY_PREFIX)),
                                configuration.list(EnvironmentVariable.ADDITIONAL_RECORDING_PREFIXES).stream())
                                .toList()));
    }

    int concurrency() {
        return Math.toIntExact(configuration.wholeNumber(EnvironmentVariable.CONCURRENT_CONTACTS));
    }

    RunBudget budget(Context context) {
        return context == null
                ? RunBudget.unlimited()
                : new RunBudget(context::getRemainingTimeInMillis,
                        configuration.seconds(EnvironmentVariable.SAFETY_MARGIN_SECONDS));
    }

    private AlertPublisher alertPublisher() {
        return configuration.optionalText(EnvironmentVariable.ALERT_TOPIC_ARN)
                .<AlertPublisher>map(topic -> new SnsAlertPublisher(aws.sns(), topic))
                .orElseGet(LogOnlyAlertPublisher::new);
    }

    private static <T> Lazy<T> once(Supplier<T> supplier) {
        return new Lazy<>(supplier);
    }
}

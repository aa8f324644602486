package io.github.recordingleakagedetector.runtime.handler;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.recordingleakagedetector.runtime.aws.AwsClients;
import io.github.recordingleakagedetector.runtime.aws.ConnectContactDirectory;
import io.github.recordingleakagedetector.runtime.aws.LogOnlyAlertPublisher;
import io.github.recordingleakagedetector.runtime.aws.RateLimiter;
import io.github.recordingleakagedetector.runtime.aws.S3RecordingArchive;
import io.github.recordingleakagedetector.runtime.aws.SnsAlertPublisher;
import io.github.recordingleakagedetector.runtime.config.Configuration;
import io.github.recordingleakagedetector.runtime.config.EnvironmentVariable;
import io.github.recordingleakagedetector.runtime.config.Handler;
import io.github.recordingleakagedetector.runtime.lifecycle.AlertPublisher;
import io.github.recordingleakagedetector.runtime.lifecycle.AlertSender;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactDirectory;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactStore;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingArchive;
import io.github.recordingleakagedetector.runtime.lifecycle.RunBudget;
import io.github.recordingleakagedetector.runtime.log.EmbeddedMetrics;
import io.github.recordingleakagedetector.runtime.store.DynamoDbContactStore;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

/**
 * Everything a handler needs, built once per container from its environment: the validated configuration, the
 * SDK clients and the adapters over them. Handlers get it from {@link #fromSystem} in Lambda; tests build one
 * from a map of variables pointing at local servers, a clock of their own and short retry backoffs.
 */
public final class Wiring {
    private final Configuration configuration;
    private final AwsClients aws;
    private final Clock clock;

    private Wiring(Configuration configuration, AwsClients aws, Clock clock) {
        this.configuration = configuration;
        this.aws = aws;
        this.clock = clock;
    }

    public static Wiring fromSystem(Handler handler) {
        Map<String, String> environment = System.getenv();
        return new Wiring(Configuration.load(handler, environment), AwsClients.fromEnvironment(environment),
                Clock.systemUTC());
    }

    public static Wiring of(Handler handler, Map<String, String> environment, Clock clock,
            ClientOverrideConfiguration overrides) {
        return new Wiring(Configuration.load(handler, environment),
                AwsClients.fromEnvironment(environment, overrides), clock);
    }

    Configuration configuration() {
        return configuration;
    }

    Clock clock() {
        return clock;
    }

    ContactStore store() {
        return new DynamoDbContactStore(aws.dynamoDb(), configuration.text(EnvironmentVariable.CONTACT_TABLE_NAME));
    }

    ContactDirectory directory() {
        return new ConnectContactDirectory(aws.connect(),
                new RateLimiter(configuration.decimal(EnvironmentVariable.DESCRIBE_CONTACT_RATE_LIMIT)));
    }

    RecordingArchive archive() {
        return new S3RecordingArchive(aws.s3(), configuration.text(EnvironmentVariable.RECORDING_BUCKET_NAME));
    }

    AlertSender alerts(ContactStore store) {
        AlertPublisher publisher = configuration.optionalText(EnvironmentVariable.ALERT_TOPIC_ARN)
                .<AlertPublisher>map(topic -> new SnsAlertPublisher(aws.sns(), topic))
                .orElseGet(LogOnlyAlertPublisher::new);
        return new AlertSender(store, publisher, clock);
    }

    EmbeddedMetrics metrics() {
        return new EmbeddedMetrics(configuration.text(EnvironmentVariable.METRICS_NAMESPACE),
                configuration.text(EnvironmentVariable.DETECTOR_NAME));
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
}

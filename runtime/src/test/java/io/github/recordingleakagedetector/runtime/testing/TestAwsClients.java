package io.github.recordingleakagedetector.runtime.testing;

import java.net.URI;
import java.time.Duration;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * The pieces every SDK client in the tests shares: region, dummy credentials, the URL-connection HTTP client
 * (the only one the Lambda jar ships) and a retry strategy whose backoff is short enough for tests.
 */
public final class TestAwsClients {
    /** The region all local servers pretend to be in. */
    public static final Region REGION = Region.US_EAST_1;
    /** Dummy access key id; the local servers accept any signature made with these keys. */
    public static final String ACCESS_KEY_ID = "AKIDLOCALTEST";
    /** Dummy secret key. */
    public static final String SECRET_ACCESS_KEY = "local-test-secret";

    private static final Duration FAST_BASE_DELAY = Duration.ofMillis(10);
    private static final Duration FAST_MAX_DELAY = Duration.ofMillis(50);

    private TestAwsClients() {
    }

    /** Static dummy credentials, so no test ever looks at the environment, profiles or instance metadata. */
    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
    }

    /**
     * The SDK's standard retry strategy (same attempts and same retryable errors as production) with a 10–50 ms
     * backoff instead of the default, which takes ~2.5 s to exhaust its retries on throttling.
     *
     * <p>The circuit breaker (retry token bucket) is off: tests inject many faults into one long-lived client, and
     * an exhausted bucket would make later, unrelated calls fail without retrying.
     */
    public static RetryStrategy fastRetryStrategy() {
        BackoffStrategy shortBackoff = BackoffStrategy.exponentialDelay(FAST_BASE_DELAY, FAST_MAX_DELAY);
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .backoffStrategy(shortBackoff)
                .throttlingBackoffStrategy(shortBackoff)
                .circuitBreakerEnabled(false)
                .build();
    }

    /** Override configuration with {@link #fastRetryStrategy()}. */
    public static ClientOverrideConfiguration fastRetries() {
        return ClientOverrideConfiguration.builder().retryStrategy(fastRetryStrategy()).build();
    }

    /**
     * Points a client builder at a local server, with {@link #fastRetries()}.
     *
     * <p>Each client gets its own HTTP client (via {@code httpClientBuilder}) so that closing the SDK client also
     * closes its connections.
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B local(B builder, URI endpoint) {
        return local(builder, endpoint, fastRetries());
    }

    /** Like {@link #local(AwsClientBuilder, URI)} with the caller's override configuration (retries, timeouts). */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B local(
            B builder, URI endpoint, ClientOverrideConfiguration overrides) {
        return builder
                .region(REGION)
                .credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(endpoint)
                .overrideConfiguration(overrides);
    }

    /**
     * The variables Lambda would give a function (region, credentials) plus the endpoint overrides that point the
     * handlers' SDK clients at the local servers.
     */
    public static java.util.Map<String, String> functionEnvironment(URI dynamoDb, URI s3, URI connect, URI sns) {
        java.util.Map<String, String> environment = new java.util.HashMap<>();
        environment.put("AWS_REGION", REGION.id());
        environment.put("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID);
        environment.put("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
        environment.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.toString());
        environment.put("AWS_ENDPOINT_URL_S3", s3.toString());
        environment.put("AWS_ENDPOINT_URL_CONNECT", connect.toString());
        environment.put("AWS_ENDPOINT_URL_SNS", sns.toString());
        return environment;
    }
}

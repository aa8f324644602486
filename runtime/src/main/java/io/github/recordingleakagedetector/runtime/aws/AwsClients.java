package io.github.recordingleakagedetector.runtime.aws;

import io.github.recordingleakagedetector.runtime.config.ConfigurationException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.utils.Lazy;

/**
 * Builds the SDK clients from an environment map, once per container (each client is created on first use and
 * kept). Region and credentials provider are set explicitly instead of walking the SDK's default chains, which
 * costs cold-start time; endpoints follow {@code AWS_ENDPOINT_URL_<SERVICE>} / {@code AWS_ENDPOINT_URL}, so the
 * same code runs in Lambda and against the local servers of the tests.
 */
public final class AwsClients {
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final Map<String, String> environment;
    private final ClientOverrideConfiguration overrides;
    private final SdkHttpClient httpClient = UrlConnectionHttpClient.create();

    private final Lazy<DynamoDbClient> dynamoDb;
    private final Lazy<S3Client> s3;
    private final Lazy<ConnectClient> connect;
    private final Lazy<SnsClient> sns;

    private AwsClients(Map<String, String> environment, ClientOverrideConfiguration overrides) {
        this.environment = environment;
        this.overrides = overrides;
        this.region = region(environment);
        this.credentials = credentials(environment);
        this.dynamoDb = lazy(() -> configure(DynamoDbClient.builder(), "DYNAMODB").build());
        this.s3 = lazy(() -> configure(S3Client.builder(), "S3")
                // Local S3 servers serve buckets by path; AWS itself is addressed virtual-host style.
                .forcePathStyle(endpoint("S3").isPresent())
                .build());
        this.connect = lazy(() -> configure(ConnectClient.builder(), "CONNECT").build());
        this.sns = lazy(() -> configure(SnsClient.builder(), "SNS").build());
    }

    public static AwsClients fromEnvironment(Map<String, String> environment) {
        return new AwsClients(environment, ClientOverrideConfiguration.builder().build());
    }

    /** With client overrides, e.g. a short retry backoff in tests. */
    public static AwsClients fromEnvironment(Map<String, String> environment, ClientOverrideConfiguration overrides) {
        return new AwsClients(environment, overrides);
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb.getValue();
    }

    public S3Client s3() {
        return s3.getValue();
    }

    public ConnectClient connect() {
        return connect.getValue();
    }

    public SnsClient sns() {
        return sns.getValue();
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(AwsClientBuilder<B, ?> builder, String serviceId) {
        B configured = builder.region(region).credentialsProvider(credentials).overrideConfiguration(overrides);
        endpoint(serviceId).ifPresent(configured::endpointOverride);
        httpClientOf(configured);
        return configured;
    }

    private void httpClientOf(Object builder) {
        // Every synchronous client builder has httpClient(SdkHttpClient); the shared interface does not declare it.
        if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClient(httpClient);
        }
    }

    private Optional<URI> endpoint(String serviceId) {
        return Optional.ofNullable(environment.get("AWS_ENDPOINT_URL_" + serviceId))
                .or(() -> Optional.ofNullable(environment.get("AWS_ENDPOINT_URL")))
                .filter(url -> !url.isBlank())
                .map(URI::create);
    }

    private static Region region(Map<String, String> environment) {
        String name = Optional.ofNullable(environment.get("AWS_REGION"))
                .orElse(environment.get("AWS_DEFAULT_REGION"));
        if (name == null || name.isBlank()) {
            throw new ConfigurationException("AWS_REGION is required (Lambda sets it; tests must set it)");
        }
        return Region.of(name.toLowerCase(Locale.ROOT));
    }

    /**
     * SnapStart functions get container credentials (the key variables would be frozen into the snapshot);
     * others get them as variables. Anything else falls back to the SDK's default chain.
     */
    private static AwsCredentialsProvider credentials(Map<String, String> environment) {
        if (environment.containsKey("AWS_CONTAINER_CREDENTIALS_FULL_URI")) {
            return ContainerCredentialsProvider.builder().build();
        }
        String keyId = environment.get("AWS_ACCESS_KEY_ID");
        String secret = environment.get("AWS_SECRET_ACCESS_KEY");
        if (keyId != null && secret != null) {
            String token = environment.get("AWS_SESSION_TOKEN");
            return StaticCredentialsProvider.create(token == null
                    ? AwsBasicCredentials.create(keyId, secret)
                    : AwsSessionCredentials.create(keyId, secret, token));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static <T> Lazy<T> lazy(Supplier<T> supplier) {
        return new Lazy<>(supplier);
    }
}

package io.github.recordingleakagedetector.runtime.aws;

import io.github.recordingleakagedetector.runtime.config.ConfigurationException;
import java.net.URI;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The SDK clients of the services one handler calls, all built when the handler is constructed: before Lambda's
 * SnapStart snapshot, never during an invocation. Region and credentials provider are set explicitly instead of
 * walking the SDK's default chains, which costs cold-start time; endpoints follow {@code AWS_ENDPOINT_URL_<SERVICE>}
 * / {@code AWS_ENDPOINT_URL}, so the same code runs in Lambda and against the local servers of the tests.
 */
public final class AwsClients {
    /** A service the handlers call; its name is the suffix of its {@code AWS_ENDPOINT_URL_<SERVICE>} variable. */
    public enum Service {
        DYNAMODB, S3, CONNECT, SNS
    }

    private final AtomicInteger clientsBuilt = new AtomicInteger();
    private final DynamoDbClient dynamoDb;
    private final S3Client s3;
    private final ConnectClient connect;
    private final SnsClient sns;

    private AwsClients(Set<Service> services, Region region, AwsCredentialsProvider credentials,
            Function<Service, Optional<URI>> endpoints, ClientOverrideConfiguration overrides, SdkHttpClient http) {
        ClientSettings settings = new ClientSettings(region, credentials, endpoints, overrides, http);
        this.dynamoDb = services.contains(Service.DYNAMODB)
                ? build(settings.apply(DynamoDbClient.builder(), Service.DYNAMODB))
                : null;
        this.s3 = services.contains(Service.S3)
                ? build(settings.apply(S3Client.builder(), Service.S3)
                        // Uploads (the evidence) carry their own Content-MD5, which S3 Object Lock accepts; the SDK
                        // adds no trailing checksum in aws-chunked bodies, which local S3 servers mishandle.
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        // Local S3 servers serve buckets by path; AWS itself is addressed virtual-host style.
                        .forcePathStyle(endpoints.apply(Service.S3).isPresent()))
                : null;
        this.connect = services.contains(Service.CONNECT)
                ? build(settings.apply(ConnectClient.builder(), Service.CONNECT))
                : null;
        this.sns = services.contains(Service.SNS) ? build(settings.apply(SnsClient.builder(), Service.SNS)) : null;
    }

    /** The clients of {@code services}, configured from the function's environment. */
    public static AwsClients fromEnvironment(Set<Service> services, Map<String, String> environment,
            ClientOverrideConfiguration overrides) {
        return new AwsClients(services, region(environment), credentials(environment),
                service -> endpoint(environment, service), overrides, UrlConnectionHttpClient.create());
    }

    /**
     * Clients that never reach the network: every request is answered by {@code http}. They load and run the same
     * SDK code as the real clients (marshalling, signing, endpoint rules, unmarshalling), which is what priming is for.
     */
    public static AwsClients offline(Set<Service> services, Region region, SdkHttpClient http) {
        return new AwsClients(services, region,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")),
                service -> Optional.empty(), ClientOverrideConfiguration.builder().build(), http);
    }

    public DynamoDbClient dynamoDb() {
        return required(dynamoDb, Service.DYNAMODB);
    }

    public S3Client s3() {
        return required(s3, Service.S3);
    }

    public ConnectClient connect() {
        return required(connect, Service.CONNECT);
    }

    public SnsClient sns() {
        return required(sns, Service.SNS);
    }

    /** How many SDK clients this object built: all of them at construction, none later. */
    public int clientsBuilt() {
        return clientsBuilt.get();
    }

    private <C> C build(software.amazon.awssdk.utils.builder.SdkBuilder<?, C> builder) {
        C client = builder.build();
        clientsBuilt.incrementAndGet();
        return client;
    }

    private static <C> C required(C client, Service service) {
        if (client == null) {
            // A programming error: the handler's wiring did not declare that it calls this service.
            throw new IllegalStateException("No " + service + " client was built for this handler");
        }
        return client;
    }

    /** What every client shares: one HTTP client (and its connection pool) among all of them. */
    private record ClientSettings(Region region, AwsCredentialsProvider credentials,
            Function<Service, Optional<URI>> endpoints, ClientOverrideConfiguration overrides, SdkHttpClient http) {

        <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B apply(B builder, Service service) {
            builder.region(region).credentialsProvider(credentials).overrideConfiguration(overrides).httpClient(http);
            endpoints.apply(service).ifPresent(builder::endpointOverride);
            return builder;
        }
    }

    private static Optional<URI> endpoint(Map<String, String> environment, Service service) {
        return Optional.ofNullable(environment.get("AWS_ENDPOINT_URL_" + service.name()))
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

    /** The services named, as a set (for readability at call sites). */
    public static Set<Service> services(Service first, Service... rest) {
        return EnumSet.of(first, rest);
    }
}

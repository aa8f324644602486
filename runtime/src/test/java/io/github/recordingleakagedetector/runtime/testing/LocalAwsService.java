package io.github.recordingleakagedetector.runtime.testing;

import java.io.IOException;
import java.net.URI;

import com.sun.net.httpserver.HttpExchange;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

/**
 * What the project's own local AWS services (the Connect simulator, the SNS recorder) share: an HTTP server on
 * 127.0.0.1 answering the service's wire protocol, and SDK clients pointed at it.
 *
 * @param <C> the SDK client of the service
 */
public abstract class LocalAwsService<C extends SdkClient> implements AutoCloseable {
    private final LocalHttpServer server;
    private C client;

    protected LocalAwsService(String name) {
        this.server = LocalHttpServer.start(name, this::handle);
    }

    /** Answers one request (called on the server's threads, once the service is constructed). */
    protected abstract void handle(HttpExchange exchange) throws IOException;

    /** A new client at {@link #endpoint()}, e.g. {@code TestAwsClients.local(ConnectClient.builder(), ...)}. */
    protected abstract C newClient(ClientOverrideConfiguration overrides);

    /** The HTTP endpoint, e.g. {@code http://127.0.0.1:40123}. */
    public URI endpoint() {
        return server.endpoint();
    }

    /**
     * A client for this service with {@linkplain TestAwsClients#fastRetryStrategy() short retry backoff}, built on
     * first use and closed by {@link #close()}.
     */
    public synchronized C client() {
        if (client == null) {
            client = client(TestAwsClients.fastRetries());
        }
        return client;
    }

    /** A new client with the caller's retry strategy, timeouts, etc.; the caller closes it. */
    public C client(ClientOverrideConfiguration overrides) {
        return newClient(overrides);
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        server.close();
    }
}

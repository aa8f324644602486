package io.github.recordingleakagedetector.runtime.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A JDK {@link HttpServer} on 127.0.0.1 and a free port, serving requests concurrently; the base of the
 * hand-written AWS endpoints ({@link ConnectSimulator}, {@link SnsRecorder}) and of any other local endpoint a
 * test needs. Starts in ~50 ms.
 *
 * <p>Loading this class turns on {@code sun.net.httpserver.nodelay}; the JDK reads it once, when the first
 * {@code HttpServer} of the JVM is created, so create other JDK servers in tests through this class too.
 */
public final class LocalHttpServer implements AutoCloseable {
    static {
        // Must be set before the first HttpServer exists (it is read once per JVM): without TCP_NODELAY every
        // response waits ~40 ms for a delayed acknowledgement.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI endpoint;

    private LocalHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        this.endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Starts serving every path with {@code handler}. An exception escaping the handler is printed and answered
     * with a bare 500, rather than the JDK's silent connection reset.
     */
    public static LocalHttpServer start(String name, HttpHandler handler) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + " on 127.0.0.1", e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, name + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try {
                handler.handle(exchange);
            } catch (RuntimeException | IOException | Error e) {
                System.err.println(name + " failed on " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI() + ": " + e);
                e.printStackTrace();
                if (exchange.getResponseCode() == -1) {
                    exchange.sendResponseHeaders(500, -1);
                }
            } finally {
                exchange.close();
            }
        });
        server.start();
        return new LocalHttpServer(server, executor);
    }

    /** The HTTP endpoint, e.g. {@code http://127.0.0.1:40123}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Stops at once, without waiting for exchanges in flight. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Reads the whole request body as UTF-8 (the exchange closes the stream when it ends). */
    public static String readBody(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Sends a complete response: status, content type, extra headers and a UTF-8 body. */
    public static void respond(HttpExchange exchange, int status, String contentType, Map<String, String> headers,
            String body) throws IOException {
        // Drain what the client sent so the connection can be reused.
        exchange.getRequestBody().readAllBytes();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        headers.forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

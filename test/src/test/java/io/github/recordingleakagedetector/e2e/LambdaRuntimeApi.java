package io.github.recordingleakagedetector.e2e;

import com.sun.net.httpserver.HttpExchange;
import io.github.recordingleakagedetector.runtime.testing.LocalHttpServer;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Runtime API of one execution environment, on 127.0.0.1: what the runtime interface client in the
 * function's JVM polls for events ({@code GET /2018-06-01/runtime/invocation/next}, long-polled, with the request
 * id, deadline, function ARN and trace headers Lambda sends) and reports to ({@code .../{id}/response},
 * {@code .../{id}/error}, {@code /runtime/init/error}; answered 202 as Lambda does).
 */
final class LambdaRuntimeApi implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final Pattern REPORT = Pattern.compile(PREFIX + "invocation/([^/]+)/(response|error)");

    /** How an invocation ended: the handler's result, or its error as the runtime client reported it. */
    record Outcome(boolean succeeded, String errorType, String body) {
    }

    private record Event(String requestId, String payload, long deadlineMillis, CompletableFuture<Outcome> outcome) {
    }

    private final String functionArn;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Map<String, Event> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger requestIds = new AtomicInteger();
    private final CompletableFuture<Long> firstPoll = new CompletableFuture<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private final LocalHttpServer server;

    LambdaRuntimeApi(String functionArn) {
        this.functionArn = functionArn;
        this.server = LocalHttpServer.start("lambda-runtime-api", this::handle);
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}: host and port. */
    String address() {
        return server.endpoint().getAuthority();
    }

    /** Completes with the nano time of the runtime's first poll for an event: its init is done. */
    CompletableFuture<Long> firstPoll() {
        return firstPoll;
    }

    /** Completes with the body of an init error the runtime reported (its process then exits). */
    CompletableFuture<String> initError() {
        return initError;
    }

    /** Queues an event for the runtime's next poll; the outcome completes when the runtime reports it. */
    CompletableFuture<Outcome> submit(String payload, long timeoutMillis) {
        String requestId = "request-" + requestIds.incrementAndGet() + "-" + Integer.toHexString(hashCode());
        Event event = new Event(requestId, payload, System.currentTimeMillis() + timeoutMillis,
                new CompletableFuture<>());
        events.add(event);
        return event.outcome();
    }

    /** Fails every event not yet reported, e.g. when the runtime's process has exited. */
    void abandon(RuntimeException reason) {
        inFlight.values().forEach(event -> event.outcome().completeExceptionally(reason));
        events.forEach(event -> event.outcome().completeExceptionally(reason));
        events.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if ("GET".equals(exchange.getRequestMethod()) && path.equals(PREFIX + "invocation/next")) {
            next(exchange);
            return;
        }
        if ("POST".equals(exchange.getRequestMethod()) && path.equals(PREFIX + "init/error")) {
            initError.complete(LocalHttpServer.readBody(exchange));
            LocalHttpServer.respond(exchange, 202, "application/json", Map.of(), "{\"status\":\"OK\"}");
            return;
        }
        Matcher report = REPORT.matcher(path);
        if ("POST".equals(exchange.getRequestMethod()) && report.matches()) {
            Event event = inFlight.remove(report.group(1));
            String body = LocalHttpServer.readBody(exchange);
            if (event == null) {
                LocalHttpServer.respond(exchange, 400, "application/json", Map.of(),
                        "{\"errorType\":\"InvalidRequestID\",\"errorMessage\":\"Unknown request id\"}");
                return;
            }
            boolean succeeded = report.group(2).equals("response");
            String errorType = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
            event.outcome().complete(new Outcome(succeeded, errorType, body));
            LocalHttpServer.respond(exchange, 202, "application/json", Map.of(), "{\"status\":\"OK\"}");
            return;
        }
        LocalHttpServer.respond(exchange, 404, "application/json", Map.of(),
                "{\"errorType\":\"NotFound\",\"errorMessage\":\"" + path + "\"}");
    }

    /** Long poll, as Lambda's: the runtime waits here, frozen in Lambda, until an event arrives. */
    private void next(HttpExchange exchange) throws IOException {
        firstPoll.complete(System.nanoTime());
        Event event;
        try {
            event = events.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        inFlight.put(event.requestId(), event);
        LocalHttpServer.respond(exchange, 200, "application/json", Map.of(
                "Lambda-Runtime-Aws-Request-Id", event.requestId(),
                "Lambda-Runtime-Deadline-Ms", Long.toString(event.deadlineMillis()),
                "Lambda-Runtime-Invoked-Function-Arn", functionArn + ":live",
                "Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0"), event.payload());
    }

    @Override
    public void close() {
        abandon(new IllegalStateException("The execution environment was shut down"));
        server.close();
    }
}

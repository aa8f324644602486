package io.github.recordingleakagedetector.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.recordingleakagedetector.runtime.testing.RepoRoot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The synthesized state machine, executed by aws-local-stepfunctions in one long-lived Node process
 * ({@code test/src/test/node/state-machine-runner.mjs}). Its Task states invoke Lambda through the AWS SDK for
 * JavaScript, pointed at the local Lambda endpoint by {@code AWS_ENDPOINT_URL_LAMBDA}.
 */
final class LocalStepFunctions implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long EXECUTION_TIMEOUT_SECONDS = 600;

    /** An execution's end: its status, output or error, and its event history. */
    record Execution(String id, String status, Map<String, Object> output, String error, String cause,
            List<Map<String, Object>> events) {
        boolean succeeded() {
            return "SUCCEEDED".equals(status);
        }
    }

    private final Process node;
    private final Writer requests;
    private final Map<String, CompletableFuture<Execution>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final StringBuffer diagnostics = new StringBuffer();

    LocalStepFunctions(String definition, URI lambdaEndpoint) {
        Path root = RepoRoot.find();
        Path scripts = root.resolve("test/src/test/node");
        try {
            Path definitionFile = Files.createTempFile("state-machine-", ".asl.json");
            definitionFile.toFile().deleteOnExit();
            Files.writeString(definitionFile, definition);
            ProcessBuilder builder = new ProcessBuilder("node",
                    "--require", scripts.resolve("promise-with-resolvers.cjs").toString(),
                    scripts.resolve("state-machine-runner.mjs").toString(),
                    definitionFile.toString());
            builder.environment().putAll(Map.of(
                    "REPOSITORY_ROOT", root.toString(),
                    "AWS_ENDPOINT_URL_LAMBDA", lambdaEndpoint.toString(),
                    "AWS_REGION", SynthesizedDetector.REGION,
                    "AWS_ACCESS_KEY_ID", "local",
                    "AWS_SECRET_ACCESS_KEY", "local",
                    "AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE", "1",
                    "NODE_NO_WARNINGS", "1"));
            node = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start aws-local-stepfunctions (is `node` on the PATH?)", e);
        }
        requests = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
        daemon("sfn-results", this::readResults);
        daemon("sfn-stderr", this::readDiagnostics);
    }

    /**
     * Starts an execution with an empty input, as the EventBridge schedule does, at {@code startTime} (its
     * {@code $$.Execution.StartTime}); completes when it ends.
     */
    CompletableFuture<Execution> start(Instant startTime) {
        String id = "execution-" + ids.incrementAndGet();
        CompletableFuture<Execution> result = new CompletableFuture<>();
        pending.put(id, result);
        try {
            synchronized (requests) {
                requests.write(JSON.writeValueAsString(
                        Map.of("id", id, "input", Map.of(), "startTime", startTime.toString())) + "\n");
                requests.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("aws-local-stepfunctions stopped: " + diagnostics, e);
        }
        return result.orTimeout(EXECUTION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Runs {@code count} overlapping executions started at {@code startTime} and waits for all. */
    List<Execution> runOverlapping(int count, Instant startTime) {
        List<CompletableFuture<Execution>> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            started.add(start(startTime));
        }
        return started.stream().map(CompletableFuture::join).toList();
    }

    @SuppressWarnings("unchecked")
    private void readResults() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Map<String, Object> result = JSON.readValue(line, Map.class);
                Execution execution = new Execution(String.valueOf(result.get("id")),
                        String.valueOf(result.get("status")),
                        result.get("output") instanceof Map<?, ?> output ? (Map<String, Object>) output : Map.of(),
                        (String) result.get("error"), (String) result.get("cause"),
                        (List<Map<String, Object>>) result.getOrDefault("events", List.of()));
                CompletableFuture<Execution> waiting = pending.remove(execution.id());
                if (waiting != null) {
                    waiting.complete(execution);
                }
            }
        } catch (IOException e) {
            diagnostics.append(e);
        }
        IllegalStateException stopped = new IllegalStateException("aws-local-stepfunctions stopped: " + diagnostics);
        pending.values().forEach(waiting -> waiting.completeExceptionally(stopped));
    }

    private void readDiagnostics() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(node.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                diagnostics.append(line).append('\n');
            }
        } catch (IOException e) {
            diagnostics.append(e);
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        try {
            requests.close();
            if (!node.waitFor(10, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        } catch (IOException e) {
            node.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            node.destroyForcibly();
        }
    }
}

package io.github.recordingleakagedetector.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One Lambda execution environment, as Lambda runs a Java function: a JVM of its own, started with Lambda's flags
 * through the AWS Lambda Java runtime interface client, the function's code unzipped as its task root (its working
 * directory), exactly the environment variables Lambda would set, and its own {@link LambdaRuntimeApi}. Nothing of
 * the test JVM's classpath reaches it. It serves one invocation at a time.
 */
final class LambdaEnvironment implements AutoCloseable {
    /** How long a JVM may take to start and initialise the handler (Lambda allows 10 s of init). */
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(60);

    private final String functionName;
    private final LambdaRuntimeApi runtimeApi;
    private final Process process;
    private final long startedNanos;
    private final Duration timeout;
    private final StringBuffer lastOutput = new StringBuffer();

    /**
     * @param handler the handler string exactly as the template gives it
     * @param environment the function's variables: the template's, plus what the test points at local servers
     * @param clockFile the simulation's {@link SharedClock}, or null to keep the machine's clock
     * @param output receives each line the function prints (its JSON logs)
     */
    LambdaEnvironment(String functionName, String functionArn, String handler, Path taskRoot,
            Map<String, String> environment, Duration timeout, int memoryMb, Path clockFile, Consumer<String> output) {
        this.functionName = functionName;
        this.timeout = timeout;
        this.runtimeApi = new LambdaRuntimeApi(functionArn);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(RuntimeInterfaceClient.LAMBDA_JVM_FLAGS);
        command.add("-Xmx" + Math.max(64, memoryMb * 85 / 100) + "m");
        if (clockFile != null) {
            command.add("-javaagent:" + RuntimeInterfaceClient.simulatedTimeAgent() + "=" + clockFile);
        }
        command.add("-D" + RuntimeInterfaceClient.NATIVE_LIBRARY_PROPERTY + "=" + RuntimeInterfaceClient.nativeLibrary());
        command.addAll(List.of("-cp", RuntimeInterfaceClient.clientJar().toString(), RuntimeInterfaceClient.MAIN_CLASS,
                handler));
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().putAll(lambdaVariables(functionName, handler, taskRoot, memoryMb));
        builder.environment().put("AWS_LAMBDA_RUNTIME_API", runtimeApi.address());
        this.startedNanos = System.nanoTime();
        try {
            this.process = builder.start();
        } catch (IOException e) {
            runtimeApi.close();
            throw new UncheckedIOException("Cannot start the JVM of " + functionName, e);
        }
        Thread reader = new Thread(() -> forward(output), "lambda-output-" + functionName);
        reader.setDaemon(true);
        reader.start();
        process.onExit().thenRun(() -> runtimeApi.abandon(new FunctionFailedException(functionName
                + " exited with code " + process.exitValue() + initErrorNote() + "; last output:\n" + lastOutput)));
    }

    /** What Lambda itself sets in every Java function's environment (the template cannot set these). */
    private static Map<String, String> lambdaVariables(String functionName, String handler, Path taskRoot, int memoryMb) {
        return Map.ofEntries(
                Map.entry("_HANDLER", handler),
                Map.entry("LAMBDA_TASK_ROOT", taskRoot.toString()),
                Map.entry("AWS_EXECUTION_ENV", "AWS_Lambda_java21"),
                Map.entry("AWS_LAMBDA_FUNCTION_NAME", functionName),
                Map.entry("AWS_LAMBDA_FUNCTION_VERSION", "1"),
                Map.entry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memoryMb)),
                Map.entry("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName),
                Map.entry("AWS_LAMBDA_LOG_STREAM_NAME", "local/[1]" + Long.toHexString(System.nanoTime())),
                Map.entry("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"),
                Map.entry("TZ", ":UTC"),
                Map.entry("LANG", "en_US.UTF-8"));
    }

    /** From process start to the runtime's first poll for an event: Lambda's init phase. */
    Duration awaitInit() {
        CompletableFuture<Object> ready = CompletableFuture.anyOf(runtimeApi.firstPoll(), runtimeApi.initError(),
                process.onExit());
        try {
            ready.get(INIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + functionName + " initialised", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new FunctionFailedException(functionName + " did not initialise within " + INIT_TIMEOUT
                    + "; output:\n" + lastOutput);
        }
        if (!runtimeApi.firstPoll().isDone()) {
            throw new FunctionFailedException(functionName + " failed to initialise" + initErrorNote()
                    + "; output:\n" + lastOutput);
        }
        return Duration.ofNanos(runtimeApi.firstPoll().join() - startedNanos);
    }

    /** Invokes the function with {@code payload}; the handler's result, or its error as Lambda reports it. */
    LambdaRuntimeApi.Outcome invoke(String payload) {
        awaitInit();
        CompletableFuture<LambdaRuntimeApi.Outcome> outcome = runtimeApi.submit(payload, timeout.toMillis());
        try {
            // Lambda would stop the function at its timeout; the margin covers a slow machine.
            return outcome.get(timeout.toMillis() + 30_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + functionName + " ran", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            close();
            throw new FunctionFailedException(functionName + " timed out after " + timeout + "; output:\n" + lastOutput);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    private String initErrorNote() {
        return runtimeApi.initError().isDone() ? "; init error: " + runtimeApi.initError().join() : "";
    }

    private void forward(Consumer<String> output) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (lastOutput.length() > 8_000) {
                    lastOutput.delete(0, lastOutput.length() - 4_000);
                }
                lastOutput.append(line).append('\n');
                output.accept(line);
            }
        } catch (IOException e) {
            // The process went away; its exit is reported through onExit.
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runtimeApi.close();
    }

    /** The environment could not run the invocation at all (init failed, the JVM died, the timeout passed). */
    static final class FunctionFailedException extends RuntimeException {
        FunctionFailedException(String message) {
            super(message);
        }
    }
}

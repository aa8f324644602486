package io.github.recordingleakagedetector.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A function run as Lambda runs it: {@link LambdaEnvironment}s started from the staged Lambda jar with the
 * template's handler string, one invocation at a time each. As in Lambda, an invocation takes an idle environment
 * or starts a new one (a cold start); a handler error leaves the environment in service, a dead JVM does not.
 */
final class DeployedFunctionHost implements LocalLambdaEndpoint.FunctionHost {
    private final SynthesizedDetector.DeployedFunction function;
    private final Map<String, String> environment;
    private final Path clockFile;
    private final Consumer<String> output;
    private final Deque<LambdaEnvironment> idle = new ArrayDeque<>();
    private final List<LambdaEnvironment> all = new ArrayList<>();
    private final List<Duration> initDurations = new ArrayList<>();

    /**
     * @param environment the template's variables for the function, plus where the local servers are
     * @param clockFile the simulation's shared clock, or null for the machine's
     */
    DeployedFunctionHost(SynthesizedDetector.DeployedFunction function, Map<String, String> environment,
            Path clockFile, Consumer<String> output) {
        this.function = function;
        this.environment = environment;
        this.clockFile = clockFile;
        this.output = output;
        release(start());
    }

    @Override
    public LambdaRuntimeApi.Outcome invoke(String payload) {
        LambdaEnvironment environment = acquire();
        try {
            return environment.invoke(payload);
        } finally {
            release(environment);
        }
    }

    /** Init durations (process start to the first poll for an event) of the environments started so far. */
    synchronized List<Duration> initDurations() {
        return List.copyOf(initDurations);
    }

    private LambdaEnvironment acquire() {
        synchronized (this) {
            LambdaEnvironment environment = idle.poll();
            if (environment != null) {
                return environment;
            }
        }
        return start();
    }

    private LambdaEnvironment start() {
        LambdaEnvironment started = new LambdaEnvironment(function.logicalId(), function.arn(), function.handler(),
                RuntimeInterfaceClient.taskRoot(function.code()), environment,
                Duration.ofSeconds(function.timeoutSeconds()), function.memorySize(), clockFile, output);
        synchronized (this) {
            all.add(started);
        }
        Duration init = started.awaitInit();
        synchronized (this) {
            initDurations.add(init);
        }
        return started;
    }

    private synchronized void release(LambdaEnvironment environment) {
        if (environment.alive()) {
            idle.push(environment);
        } else {
            all.remove(environment);
            environment.close();
        }
    }

    @Override
    public synchronized void close() {
        all.forEach(LambdaEnvironment::close);
        all.clear();
        idle.clear();
    }
}

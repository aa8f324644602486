package io.github.recordingleakagedetector.e2e;

import io.github.recordingleakagedetector.runtime.config.Handler;
import io.github.recordingleakagedetector.runtime.evidence.DailyEvidence;
import io.github.recordingleakagedetector.runtime.handler.CheckRecordingsHandler;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactState;
import io.github.recordingleakagedetector.runtime.log.JsonLog;
import io.github.recordingleakagedetector.runtime.store.DynamoDbContactStore;
import io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries;
import io.github.recordingleakagedetector.runtime.testing.ConnectSimulator;
import io.github.recordingleakagedetector.runtime.testing.LocalDynamoDb;
import io.github.recordingleakagedetector.runtime.testing.LocalS3;
import io.github.recordingleakagedetector.runtime.testing.SnsRecorder;
import io.github.recordingleakagedetector.runtime.testing.TestAwsClients;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The end-to-end rig: the sample app's synthesized template run against a simulated contact centre. Local servers
 * stand in for DynamoDB (dynalite), S3 (s3proxy), Amazon Connect (the simulator) and SNS; the template's state
 * machine runs in aws-local-stepfunctions, its Task states invoking the template's functions through a local Lambda
 * endpoint. By default each function runs as deployed: the staged Lambda jar under the AWS Lambda Java runtime
 * interface client, a JVM per execution environment, reading the simulation's clock through
 * {@link SimulatedTimeAgent}. Every AWS call a function makes passes a per-function {@link AwsCallRecorder}, so the
 * run ends with what each function did and whether its role allows it ({@link IamSufficiency}).
 * Time is simulated: each 5-minute tick lands the recordings due, delivers the flow-log events due to the
 * ingest function (as the subscription filter would), then starts the state machine as the schedule would.
 * One instance runs one simulation.
 */
final class ContactCentreSimulation implements AutoCloseable {
    static final String TABLE = "recording-leakage-contacts";
    static final String BUCKET = "e2e-connect-recordings";
    static final String FLOW_LOG_GROUP = "/aws/connect/e2e-centre";
    static final String KEY_PREFIX = "connect/e2e-centre/CallRecordings";
    static final Duration GRACE_PERIOD = Duration.ofMinutes(15);
    static final String INSTANCE_ARN = "arn:aws:connect:" + SynthesizedDetector.REGION + ":"
            + SynthesizedDetector.ACCOUNT + ":instance/" + FlowLogDeliveries.INSTANCE_ID;
    private static final Duration MAX_DRAIN = Duration.ofHours(3);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    /** Later than any change: reads every contact that needs work. */
    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T23:59:59Z");

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.start();
    /** Indexed listings: a day of recordings must not make each contact's prefix listing slower, as in S3. */
    private final LocalS3 s3 = LocalS3.startForSimulation();
    private final ConnectSimulator connect = ConnectSimulator.start();
    private final SnsRecorder sns = SnsRecorder.start();
    private final SimulatedClock clock = new SimulatedClock();
    private final AwsCallRecorder calls;
    private final MetricRecords metrics;
    private final PrintStream progress;
    private final PrintStream handlerLogs;
    private final PrintStream previousLogs;
    private final SynthesizedDetector detector;
    private final LocalLambdaEndpoint lambda;
    private final LocalStepFunctions stepFunctions;
    private final SimulationOptions options;

    /**
     * @param progress a line per tick
     * @param handlerLogs where the functions' own output (their JSON log lines) goes
     * @param options the calls to simulate and how the detector is deployed and run
     */
    ContactCentreSimulation(PrintStream progress, PrintStream handlerLogs, SimulationOptions options) {
        this.progress = progress;
        this.handlerLogs = handlerLogs;
        this.options = options;
        LocalLambdaEndpoint.FunctionHosting hosting = options.hosting();
        connect.followClock(clock);
        detector = SynthesizedDetector.synthesize(Map.of(
                "instanceArn", INSTANCE_ARN,
                "flowLogGroupName", FLOW_LOG_GROUP,
                "recordingBucketName", BUCKET,
                "additionalRecordingLocations", options.redacted() ? ContactCentre.REDACTED_LOCATION : "",
                "checkIvrRecordings", Boolean.toString(options.ivr()),
                "contactEvents", Boolean.toString(options.contactEvents()),
                "recordingEvents", Boolean.toString(options.recordingEvents())), TABLE);
        metrics = new MetricRecords(detector.alarmedCustomMetrics());
        // In-process handlers print through JsonLog: their lines take the path the deployed functions' output takes.
        previousLogs = JsonLog.redirect(new PrintStream(new LineSplitter(this::functionOutput), true,
                StandardCharsets.UTF_8));
        TemplateTable.create(dynamoDb.client(), detector.tableProperties(), TABLE);
        s3.createBucket(BUCKET);
        s3.createBucket(detector.evidenceBucketName());
        calls = new AwsCallRecorder(SynthesizedDetector.ACCOUNT, Map.of("dynamodb", dynamoDb.endpoint(),
                "s3", s3.endpoint(), "connect", connect.endpoint(), "sns", sns.endpoint()));
        lambda = new LocalLambdaEndpoint(detector, function -> hosting == LocalLambdaEndpoint.FunctionHosting.DEPLOYED
                ? new DeployedFunctionHost(function, environmentOf(function), clock.file(), this::functionOutput)
                : new InProcessFunctionHost(function, environmentOf(function), clock, TestAwsClients.fastRetries()));
        lambda.startAll();
        stepFunctions = new LocalStepFunctions(detector.stateMachineDefinition(), lambda.endpoint());
    }

    /**
     * The template's variables, what Lambda sets from the template (log level and format), and the function's own
     * endpoint for every AWS service: its recording proxy.
     */
    private Map<String, String> environmentOf(SynthesizedDetector.DeployedFunction function) {
        Map<String, String> environment = new HashMap<>(function.environment());
        URI endpoint = calls.endpointFor(function.logicalId());
        environment.putAll(TestAwsClients.functionEnvironment(endpoint, endpoint, endpoint, endpoint));
        environment.put("AWS_LAMBDA_LOG_FORMAT", "JSON");
        environment.put("AWS_LAMBDA_LOG_LEVEL", function.applicationLogLevel());
        if (environment.containsKey("DESCRIBE_CONTACT_RATE_LIMIT")) {
            // Pacing is real time while five simulated minutes pass in about a second: keep the quota in proportion.
            environment.put("DESCRIBE_CONTACT_RATE_LIMIT", "1000");
        }
        return environment;
    }

    /** A line a function printed: to the handler log, and read as CloudWatch reads metric records. */
    private void functionOutput(String line) {
        synchronized (handlerLogs) {
            handlerLogs.println(line);
        }
        metrics.accept(line);
    }

    /** Runs the simulation; the daily evidence is downloaded to {@code target/simulation-evidence}. */
    SimulationReport run() {
        return run(Path.of("target", "simulation-evidence"));
    }

    /**
     * Runs the simulation: the calls, each tick's flow-log deliveries and workflow execution until every contact is
     * settled, then the evidence function as its hourly schedule would run it once the last simulated day is over;
     * the files it wrote are downloaded to {@code evidenceDirectory}.
     */
    SimulationReport run(Path evidenceDirectory) {
        long started = System.nanoTime();
        ContactCentre centre = options.centre(BUCKET, KEY_PREFIX);
        List<PlannedContact> plan = centre.plan(options.contacts(), options.start(), options.window());
        new ScriptedCentre(connect, centre).script(plan);
        FlowLogFeed feed = new FlowLogFeed(plan, lambda, detector.subscriptionTarget().logicalId(), clock,
                options.seed());
        RecordingUploads uploads = new RecordingUploads(plan, s3, BUCKET);
        Optional<String> eventFunction = functionOf(".ContactEventHandler");
        ContactEventFeed events = eventFunction.map(function -> new ContactEventFeed(plan, INSTANCE_ARN, lambda,
                function, clock, options.seed())).orElse(null);
        if (events != null && options.recordingEvents()) {
            events.withRecordingEvents(plan, BUCKET, options.seed());
        }
        // With contact events, the check also runs every minute (its own schedule), between the workflow's ticks.
        String checkFunction = functionOf(".CheckRecordingsHandler").orElseThrow();
        Detections detections = new Detections(sns);
        Map<String, Integer> liveTicks = new HashMap<>();
        DynamoDbContactStore store = new DynamoDbContactStore(dynamoDb.client(), TABLE);

        Instant tick = options.start();
        Instant arrivalsEnd = options.start().plus(options.window());
        int ticks = 0;
        long failedExecutions = 0;
        while (true) {
            tick = tick.plus(SimulationOptions.TICK);
            ticks++;
            long tickStarted = System.nanoTime();
            int landed = 0;
            int delivered = 0;
            // Minute by minute: recordings land, contact events and flow-log deliveries arrive, and (with events) the
            // check's own one-minute schedule runs; the feeds move the clock through their deliveries.
            for (Instant minute = tick.minus(SimulationOptions.TICK).plus(MINUTE); !minute.isAfter(tick);
                    minute = minute.plus(MINUTE)) {
                landed += uploads.landUntil(minute);
                if (events != null) {
                    events.deliverUntil(minute);
                }
                delivered += feed.deliverUntil(minute);
                if (events != null && minute.isBefore(tick)) {
                    clock.advanceTo(minute);
                    lambda.invoke(checkFunction, "{\"" + Handler.EXECUTION_START_TIME_FIELD + "\":\"" + minute + "\",\""
                            + CheckRecordingsHandler.PAST_GRACE_PERIOD_ONLY_FIELD + "\":true}");
                }
            }
            clock.advanceTo(tick);
            Set<String> live = liveContactIds(store);
            live.forEach(id -> liveTicks.merge(id, 1, Integer::sum));
            if (options.injectThrottling()) {
                connect.clearInjectedFaults();
                // Mostly a short burst the SDK's retries absorb; every third tick one long enough that the workers'
                // retries run out (up to 2 executions x 8 workers x 3 attempts) and the steps stop early.
                connect.throttleNextRequests(ticks % 3 == 0 ? 60 : 2);
            }
            List<LocalStepFunctions.Execution> executions =
                    stepFunctions.runOverlapping(options.overlappingExecutions(), tick);
            long failed = executions.stream().filter(e -> !e.succeeded()).count();
            failedExecutions += failed;
            executions.stream().filter(e -> !e.succeeded()).forEach(e -> progress.printf(
                    "  execution %s failed: %s %s%n", e.id(), e.error(), e.cause()));
            int alerts = detections.recordUntil(tick);
            progress.printf("tick %3d %s  recordings landed %3d, log events %3d, contacts live %4d, alerts %2d,"
                    + " executions ok %d/%d, %d ms%n", ticks, tick, landed, delivered, live.size(), alerts,
                    executions.size() - failed, executions.size(), (System.nanoTime() - tickStarted) / 1_000_000);
            boolean settled = feed.done() && uploads.done() && (events == null || events.done())
                    && liveContactIds(store).isEmpty();
            if (!tick.isBefore(arrivalsEnd) && settled || tick.isAfter(arrivalsEnd.plus(MAX_DRAIN))) {
                break;
            }
        }
        EvidenceFiles evidence = writeEvidence(plan, evidenceDirectory);
        progress.print(evidence.format());
        List<IamSufficiency.Violation> denied = new IamSufficiency(detector).violations(calls.calls());
        SimulationReport report = new Verdicts(plan, store, detections, connect, calls, liveTicks, lambda.statistics(),
                options.ivr()).report(ticks, failedExecutions, denied, metrics, evidence,
                        Duration.ofNanos(System.nanoTime() - started));
        return events == null ? report : report.withContactEvents(events.statistics());
    }

    /**
     * The evidence function's hourly run after the last simulated day (UTC, the sample app's reporting day) ended
     * and settled: it writes every day that has contacts.
     */
    private EvidenceFiles writeEvidence(List<PlannedContact> plan, Path directory) {
        LocalDate lastDay = plan.stream()
                .map(c -> LocalDate.ofInstant(c.initiatedAt().plus(FlowLogFeed.ENABLE_DELAY), ZoneOffset.UTC))
                .max(LocalDate::compareTo).orElse(LocalDate.ofInstant(options.start(), ZoneOffset.UTC));
        // The first hourly run (at :20) after the last day ended and settled
        clock.advanceTo(lastDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
                .plus(DailyEvidence.SETTLING_TIME).plus(Duration.ofMinutes(20)));
        String evidenceFunction = functionOf(".DailyEvidenceHandler").orElseThrow();
        String result = lambda.invoke(evidenceFunction, "{}");
        return EvidenceFiles.download(s3.client(), detector.evidenceBucketName(), directory, result);
    }

    /** The logical id of the template's function with this handler class, if the template has one. */
    private Optional<String> functionOf(String handlerClassSuffix) {
        return detector.functions().values().stream().filter(f -> f.handlerClass().endsWith(handlerClassSuffix))
                .findFirst().map(SynthesizedDetector.DeployedFunction::logicalId);
    }

    private static Set<String> liveContactIds(DynamoDbContactStore store) {
        Set<String> live = new HashSet<>();
        for (ContactState state : ContactState.values()) {
            store.needingWork(state, END_OF_TIME).forEach(contact -> live.add(contact.contactId()));
        }
        return live;
    }

    int lambdaInvocations(String logicalId) {
        return lambda.invocations(logicalId);
    }

    SynthesizedDetector detector() {
        return detector;
    }

    /** Every distinct AWS call the functions made, by function. */
    AwsCallRecorder calls() {
        return calls;
    }

    @Override
    public void close() {
        stepFunctions.close();
        lambda.close();
        calls.close();
        JsonLog.redirect(previousLogs);
        sns.close();
        connect.close();
        s3.close();
        dynamoDb.close();
    }
}

package io.github.recordingleakagedetector.construct;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.recordingleakagedetector.construct.RuntimeContract.Env;
import io.github.recordingleakagedetector.construct.RuntimeContract.Handler;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.SystemLogLevel;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The functions, all from the embedded runtime jar: one per {@link Handler}, except the contact-event function, which
 * exists only with {@code contactEvents} (so that the map {@link #create} returns has no entry for it otherwise). Each gets a role of its own (so that {@link DetectorPermissions}
 * can give it only its own actions, and no managed policy), a log group with retention, X-Ray tracing, and SnapStart,
 * which applies to published versions only: callers invoke the {@code live} alias on the current version.
 */
final class DetectorFunctions {

    /** Name of the alias every caller (subscription filter, state machine) invokes. */
    static final String ALIAS_NAME = "live";
    /**
     * Ingest handles one subscription batch (a few log events), the contact-event function one SQS batch (at most 10
     * events): short work, short timeout.
     */
    static final Duration INGEST_TIMEOUT = Duration.minutes(1);
    /** The evidence function reads a whole day of contacts and writes its files: Lambda's longest timeout. */
    static final Duration EVIDENCE_TIMEOUT = Duration.minutes(15);
    /** The AWS managed policy that lets a function in a VPC manage its network interfaces. */
    static final String VPC_ACCESS_POLICY = "service-role/AWSLambdaVPCAccessExecutionRole";

    /** One deployed handler. */
    record DetectorFunction(Function function, Alias alias, Role role) {
    }

    private DetectorFunctions() {
    }

    static Map<Handler, DetectorFunction> create(Construct scope, DetectorSettings settings, Map<Env, String> environment) {
        Code code = RuntimeJarAsset.code();
        Map<Handler, DetectorFunction> functions = new EnumMap<>(Handler.class);
        for (Handler handler : Handler.values()) {
            if (handler == Handler.CONTACT_EVENTS && !settings.contactEvents()) {
                continue;
            }
            functions.put(handler, create(scope, settings, environment, code, handler));
        }
        return functions;
    }

    private static DetectorFunction create(Construct scope, DetectorSettings settings, Map<Env, String> environment,
                                           Code code, Handler handler) {
        String id = constructId(handler);
        Role role = Role.Builder.create(scope, id + "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Recording Leakage Detector " + id + ": only the actions this handler needs")
                .build();
        LogGroup logGroup = LogGroup.Builder.create(scope, id + "Logs")
                .retention(settings.logRetention())
                .build();
        logGroup.grantWrite(role);
        Function.Builder builder = Function.Builder.create(scope, id)
                .description(description(handler))
                .runtime(Runtime.JAVA_21)
                .architecture(settings.architecture())
                .handler(handler.handlerString())
                .code(code)
                .memorySize(settings.memorySize())
                .timeout(switch (handler) {
                    case FLOW_LOG_INGEST, CONTACT_EVENTS -> INGEST_TIMEOUT;
                    case DAILY_EVIDENCE -> EVIDENCE_TIMEOUT;
                    default -> settings.workflowFunctionTimeout();
                })
                .environment(environmentOf(handler, environment))
                .role(role)
                .logGroup(logGroup)
                // JSON: the handlers' lines are JSON already; Lambda's own records (REPORT with its init duration)
                // become JSON too, and Lambda hands the level to the handlers as AWS_LAMBDA_LOG_LEVEL.
                .loggingFormat(LoggingFormat.JSON)
                .applicationLogLevelV2(settings.applicationLogLevel())
                .systemLogLevelV2(SystemLogLevel.INFO)
                .tracing(Tracing.ACTIVE)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
        settings.vpc().ifPresent(vpc -> {
            // Lambda adds this policy only to roles it creates; ours is given, and without it the function cannot
            // create its network interfaces (the deployment fails). AWS's managed policy, rather than our own
            // statements: the actions need Resource "*" either way, and AWS keeps the policy current.
            role.addManagedPolicy(ManagedPolicy.fromAwsManagedPolicyName(VPC_ACCESS_POLICY));
            builder.vpc(vpc);
            settings.vpcSubnets().ifPresent(builder::vpcSubnets);
            if (!settings.securityGroups().isEmpty()) {
                builder.securityGroups(settings.securityGroups());
            }
        });
        if (handler == Handler.FLOW_LOG_INGEST) {
            settings.ingestReservedConcurrentExecutions().ifPresent(builder::reservedConcurrentExecutions);
        }
        Function function = builder.build();
        Alias alias = function.addAlias(ALIAS_NAME);
        return new DetectorFunction(function, alias, role);
    }

    /** Exactly the variables the handler reads, all set explicitly (also those whose runtime default would do). */
    private static Map<String, String> environmentOf(Handler handler, Map<Env, String> environment) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (Env variable : handler.environment()) {
            String value = environment.get(variable);
            if (value == null) {
                throw new IllegalStateException("No value for " + variable + " (read by " + handler + ")");
            }
            variables.put(variable.name(), value);
        }
        return variables;
    }

    static String constructId(Handler handler) {
        return switch (handler) {
            case FLOW_LOG_INGEST -> "IngestFunction";
            case POLL_INITIALISED -> "PollInitialisedFunction";
            case PURGE_QUEUE_CONTACTS -> "PurgeQueueContactsFunction";
            case POLL_IN_PROGRESS -> "PollInProgressFunction";
            case CHECK_RECORDINGS -> "CheckRecordingsFunction";
            case DAILY_EVIDENCE -> "DailyEvidenceFunction";
            case CONTACT_EVENTS -> "ContactEventFunction";
        };
    }

    private static String description(Handler handler) {
        return switch (handler) {
            case FLOW_LOG_INGEST -> "Records contacts whose flow set recording behaviour (flow-log subscription)";
            case POLL_INITIALISED -> "Asks Connect where newly recorded-behaviour contacts are";
            case PURGE_QUEUE_CONTACTS -> "Closes contacts that ended before reaching an agent (nothing to record)";
            case POLL_IN_PROGRESS -> "Asks Connect whether contacts in progress have ended";
            case CHECK_RECORDINGS -> "Checks S3 for the recordings of completed agent contacts";
            case DAILY_EVIDENCE -> "Writes each reporting day's recording evidence and figures";
            case CONTACT_EVENTS -> "Applies Amazon Connect contact events to the contacts (EventBridge via SQS)";
        };
    }
}

package io.github.recordingleakagedetector.construct;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.recordingleakagedetector.construct.testing.Templates;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.sns.Topic;

/** The API a CDK user wires further: the construct builder, alarm getters and overrides, aliases, metrics, grants. */
class RecordingLeakageDetectorApiTest {

    @Test
    void theConstructBuilderOffersEveryPropsSetter() {
        // GIVEN every setter of the props builder
        Map<String, List<Class<?>>> propsSetters = setters(RecordingLeakageDetectorProps.Builder.class);

        // WHEN compared with the construct's builder
        Map<String, List<Class<?>>> constructSetters = setters(RecordingLeakageDetector.Builder.class);

        // THEN each one exists with the same parameter types, as aws-cdk-lib's generated Java builders do
        assertThat(propsSetters).hasSizeGreaterThan(40);
        assertThat(constructSetters).isEqualTo(propsSetters);
    }

    @Test
    void theConstructBuilderSynthesizesWhatThePropsSynthesize() {
        // GIVEN the same settings through both builders, in two stacks
        Stack viaProps = DetectorFixtures.newStack();
        new RecordingLeakageDetector(viaProps, "Detector", DetectorFixtures.requiredProps(viaProps)
                .detectorName("payments").memorySize(1024).alertEmails(List.of("oncall@example.com")).build());
        Stack viaBuilder = DetectorFixtures.newStack();
        RecordingLeakageDetectorProps required = DetectorFixtures.requiredProps(viaBuilder).build();

        // WHEN
        RecordingLeakageDetector built = RecordingLeakageDetector.Builder.create(viaBuilder, "Detector")
                .instanceArn(required.getInstanceArn())
                .flowLogGroup(required.getFlowLogGroup())
                .recordingBucket(required.getRecordingBucket())
                .detectorName("payments")
                .memorySize(1024)
                .alertEmails(List.of("oncall@example.com"))
                .build();

        // THEN one template
        assertThat(built.getDetectorName()).isEqualTo("payments");
        assertThat(Templates.json(Template.fromStack(viaBuilder))).isEqualTo(Templates.json(Template.fromStack(viaProps)));
    }

    @Test
    void eachAlarmHasANamedGetterReturningTheAlarmOfItsConstructId() {
        // GIVEN every optional alarm switched on
        Stack stack = DetectorFixtures.newStack();
        RecordingLeakageDetector detector = new RecordingLeakageDetector(stack, "Detector", DetectorFixtures
                .requiredProps(stack).checkIvrRecordings(true).complianceTarget(99.5).build());
        Map<DetectorAlarm, Alarm> named = namedGetters(detector);

        // THEN all sixteen (contact events are on by default), each under its documented id, and getAlarms() lists
        // exactly them
        assertThat(named).containsOnlyKeys(DetectorAlarm.values());
        named.forEach((alarm, created) -> {
            assertThat(created.getNode().getId()).as(alarm.name()).isEqualTo(alarm.constructId());
            assertThat(detector.getAlarm(alarm)).as(alarm.name()).isSameAs(created);
        });
        assertThat(detector.getAlarms()).containsExactlyElementsOf(named.values());
        Template.fromStack(stack).resourceCountIs("AWS::CloudWatch::Alarm", DetectorAlarm.values().length);
    }

    @Test
    void anAlarmSwitchedOffIsNotCreatedAndItsGetterReturnsNull() {
        // GIVEN
        Stack stack = DetectorFixtures.newStack();

        // WHEN two alarms are switched off
        RecordingLeakageDetector detector = new RecordingLeakageDetector(stack, "Detector", DetectorFixtures
                .requiredProps(stack)
                .alarms(Map.of(DetectorAlarm.MALFORMED_LOG_EVENTS, AlarmOverride.off(),
                        DetectorAlarm.FLOW_LOG_SILENCE, AlarmOverride.builder().enabled(false).build()))
                .build());

        // THEN they are gone, and only they
        assertThat(detector.getMalformedLogEventsAlarm()).isNull();
        assertThat(detector.getFlowLogSilenceAlarm()).isNull();
        Template template = Template.fromStack(stack);
        assertThat(alarmIds(template)).containsExactlyInAnyOrder("DetectorRecordingsMissingAlarm",
                "DetectorRecordingsEmptyAlarm", "DetectorRecordingsPartialAlarm", "DetectorContactsUnverifiableAlarm",
                "DetectorIngestErrorsAlarm", "DetectorWorkflowFailedAlarm", "DetectorWorkflowTimedOutAlarm",
                "DetectorIngestFailuresQueuedAlarm", "DetectorContactEventsDeadLetteredAlarm",
                "DetectorContactEventsRejectedAlarm", "DetectorWorkflowNotSucceedingAlarm", "DetectorEvidenceErrorsAlarm");
        assertThat(detector.getAlarms()).hasSize(12);
    }

    @Test
    void anOverrideChangesThresholdAndEvaluationOfItsAlarmOnly() {
        // GIVEN
        Stack stack = DetectorFixtures.newStack();

        // WHEN the unverifiable alarm fires on 5 in 2 of 3 periods, and the compliance alarm below 95 %
        new RecordingLeakageDetector(stack, "Detector", DetectorFixtures.requiredProps(stack)
                .complianceTarget(99.9)
                .alarms(Map.of(DetectorAlarm.CONTACTS_UNVERIFIABLE, AlarmOverride.builder()
                                .threshold(5).evaluationPeriods(3).datapointsToAlarm(2).build(),
                        DetectorAlarm.COMPLIANCE_BELOW_TARGET, AlarmOverride.builder().threshold(95).build()))
                .build());

        // THEN
        Map<String, JsonNode> alarms = alarmsById(Template.fromStack(stack));
        JsonNode unverifiable = alarms.get("DetectorContactsUnverifiableAlarm").path("Properties");
        assertThat(unverifiable.path("Threshold").asDouble()).isEqualTo(5);
        assertThat(unverifiable.path("EvaluationPeriods").asInt()).isEqualTo(3);
        assertThat(unverifiable.path("DatapointsToAlarm").asInt()).isEqualTo(2);
        assertThat(alarms.get("DetectorComplianceBelowTargetAlarm").path("Properties").path("Threshold").asDouble())
                .isEqualTo(95);
        JsonNode missing = alarms.get("DetectorRecordingsMissingAlarm").path("Properties");
        assertThat(missing.path("Threshold").asDouble()).isEqualTo(1);
        assertThat(missing.path("EvaluationPeriods").asInt()).isEqualTo(1);
        assertThat(missing.has("DatapointsToAlarm")).isFalse();
    }

    @Test
    void alarmsPublishToTheAlarmTopicWhenGivenAndAlertsStayOnTheAlertTopic() {
        // GIVEN the operations team's alarm topic
        Stack stack = DetectorFixtures.newStack();
        Topic operations = Topic.Builder.create(stack, "OperationsAlarms").enforceSsl(true).build();

        // WHEN
        RecordingLeakageDetector detector = new RecordingLeakageDetector(stack, "Detector",
                DetectorFixtures.requiredProps(stack).alarmTopic(operations).build());

        // THEN every alarm's only action is that topic; the functions still publish alerts to the alert topic
        Template template = Template.fromStack(stack);
        String operationsId = Templates.logicalId(template, "AWS::SNS::Topic", "OperationsAlarms");
        alarmsById(template).forEach((id, alarm) -> assertThat(alarm.path("Properties").path("AlarmActions").toString())
                .as(id).isEqualTo("[{\"Ref\":\"" + operationsId + "\"}]"));
        assertThat(stack.resolve(detector.getAlertTopic().getTopicArn()).toString())
                .contains(Templates.logicalId(template, "AWS::SNS::Topic", "DetectorAlertTopic"));
    }

    @Test
    void liveAliasGettersReturnEachFunctionsLiveAlias() {
        // GIVEN
        Stack stack = DetectorFixtures.newStack();
        RecordingLeakageDetector detector = new RecordingLeakageDetector(stack, "Detector",
                DetectorFixtures.requiredProps(stack).build());
        Map<software.amazon.awscdk.services.lambda.Function, Alias> aliases = Map.of(
                detector.getIngestFunction(), detector.getIngestAlias(),
                detector.getPollInitialisedFunction(), detector.getPollInitialisedAlias(),
                detector.getPurgeQueueContactsFunction(), detector.getPurgeQueueContactsAlias(),
                detector.getPollInProgressFunction(), detector.getPollInProgressAlias(),
                detector.getCheckRecordingsFunction(), detector.getCheckRecordingsAlias(),
                detector.getEvidenceFunction(), detector.getEvidenceAlias(),
                detector.getContactEventFunction(), detector.getContactEventAlias());

        // THEN seven distinct functions, each alias named live and pointing at its own function
        assertThat(aliases).hasSize(7);
        aliases.forEach((function, alias) -> {
            assertThat(alias.getAliasName()).isEqualTo("live");
            assertThat(alias.getVersion().getLambda()).isSameAs(function);
        });
    }

    @Test
    void grantReplayIngestFailuresAllowsConsumingTheQueueAndInvokingTheIngestAlias() {
        // GIVEN an operator role
        Stack stack = DetectorFixtures.newStack();
        RecordingLeakageDetector detector = new RecordingLeakageDetector(stack, "Detector",
                DetectorFixtures.requiredProps(stack).build());
        Role operator = Role.Builder.create(stack, "OperatorRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();

        // WHEN
        detector.grantReplayIngestFailures(operator);

        // THEN exactly the documented actions, on the failure queue (SQS-managed encryption: no key) and the ingest alias
        Template template = Template.fromStack(stack);
        List<String> permissions = Templates.permissionsOfRole(template,
                Templates.logicalId(template, "AWS::IAM::Role", "OperatorRole"));
        String queue = "${DetectorIngestFailureQueue.Arn}";
        String alias = "${DetectorIngestFunctionAliaslive}";
        assertThat(permissions).containsExactly(
                "lambda:InvokeFunction " + alias,
                "sqs:ChangeMessageVisibility " + queue,
                "sqs:DeleteMessage " + queue,
                "sqs:GetQueueAttributes " + queue,
                "sqs:GetQueueUrl " + queue,
                "sqs:ReceiveMessage " + queue);
    }

    @Test
    void metricByNameUsesTheDetectorsNamespaceAndDimensionAndTheOptions() {
        // GIVEN
        Stack stack = DetectorFixtures.newStack();
        RecordingLeakageDetector detector = new RecordingLeakageDetector(stack, "Detector",
                DetectorFixtures.requiredProps(stack).metricsNamespace("Compliance").detectorName("payments").build());
        MetricOptions hourlyMaximum = MetricOptions.builder().statistic("Maximum").period(Duration.hours(1)).build();

        // WHEN
        var byName = detector.metric("DescribeContactThrottled", hourlyMaximum);
        var unverifiable = detector.metricContactsUnverifiable(hourlyMaximum);
        var malformed = detector.metricMalformedLogEvents(hourlyMaximum);

        // THEN
        for (var metric : List.of(byName, unverifiable, malformed)) {
            assertThat(metric.getNamespace()).isEqualTo("Compliance");
            assertThat(metric.getDimensions()).isEqualTo(Map.of("Detector", "payments"));
            assertThat(metric.getStatistic()).isEqualTo("Maximum");
            assertThat(metric.getPeriod().toSeconds()).isEqualTo(3600);
        }
        assertThat(List.of(byName.getMetricName(), unverifiable.getMetricName(), malformed.getMetricName()))
                .containsExactly("DescribeContactThrottled", "ContactsUnverifiable", "MalformedLogEvents");
        assertThat(detector.metric("RecordingsMissing", MetricOptions.builder().build()).getStatistic()).isEqualTo("Sum");
    }

    @Test
    void contactArnsAreBuiltFromTheInstanceArn() {
        // GIVEN
        Stack stack = DetectorFixtures.newStack();
        new RecordingLeakageDetector(stack, "Detector", DetectorFixtures.requiredProps(stack).build());

        // THEN the poll and check functions may describe this instance's contacts only
        Template template = Template.fromStack(stack);
        List<String> permissions = Templates.permissionsOfRole(template,
                Templates.logicalId(template, "AWS::IAM::Role", "DetectorPollInProgressFunctionRole"));
        assertThat(permissions.stream().filter(p -> p.startsWith("connect:")).toList())
                .containsExactly("connect:DescribeContact " + DetectorFixtures.INSTANCE_ARN + "/contact/*");
    }

    private static Map<String, List<Class<?>>> setters(Class<?> builder) {
        return Arrays.stream(builder.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getReturnType() == builder)
                .collect(Collectors.toMap(Method::getName, m -> List.of(m.getParameterTypes())));
    }

    private static Map<DetectorAlarm, Alarm> namedGetters(RecordingLeakageDetector detector) {
        Map<DetectorAlarm, Function<RecordingLeakageDetector, Alarm>> getters = new EnumMap<>(DetectorAlarm.class);
        getters.put(DetectorAlarm.RECORDINGS_MISSING, RecordingLeakageDetector::getRecordingsMissingAlarm);
        getters.put(DetectorAlarm.RECORDINGS_EMPTY, RecordingLeakageDetector::getRecordingsEmptyAlarm);
        getters.put(DetectorAlarm.RECORDINGS_PARTIAL, RecordingLeakageDetector::getRecordingsPartialAlarm);
        getters.put(DetectorAlarm.IVR_RECORDINGS_MISSING, RecordingLeakageDetector::getIvrRecordingsMissingAlarm);
        getters.put(DetectorAlarm.CONTACTS_UNVERIFIABLE, RecordingLeakageDetector::getContactsUnverifiableAlarm);
        getters.put(DetectorAlarm.INGEST_ERRORS, RecordingLeakageDetector::getIngestErrorsAlarm);
        getters.put(DetectorAlarm.MALFORMED_LOG_EVENTS, RecordingLeakageDetector::getMalformedLogEventsAlarm);
        getters.put(DetectorAlarm.WORKFLOW_FAILED, RecordingLeakageDetector::getWorkflowFailedAlarm);
        getters.put(DetectorAlarm.WORKFLOW_TIMED_OUT, RecordingLeakageDetector::getWorkflowTimedOutAlarm);
        getters.put(DetectorAlarm.INGEST_FAILURES_QUEUED, RecordingLeakageDetector::getIngestFailuresQueuedAlarm);
        getters.put(DetectorAlarm.CONTACT_EVENTS_DEAD_LETTERED,
                RecordingLeakageDetector::getContactEventsDeadLetteredAlarm);
        getters.put(DetectorAlarm.CONTACT_EVENTS_REJECTED, RecordingLeakageDetector::getContactEventsRejectedAlarm);
        getters.put(DetectorAlarm.WORKFLOW_NOT_SUCCEEDING, RecordingLeakageDetector::getWorkflowNotSucceedingAlarm);
        getters.put(DetectorAlarm.FLOW_LOG_SILENCE, RecordingLeakageDetector::getFlowLogSilenceAlarm);
        getters.put(DetectorAlarm.COMPLIANCE_BELOW_TARGET, RecordingLeakageDetector::getComplianceBelowTargetAlarm);
        getters.put(DetectorAlarm.EVIDENCE_ERRORS, RecordingLeakageDetector::getEvidenceErrorsAlarm);
        Map<DetectorAlarm, Alarm> alarms = new EnumMap<>(DetectorAlarm.class);
        getters.forEach((alarm, getter) -> {
            Alarm created = getter.apply(detector);
            if (created != null) {
                alarms.put(alarm, created);
            }
        });
        return alarms;
    }

    private static Map<String, JsonNode> alarmsById(Template template) {
        return Templates.resourcesOfType(template, "AWS::CloudWatch::Alarm").entrySet().stream()
                .collect(Collectors.toMap(e -> Templates.stripHash(e.getKey()), Map.Entry::getValue));
    }

    private static List<String> alarmIds(Template template) {
        return List.copyOf(alarmsById(template).keySet());
    }
}

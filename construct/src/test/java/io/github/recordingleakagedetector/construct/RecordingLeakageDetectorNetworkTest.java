package io.github.recordingleakagedetector.construct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.recordingleakagedetector.construct.testing.CdkTestApps;
import io.github.recordingleakagedetector.construct.testing.Templates;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;

/** Functions in the customer's VPC, reserved concurrency for ingest, and the instance's Region and account. */
class RecordingLeakageDetectorNetworkTest {
    private static final String HEADER = "Invalid RecordingLeakageDetector props at 'TestStack/Detector':\n  - ";

    @Test
    void inAVpcEveryFunctionRunsInTheSelectedSubnetsWithTheGivenSecurityGroup() {
        // GIVEN a VPC with isolated subnets (endpoints, no NAT) and the customer's security group
        Stack stack = DetectorFixtures.newStack();
        Vpc vpc = Vpc.Builder.create(stack, "Vpc").maxAzs(2).natGateways(0)
                .subnetConfiguration(List.of(SubnetConfiguration.builder().name("isolated")
                        .subnetType(SubnetType.PRIVATE_ISOLATED).build()))
                .build();
        SecurityGroup group = SecurityGroup.Builder.create(stack, "DetectorGroup").vpc(vpc).build();

        // WHEN
        new RecordingLeakageDetector(stack, "Detector", DetectorFixtures.requiredProps(stack)
                .vpc(vpc)
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build())
                .securityGroups(List.of(group))
                .build());

        // THEN all seven functions have that VPC configuration, and their roles may manage network interfaces
        Template template = Template.fromStack(stack);
        Map<String, JsonNode> functions = new java.util.TreeMap<>(Templates.resourcesOfType(template,
                "AWS::Lambda::Function"));
        functions.keySet().removeIf(id -> !id.startsWith("Detector")); // the VPC's own default-group custom resource
        assertThat(functions).hasSize(7);
        String groupId = Templates.logicalId(template, "AWS::EC2::SecurityGroup", "DetectorGroup");
        functions.forEach((id, function) -> {
            JsonNode vpcConfig = function.path("Properties").path("VpcConfig");
            assertThat(vpcConfig.path("SecurityGroupIds").toString()).as(id)
                    .isEqualTo("[{\"Fn::GetAtt\":[\"" + groupId + "\",\"GroupId\"]}]");
            assertThat(vpcConfig.path("SubnetIds").toString()).as(id)
                    .contains("VpcisolatedSubnet1").contains("VpcisolatedSubnet2");
        });
        Templates.resourcesOfType(template, "AWS::IAM::Role").forEach((id, role) -> {
            if (id.startsWith("Detector") && id.contains("FunctionRole")) {
                assertThat(role.path("Properties").path("ManagedPolicyArns").toString()).as(id)
                        .contains("service-role/AWSLambdaVPCAccessExecutionRole");
            }
        });
    }

    @Test
    void withoutAVpcNoFunctionHasAVpcConfiguration() {
        Stack stack = DetectorFixtures.newStack();
        new RecordingLeakageDetector(stack, "Detector", DetectorFixtures.requiredProps(stack).build());

        Templates.resourcesOfType(Template.fromStack(stack), "AWS::Lambda::Function").forEach((id, function) ->
                assertThat(function.path("Properties").has("VpcConfig")).as(id).isFalse());
    }

    @Test
    void ingestReservedConcurrencyAppliesToTheIngestFunctionOnly() {
        // GIVEN
        Stack stack = DetectorFixtures.newStack();

        // WHEN
        new RecordingLeakageDetector(stack, "Detector", DetectorFixtures.requiredProps(stack)
                .ingestReservedConcurrentExecutions(20).build());

        // THEN
        Templates.resourcesOfType(Template.fromStack(stack), "AWS::Lambda::Function").forEach((id, function) -> {
            JsonNode reserved = function.path("Properties").path("ReservedConcurrentExecutions");
            if (id.startsWith("DetectorIngestFunction")) {
                assertThat(reserved.asInt()).as(id).isEqualTo(20);
            } else {
                assertThat(reserved.isMissingNode()).as(id).isTrue();
            }
        });
    }

    @Test
    void rejectsNetworkSettingsWithoutAVpcAndAReservedConcurrencyOfZero() {
        Stack stack = DetectorFixtures.newStack();
        RecordingLeakageDetectorProps props = DetectorFixtures.requiredProps(stack)
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build())
                .ingestReservedConcurrentExecutions(0)
                .build();

        assertThatThrownBy(() -> new RecordingLeakageDetector(stack, "Detector", props))
                .hasMessage(HEADER + String.join("\n  - ",
                        "vpcSubnets and securityGroups apply only with vpc: set vpc, or leave them unset",
                        "ingestReservedConcurrentExecutions 0 must be at least 1 (0 would stop every delivery)"));
    }

    @Test
    void rejectsAnInstanceInAnotherRegionOrAccountThanTheStack() {
        // GIVEN a stack in us-east-1, account 444455556666, and the instance in eu-west-2, account 111122223333
        Stack stack = new Stack(CdkTestApps.newApp(), "TestStack", StackProps.builder()
                .env(Environment.builder().region("us-east-1").account("444455556666").build()).build());
        RecordingLeakageDetectorProps props = DetectorFixtures.requiredProps(stack).build();

        // THEN
        assertThatThrownBy(() -> new RecordingLeakageDetector(stack, "Detector", props))
                .hasMessage(HEADER + String.join("\n  - ",
                        "instanceArn '" + DetectorFixtures.INSTANCE_ARN + "' is in Region eu-west-2, the stack in "
                                + "us-east-1: Connect's flow logs and the detector must be in one Region (deploy the "
                                + "detector to eu-west-2)",
                        "instanceArn '" + DetectorFixtures.INSTANCE_ARN + "' is in account 111122223333, the stack in "
                                + "444455556666: the flow-log subscription and DescribeContact need the instance's own "
                                + "account"));
    }

    @Test
    void acceptsAStackInTheInstancesRegionAndAnEnvironmentAgnosticStack() {
        // GIVEN the instance's own Region and account
        Stack same = new Stack(CdkTestApps.newApp(), "TestStack", StackProps.builder()
                .env(Environment.builder().region("eu-west-2").account("111122223333").build()).build());

        // WHEN
        RecordingLeakageDetector detector = new RecordingLeakageDetector(same, "Detector",
                DetectorFixtures.requiredProps(same).build());

        // THEN the contact ARNs carry the instance's (literal) Region
        Template template = Template.fromStack(same);
        List<String> permissions = Templates.permissionsOfRole(template,
                Templates.logicalId(template, "AWS::IAM::Role", "DetectorCheckRecordingsFunctionRole"));
        assertThat(permissions).contains("connect:DescribeContact " + DetectorFixtures.INSTANCE_ARN + "/contact/*");
        assertThat(detector.getDetectorName()).isNotBlank();
    }
}

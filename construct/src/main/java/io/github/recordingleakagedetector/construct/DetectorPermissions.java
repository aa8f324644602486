package io.github.recordingleakagedetector.construct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.recordingleakagedetector.construct.DetectorFunctions.DetectorFunction;
import io.github.recordingleakagedetector.construct.RuntimeContract.Handler;
import software.amazon.awscdk.Arn;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.sns.ITopic;

/**
 * Least privilege, per function: each role gets only the actions its handler calls, on the narrowest resource.
 *
 * <ul>
 *   <li>ingest: {@code dynamodb:GetItem, PutItem, UpdateItem} on the table; and, granted by its on-failure
 *       destination ({@link IngestFailureDestination}), {@code sqs:SendMessage, GetQueueAttributes, GetQueueUrl} on
 *       the ingest failure queue;</li>
 *   <li>poll initialised / poll in progress: {@code dynamodb:Query} on the State index, {@code GetItem, UpdateItem} on
 *       the table, {@code connect:DescribeContact} on {@code <instanceArn>/contact/*}, {@code sns:Publish} on the
 *       topic (unverifiable-contact alerts);</li>
 *   <li>purge: {@code dynamodb:Query} on the index, {@code UpdateItem} on the table (it closes contacts that never
 *       reached an agent as not applicable; they stay for the day's figures);</li>
 *   <li>check recordings: {@code dynamodb:Query} on the index, {@code GetItem, UpdateItem} on the table,
 *       {@code s3:ListBucket} on the bucket only for an {@code s3:prefix} under the recording prefix or an
 *       additional recording location,
 *       {@code connect:DescribeContact} (it re-reads the contact's recording locations before declaring one missing),
 *       {@code sns:Publish} on the topic;</li>
 *   <li>daily evidence: {@code dynamodb:Query} on the State index (the open contacts) and the ReportingDay index (a
 *       day's contacts), and, granted with the evidence bucket ({@link DetectorEvidence}), {@code s3:ListBucket} for
 *       an {@code s3:prefix} under {@code evidence/}, {@code s3:PutObject} on {@code evidence/*} and
 *       {@code sns:Publish} on the report topic;</li>
 *   <li>contact events (only with {@code contactEvents}): {@code dynamodb:GetItem, PutItem, UpdateItem} on the table
 *       (no index, no scan: each event names its contact); and, granted by its SQS event source
 *       ({@link ContactEventSource}), {@code sqs:ReceiveMessage, ChangeMessageVisibility, GetQueueUrl, DeleteMessage,
 *       GetQueueAttributes} on the contact event queue (and {@code kms:Decrypt} on {@code encryptionKey}).</li>
 * </ul>
 * No function may read recordings: the check learns whether a key exists by {@code ListObjectsV2} with the key as
 * {@code prefix}, never by HEAD or GET ({@code s3:GetObject} is not granted). With {@code s3:ListBucket} limited to the
 * recording prefix, S3 answers a HEAD of a missing key with 403 rather than 404, so listing is also the only way to
 * tell "missing" from "denied". Listing returns key names, which SSE-KMS does not encrypt, so the bucket's KMS key is
 * granted to no function. Customer managed keys of the table, topic or queues add the KMS actions of that access. Writing logs
 * and X-Ray traces is granted where the functions are made.
 */
final class DetectorPermissions {

    private static final List<String> KMS_READ = List.of("kms:Decrypt", "kms:DescribeKey");
    private static final List<String> KMS_WRITE =
            List.of("kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*");

    private DetectorPermissions() {
    }

    static void grant(Map<Handler, DetectorFunction> functions, ITable table, ITopic topic, DetectorSettings settings) {
        String tableArn = table.getTableArn();
        String indexArn = tableArn + "/index/" + RuntimeContract.STATE_INDEX;
        String contactArns = contactArns(table.getStack(), settings.instanceArn());

        Role ingest = functions.get(Handler.FLOW_LOG_INGEST).role();
        allow(ingest, List.of(tableArn), "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem");
        grantTableKey(table, ingest, KMS_WRITE);

        for (Handler poller : List.of(Handler.POLL_INITIALISED, Handler.POLL_IN_PROGRESS)) {
            Role role = functions.get(poller).role();
            allow(role, List.of(indexArn), "dynamodb:Query");
            allow(role, List.of(tableArn), "dynamodb:GetItem", "dynamodb:UpdateItem");
            allow(role, List.of(contactArns), "connect:DescribeContact");
            grantTableKey(table, role, KMS_WRITE);
            topic.grantPublish(role);
        }

        Role purge = functions.get(Handler.PURGE_QUEUE_CONTACTS).role();
        allow(purge, List.of(indexArn), "dynamodb:Query");
        allow(purge, List.of(tableArn), "dynamodb:UpdateItem");
        grantTableKey(table, purge, KMS_WRITE);

        Role check = functions.get(Handler.CHECK_RECORDINGS).role();
        allow(check, List.of(indexArn), "dynamodb:Query");
        allow(check, List.of(tableArn), "dynamodb:GetItem", "dynamodb:UpdateItem");
        allow(check, List.of(contactArns), "connect:DescribeContact");
        grantRecordingListing(check, settings);
        grantTableKey(table, check, KMS_WRITE);
        topic.grantPublish(check);

        Role evidence = functions.get(Handler.DAILY_EVIDENCE).role();
        allow(evidence, List.of(indexArn, tableArn + "/index/" + RuntimeContract.REPORTING_DAY_INDEX), "dynamodb:Query");
        grantTableKey(table, evidence, KMS_READ);

        DetectorFunction contactEvents = functions.get(Handler.CONTACT_EVENTS);
        if (contactEvents != null) {
            allow(contactEvents.role(), List.of(tableArn), "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem");
            grantTableKey(table, contactEvents.role(), KMS_WRITE);
        }
    }

    /**
     * {@code s3:ListBucket} (the permission of {@code ListObjectsV2}) on the bucket, only for listings whose
     * {@code prefix} lies under the recording prefix or an additional recording location: the runtime lists
     * {@code <prefix>/YYYY/MM/DD/<contactId>} and, for a location Connect reported, the location's own key, and only
     * when it lies under one of them.
     */
    private static void grantRecordingListing(Role role, DetectorSettings settings) {
        List<String> prefixes = new ArrayList<>();
        prefixes.add(settings.recordingKeyPrefix() + "/*");
        settings.additionalRecordingLocations().forEach(location -> prefixes.add(location + "/*"));
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(settings.recordingBucket().getBucketArn()))
                .conditions(Map.of("StringLike", Map.of("s3:prefix", prefixes)))
                .build());
    }

    /** {@code <instanceArn>/contact/*}, built from the instance ARN's parts (it may be a token). */
    private static String contactArns(Stack stack, String instanceArn) {
        ArnComponents instance = Arn.split(instanceArn, ArnFormat.SLASH_RESOURCE_NAME);
        return stack.formatArn(ArnComponents.builder()
                .partition(instance.getPartition())
                .service("connect")
                .region(instance.getRegion())
                .account(instance.getAccount())
                .resource("instance")
                .resourceName(instance.getResourceName() + "/contact/*")
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                .build());
    }

    private static void grantTableKey(ITable table, IGrantable grantee, List<String> actions) {
        if (table.getEncryptionKey() != null) {
            table.getEncryptionKey().grant(grantee, actions.toArray(String[]::new));
        }
    }

    private static void allow(Role role, List<String> resources, String... actions) {
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of(actions))
                .resources(resources)
                .build());
    }
}

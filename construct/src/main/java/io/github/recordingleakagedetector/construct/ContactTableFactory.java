package io.github.recordingleakagedetector.construct;

import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.constructs.Construct;

/** The contact table, with exactly the key, index and TTL attribute the runtime uses (see {@link RuntimeContract}). */
final class ContactTableFactory {

    private ContactTableFactory() {
    }

    static Table create(Construct scope, DetectorSettings settings) {
        Table.Builder table = Table.Builder.create(scope, "ContactTable")
                .partitionKey(Attribute.builder().name(RuntimeContract.CONTACT_ID).type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .timeToLiveAttribute(RuntimeContract.EXPIRES_AT)
                .deletionProtection(settings.deletionProtection())
                .removalPolicy(settings.removalPolicy());
        settings.encryptionKey().ifPresent(key -> table
                .encryption(TableEncryption.CUSTOMER_MANAGED)
                .encryptionKey(key));
        Table created = table.build();
        // Sparse: closed contacts drop UpdatedAt, so the handlers' queries only ever see contacts that need work.
        created.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(RuntimeContract.STATE_INDEX)
                .partitionKey(Attribute.builder().name(RuntimeContract.STATE).type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name(RuntimeContract.UPDATED_AT).type(AttributeType.NUMBER).build())
                .projectionType(ProjectionType.ALL)
                .build());
        // Every contact carries its reporting day: a day's evidence is one query of its own contacts, never a scan.
        created.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(RuntimeContract.REPORTING_DAY_INDEX)
                .partitionKey(Attribute.builder().name(RuntimeContract.REPORTING_DAY).type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name(RuntimeContract.CONTACT_ID).type(AttributeType.STRING).build())
                .projectionType(ProjectionType.ALL)
                .build());
        return created;
    }
}

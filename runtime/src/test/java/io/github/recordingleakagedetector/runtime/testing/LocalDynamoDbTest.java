package io.github.recordingleakagedetector.runtime.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.recordingleakagedetector.runtime.store.ContactTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Proves {@link LocalDynamoDb} serves the contact table the way the handlers use it. */
class LocalDynamoDbTest {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static LocalDynamoDb dynamo;

    @BeforeAll
    static void startDynamo() {
        dynamo = LocalDynamoDb.start();
    }

    @AfterAll
    static void stopDynamo() {
        dynamo.close();
    }

    private static String newTable() {
        String table = "contacts-" + TABLES.incrementAndGet();
        dynamo.createContactTable(table);
        return table;
    }

    @Test
    void contactTableHasTheConstructsKeyAndIndex() {
        String table = newTable();

        TableDescription description = dynamo.client().describeTable(r -> r.tableName(table)).table();

        assertThat(description.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(description.keySchema()).singleElement()
                .satisfies(key -> assertThat(key.attributeName()).isEqualTo(ContactTable.CONTACT_ID));
        assertThat(description.globalSecondaryIndexes()).hasSize(2).allSatisfy(index -> {
            assertThat(index.indexStatus()).isEqualTo(IndexStatus.ACTIVE);
            assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.ALL);
        });
        assertThat(description.globalSecondaryIndexes()).anySatisfy(index -> {
            assertThat(index.indexName()).isEqualTo(ContactTable.STATE_INDEX);
            assertThat(index.keySchema()).extracting(k -> k.attributeName())
                    .containsExactly(ContactTable.STATE, ContactTable.UPDATED_AT);
        }).anySatisfy(index -> {
            assertThat(index.indexName()).isEqualTo(ContactTable.REPORTING_DAY_INDEX);
            assertThat(index.keySchema()).extracting(k -> k.attributeName())
                    .containsExactly(ContactTable.REPORTING_DAY, ContactTable.CONTACT_ID);
        });
    }

    @Test
    void sparseStateIndexPagesInUpdatedAtOrderAndConditionalWritesHold() {
        String table = newTable();
        DynamoDbClient client = dynamo.client();
        for (int i = 0; i < 30; i++) {
            String contactId = "c-" + (100 + (i * 7) % 30);
            client.putItem(r -> r.tableName(table).item(item(contactId, "INITIALISED")));
        }
        // A closed item has no UpdatedAt, so it must not appear in the index.
        client.putItem(r -> r.tableName(table).item(Map.of(
                ContactTable.CONTACT_ID, s("closed"), ContactTable.STATE, s("INITIALISED"))));

        List<Long> updatedAts = client.queryPaginator(r -> r.tableName(table).indexName(ContactTable.STATE_INDEX)
                        .keyConditionExpression("#s = :s")
                        .expressionAttributeNames(Map.of("#s", ContactTable.STATE))
                        .expressionAttributeValues(Map.of(":s", s("INITIALISED")))
                        .limit(7))
                .items().stream().map(item -> Long.parseLong(item.get(ContactTable.UPDATED_AT).n())).toList();

        assertThat(updatedAts).hasSize(30).isSorted();
        assertThatThrownBy(() -> client.putItem(r -> r.tableName(table).item(item("c-100", "IN_PROGRESS"))
                .conditionExpression("attribute_not_exists(#id)")
                .expressionAttributeNames(Map.of("#id", ContactTable.CONTACT_ID))))
                .isInstanceOf(ConditionalCheckFailedException.class);
    }

    private static Map<String, AttributeValue> item(String contactId, String state) {
        return Map.of(ContactTable.CONTACT_ID, s(contactId), ContactTable.STATE, s(state),
                ContactTable.UPDATED_AT, AttributeValue.fromN(contactId.substring(2)));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}

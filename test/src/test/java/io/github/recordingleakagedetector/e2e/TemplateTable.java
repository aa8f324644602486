package io.github.recordingleakagedetector.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Creates the contact table locally from the template's own definition, so the runtime meets the deployed schema. */
final class TemplateTable {
    private TemplateTable() {
    }

    @SuppressWarnings("unchecked")
    static void create(DynamoDbClient dynamoDb, Map<String, Object> properties, String tableName) {
        List<Map<String, Object>> attributes = (List<Map<String, Object>>) properties.get("AttributeDefinitions");
        List<Map<String, Object>> indexes =
                (List<Map<String, Object>>) properties.getOrDefault("GlobalSecondaryIndexes", List.of());
        dynamoDb.createTable(CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(String.valueOf(properties.get("BillingMode")))
                .attributeDefinitions(attributes.stream()
                        .map(a -> AttributeDefinition.builder()
                                .attributeName(String.valueOf(a.get("AttributeName")))
                                .attributeType(String.valueOf(a.get("AttributeType")))
                                .build())
                        .toList())
                .keySchema(keys(properties.get("KeySchema")))
                .globalSecondaryIndexes(indexes.stream()
                        .map(index -> GlobalSecondaryIndex.builder()
                                .indexName(String.valueOf(index.get("IndexName")))
                                .keySchema(keys(index.get("KeySchema")))
                                .projection(p -> p.projectionType(String.valueOf(
                                        ((Map<String, Object>) index.get("Projection")).get("ProjectionType"))))
                                .build())
                        .toList())
                .build());
        awaitActive(dynamoDb, tableName);
    }

    @SuppressWarnings("unchecked")
    private static List<KeySchemaElement> keys(Object schema) {
        return ((List<Map<String, Object>>) schema).stream()
                .map(k -> KeySchemaElement.builder()
                        .attributeName(String.valueOf(k.get("AttributeName")))
                        .keyType(String.valueOf(k.get("KeyType")))
                        .build())
                .toList();
    }

    private static void awaitActive(DynamoDbClient dynamoDb, String tableName) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (dynamoDb.describeTable(r -> r.tableName(tableName)).table().tableStatus() != TableStatus.ACTIVE) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Table " + tableName + " did not become active");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}

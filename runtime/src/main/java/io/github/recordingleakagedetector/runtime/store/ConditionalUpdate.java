package io.github.recordingleakagedetector.runtime.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Builds one UpdateItem with SET/REMOVE clauses and a condition, using placeholders for every name and value
 * (so reserved words such as {@code State} need no special care).
 */
final class ConditionalUpdate {
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, AttributeValue> values = new LinkedHashMap<>();
    private final List<String> sets = new ArrayList<>();
    private final List<String> removes = new ArrayList<>();
    private final List<String> conditions = new ArrayList<>();

    ConditionalUpdate set(String attribute, AttributeValue value) {
        sets.add(name(attribute) + " = " + value(value));
        return this;
    }

    /** Sets the attribute unless the item has it already: the first value written wins. */
    ConditionalUpdate setIfAbsent(String attribute, AttributeValue value) {
        String name = name(attribute);
        sets.add(name + " = if_not_exists(" + name + ", " + value(value) + ")");
        return this;
    }

    ConditionalUpdate setIfPresent(String attribute, AttributeValue value) {
        return value == null ? this : set(attribute, value);
    }

    ConditionalUpdate remove(String attribute) {
        removes.add(name(attribute));
        return this;
    }

    ConditionalUpdate expect(String attribute, AttributeValue value) {
        conditions.add(name(attribute) + " = " + value(value));
        return this;
    }

    /** Requires the version that was read and moves it on by one. */
    ConditionalUpdate expectVersion(long version) {
        expect(ContactTable.VERSION, Items.number(version));
        return set(ContactTable.VERSION, Items.number(version + 1));
    }

    /** Moves the version on without knowing it (the condition is on another attribute). */
    ConditionalUpdate incrementVersion() {
        String version = name(ContactTable.VERSION);
        sets.add(version + " = " + version + " + " + value(Items.number(1)));
        return this;
    }

    UpdateItemRequest toRequest(String tableName, String contactId) {
        String expression = "SET " + String.join(", ", sets)
                + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        return UpdateItemRequest.builder()
                .tableName(tableName)
                .key(Map.of(ContactTable.CONTACT_ID, Items.text(contactId)))
                .updateExpression(expression)
                .conditionExpression(conditions.isEmpty() ? null : String.join(" AND ", conditions))
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
    }

    private String name(String attribute) {
        String placeholder = "#" + attribute;
        names.put(placeholder, attribute);
        return placeholder;
    }

    private String value(AttributeValue value) {
        String placeholder = ":v" + values.size();
        values.put(placeholder, value);
        return placeholder;
    }
}

package io.github.recordingleakagedetector.runtime.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.recordingleakagedetector.runtime.store.ContactTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * A real DynamoDB wire endpoint for tests: dynalite (npm) in a child Node process, in memory, on 127.0.0.1.
 *
 * <p>Start one per test class and give each test its own table name; starting costs ~0.2 s. dynalite does not
 * support transactions, TTL updates or PartiQL.
 */
public final class LocalDynamoDb implements AutoCloseable {
    private static final long START_TIMEOUT_MS = 15_000;
    private static final String READY_LINE = "Dynalite listening at";
    /*
     * Runs dynalite's own cli.js, but first makes Node exit when its stdin closes: if the test JVM dies without
     * calling close(), the pipe closes and no orphaned server is left on the machine.
     */
    private static final String WATCHDOG_THEN_CLI =
            "process.stdin.on('end', () => process.exit(0)).resume(); require(process.argv[1]);";

    private final Process process;
    private final URI endpoint;
    private final StringBuffer output = new StringBuffer();
    private DynamoDbClient client;

    private LocalDynamoDb(Path cli, int port) {
        List<String> command = List.of("node", "-e", WATCHDOG_THEN_CLI, cli.toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0");
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Node (is `node` on the PATH?): " + command, e);
        }
        endpoint = URI.create("http://127.0.0.1:" + port);
    }

    /** Starts dynalite on a free port and returns once it accepts requests. */
    public static LocalDynamoDb start() {
        Path cli = RepoRoot.find().resolve("node_modules/dynalite/cli.js");
        for (int attempt = 1; ; attempt++) {
            LocalDynamoDb db = new LocalDynamoDb(cli, FreePort.find());
            try {
                db.awaitReady();
                return db;
            } catch (RuntimeException e) {
                db.close();
                // dynalite cannot bind port 0, so another process may grab the chosen port first: pick another.
                if (attempt == 3 || !db.output().contains("EADDRINUSE")) {
                    throw e;
                }
            }
        }
    }

    private void awaitReady() {
        CountDownLatch ready = new CountDownLatch(1);
        // The reader keeps draining after the ready line so the child never blocks on a full pipe.
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.append(line).append('\n');
                    if (line.startsWith(READY_LINE)) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // Process ended or was destroyed; nothing left to read.
            }
        }, "dynalite-output-" + endpoint.getPort());
        reader.setDaemon(true);
        reader.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
            while (!ready.await(20, TimeUnit.MILLISECONDS)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("dynalite exited with code " + process.exitValue()
                            + " before listening on " + endpoint + ". Output:\n" + output);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("dynalite did not listen on " + endpoint + " within "
                            + START_TIMEOUT_MS + " ms. Output:\n" + output);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for dynalite", e);
        }
    }

    /** The HTTP endpoint, e.g. {@code http://127.0.0.1:40123}. */
    public URI endpoint() {
        return endpoint;
    }

    /** A client for this server, built on first use and closed by {@link #close()}. */
    public synchronized DynamoDbClient client() {
        if (client == null) {
            client = TestAwsClients.local(DynamoDbClient.builder(), endpoint).build();
        }
        return client;
    }

    /**
     * Creates the contact table exactly as the construct does: partition key {@code ContactId} (S), the sparse
     * global secondary index {@code State-UpdatedAt-index} ({@code State} S, {@code UpdatedAt} N, all attributes
     * projected), on-demand billing. The table is ACTIVE when this returns.
     */
    public void createContactTable(String tableName) {
        client().createTable(table -> table
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attribute(ContactTable.CONTACT_ID, ScalarAttributeType.S),
                        attribute(ContactTable.STATE, ScalarAttributeType.S),
                        attribute(ContactTable.UPDATED_AT, ScalarAttributeType.N),
                        attribute(ContactTable.REPORTING_DAY, ScalarAttributeType.S))
                .keySchema(key(ContactTable.CONTACT_ID, KeyType.HASH))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(ContactTable.STATE_INDEX)
                        .keySchema(key(ContactTable.STATE, KeyType.HASH), key(ContactTable.UPDATED_AT, KeyType.RANGE))
                        .projection(projection -> projection.projectionType(ProjectionType.ALL))
                        .build(), GlobalSecondaryIndex.builder()
                        .indexName(ContactTable.REPORTING_DAY_INDEX)
                        .keySchema(key(ContactTable.REPORTING_DAY, KeyType.HASH),
                                key(ContactTable.CONTACT_ID, KeyType.RANGE))
                        .projection(projection -> projection.projectionType(ProjectionType.ALL))
                        .build()));
        awaitActive(tableName);
    }

    /*
     * dynalite answers CreateTable with CREATING and flips to ACTIVE on its next tick. The SDK waiter would sleep
     * 20 s before polling again, so poll briefly here.
     */
    private void awaitActive(String tableName) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            TableDescription table = client().describeTable(request -> request.tableName(tableName)).table();
            boolean active = table.tableStatus() == TableStatus.ACTIVE
                    && table.globalSecondaryIndexes().stream().allMatch(i -> i.indexStatus() == IndexStatus.ACTIVE);
            if (active) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Table " + tableName + " not ACTIVE after 10 s: " + table);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for table " + tableName, e);
            }
        }
    }

    /** Everything dynalite has printed so far (for diagnosing failures). */
    public String output() {
        return output.toString();
    }

    /** Closes the client and ends the dynalite process, waiting for it to exit. */
    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}

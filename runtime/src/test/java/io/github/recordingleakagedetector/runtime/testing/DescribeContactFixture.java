package io.github.recordingleakagedetector.runtime.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The four real DescribeContact responses recorded for the original design, in the HTTP wire form
 * ({@code {"Contact":{...}}}, epoch-second timestamps), as classpath resources under
 * {@code fixtures/describe-contact/}. Serve one with {@link ConnectSimulator#serveRawJson}.
 */
public enum DescribeContactFixture {
    /** Answered by an agent, then disconnected. */
    COMPLETED_AGENT("completed-agent", "955c07e1-af64-4094-9c16-c59995ecdcbe"),
    /** On a call with an agent (no DisconnectTimestamp). */
    IN_PROGRESS_AGENT("in-progress-agent", "bd749cef-008a-4130-b137-0dfdfd2acf9c"),
    /** Hung up while waiting in the queue (no AgentInfo). */
    COMPLETED_QUEUE("completed-queue", "b1797f20-7c75-48d9-94a6-6dfbeb539105"),
    /** Waiting in the queue. */
    IN_PROGRESS_QUEUE("in-progress-queue", "a346ae06-accc-4101-8cf1-beb322f47c6a");

    /** The Connect instance all four were recorded on (af-south-1). */
    public static final String INSTANCE_ID = "bd7c61d1-6722-4b4f-8c9c-6253e5a85c32";

    private final String fileName;
    private final String contactId;

    DescribeContactFixture(String fileName, String contactId) {
        this.fileName = fileName;
        this.contactId = contactId;
    }

    public String contactId() {
        return contactId;
    }

    /** The classpath resource, e.g. {@code fixtures/describe-contact/completed-agent.json}. */
    public String resource() {
        return "fixtures/describe-contact/" + fileName + ".json";
    }

    /** The response body. */
    public String json() {
        try (InputStream in = DescribeContactFixture.class.getClassLoader().getResourceAsStream(resource())) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + resource());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes {@code simulator} answer DescribeContact for this contact with the fixture, verbatim. */
    public void serveFrom(ConnectSimulator simulator) {
        simulator.serveRawJson(INSTANCE_ID, contactId, json());
    }
}

package io.github.recordingleakagedetector.runtime.testing;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * A local SNS endpoint that records {@code Publish} calls (AWS query protocol: form-encoded POST, XML answers),
 * so tests can assert on the alerts the code under test sends.
 *
 * <p>Faults: {@link #failNextPublishes} answers 500 {@code InternalError}, which the SDK retries: to make a
 * publish fail for good, fail as many requests as the client's retry strategy has attempts (3 for
 * {@link TestAwsClients#fastRetryStrategy()} and the SDK's standard mode, 4 for its legacy default mode).
 * {@link #denyPublishes} answers 403 {@code AuthorizationError}, which the SDK does not retry. Thread-safe.
 */
public final class SnsRecorder extends LocalAwsService<SnsClient> {
    private static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";
    private static final String XML = "text/xml";

    /** One accepted Publish call; attributes map name to StringValue (BinaryValue, base64, for binary ones). */
    public record PublishedMessage(String topicArn, String subject, String message,
            Map<String, String> messageAttributes) {
    }

    private final List<PublishedMessage> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger failNext = new AtomicInteger();
    private volatile boolean deny;

    private SnsRecorder() {
        super("sns-recorder");
    }

    /** Starts the endpoint. */
    public static SnsRecorder start() {
        return new SnsRecorder();
    }

    @Override
    protected SnsClient newClient(ClientOverrideConfiguration overrides) {
        return TestAwsClients.local(SnsClient.builder(), endpoint(), overrides).build();
    }

    /** The Publish calls answered with success, in arrival order. */
    public List<PublishedMessage> published() {
        return List.copyOf(published);
    }

    /** Every request received, including failed and denied ones (each SDK retry counts). */
    public int requestCount() {
        return requests.get();
    }

    /** Answers the next {@code n} Publish requests with 500 {@code InternalError}. */
    public void failNextPublishes(int n) {
        failNext.addAndGet(n);
    }

    /** While true, answers Publish with 403 {@code AuthorizationError} (e.g. a topic policy missing the role). */
    public void denyPublishes(boolean value) {
        deny = value;
    }

    /** Forgets the recorded messages. */
    public void clear() {
        published.clear();
        requests.set(0);
        failNext.set(0);
        deny = false;
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        Map<String, String> form = parseForm(LocalHttpServer.readBody(exchange));
        if (!"POST".equals(exchange.getRequestMethod()) || !"Publish".equals(form.get("Action"))) {
            error(exchange, 400, "Sender", "InvalidAction",
                    "SnsRecorder serves only Publish, not " + form.get("Action"));
            return;
        }
        if (deny) {
            error(exchange, 403, "Sender", "AuthorizationError",
                    "User is not authorized to perform: SNS:Publish on resource: " + form.get("TopicArn"));
            return;
        }
        if (failNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            error(exchange, 500, "Receiver", "InternalError", "Simulated internal failure");
            return;
        }
        published.add(new PublishedMessage(form.get("TopicArn"), form.get("Subject"), form.get("Message"),
                attributes(form)));
        String messageId = UUID.randomUUID().toString();
        LocalHttpServer.respond(exchange, 200, XML, Map.of(), "<PublishResponse xmlns=\"" + NAMESPACE + "\">"
                + "<PublishResult><MessageId>" + messageId + "</MessageId></PublishResult>"
                + "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata>"
                + "</PublishResponse>");
    }

    /* MessageAttributes.entry.N.Name / .Value.DataType / .Value.StringValue (or .Value.BinaryValue). */
    private static Map<String, String> attributes(Map<String, String> form) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int n = 1; form.containsKey("MessageAttributes.entry." + n + ".Name"); n++) {
            String prefix = "MessageAttributes.entry." + n + ".";
            String value = form.getOrDefault(prefix + "Value.StringValue", form.get(prefix + "Value.BinaryValue"));
            attributes.put(form.get(prefix + "Name"), value);
        }
        return attributes;
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            form.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return form;
    }

    private static void error(HttpExchange exchange, int status, String type, String code, String message)
            throws IOException {
        LocalHttpServer.respond(exchange, status, XML, Map.of(), "<ErrorResponse xmlns=\"" + NAMESPACE + "\">"
                + "<Error><Type>" + type + "</Type><Code>" + code + "</Code><Message>" + escape(message)
                + "</Message></Error><RequestId>" + UUID.randomUUID() + "</RequestId></ErrorResponse>");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

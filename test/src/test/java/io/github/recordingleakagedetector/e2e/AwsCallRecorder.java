package io.github.recordingleakagedetector.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.github.recordingleakagedetector.runtime.testing.LocalHttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS endpoints as each function sees them: one recording proxy per function in front of the local servers.
 * It forwards every request unchanged (routing by the service its SigV4 signature names) and records it as IAM
 * sees a call: the caller, the action, the resource ARN, and the condition keys the project's policies use
 * ({@code s3:prefix}). The record is what {@link IamSufficiency} checks against each function's role, and what the
 * simulation counts requests with (retries included, as the servers see them).
 */
final class AwsCallRecorder implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SIGNED_SERVICE = Pattern.compile("Credential=[^/]+/[^/]+/([^/]+)/([^/]+)/aws4_request");
    private static final Pattern CONNECT_CONTACT = Pattern.compile("/contacts/([^/]+)/([^/]+)");
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "transfer-encoding", "keep-alive");

    /** One request a function sent, as IAM would authorise it. */
    record AwsCall(String function, String service, String operation, String action, String resource,
            Map<String, String> conditionKeys) {
        @Override
        public String toString() {
            return action + " on " + resource + (conditionKeys.isEmpty() ? "" : " with " + conditionKeys);
        }
    }

    private final String account;
    private final Map<String, URI> upstreams;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, LocalHttpServer> proxies = new ConcurrentHashMap<>();
    private final Set<AwsCall> calls = ConcurrentHashMap.newKeySet();
    private final Map<String, LongAdder> byOperation = new ConcurrentHashMap<>();

    /** @param upstreams the local server of each SigV4 service name: dynamodb, s3, connect, sns */
    AwsCallRecorder(String account, Map<String, URI> upstreams) {
        this.account = account;
        this.upstreams = Map.copyOf(upstreams);
    }

    /** The endpoint a function's SDK clients are pointed at (all services: the proxy routes by signature). */
    URI endpointFor(String function) {
        return proxies.computeIfAbsent(function,
                name -> LocalHttpServer.start("aws-proxy-" + name, exchange -> forward(name, exchange))).endpoint();
    }

    /** Every distinct call made so far (a retry or a repeat of the same call is one). */
    Set<AwsCall> calls() {
        return Set.copyOf(calls);
    }

    /** Requests by {@code Service:Operation} (the SDK's service names: DynamoDb, S3, Connect, Sns). */
    Map<String, Long> byOperation() {
        Map<String, Long> counts = new TreeMap<>();
        byOperation.forEach((operation, count) -> counts.put(operation, count.sum()));
        return counts;
    }

    /** Requests to one service, by the SDK's service name. */
    long service(String service) {
        return byOperation.entrySet().stream().filter(e -> e.getKey().startsWith(service + ":"))
                .mapToLong(e -> e.getValue().sum()).sum();
    }

    private void forward(String function, HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        Matcher signed = SIGNED_SERVICE.matcher(authorization);
        if (!signed.find() || !upstreams.containsKey(signed.group(2))) {
            LocalHttpServer.respond(exchange, 403, "text/plain", Map.of(), "Unsigned or unknown service: "
                    + authorization);
            return;
        }
        String region = signed.group(1);
        String service = signed.group(2);
        AwsCall call = describe(function, service, region, exchange, body);
        calls.add(call);
        byOperation.computeIfAbsent(sdkServiceName(service) + ":" + call.operation(), k -> new LongAdder()).increment();

        URI target = URI.create(upstreams.get(service) + exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while forwarding to " + target, e);
        }
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] responseBody = response.body();
        boolean noBody = responseBody.length == 0 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : responseBody.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(responseBody);
            }
        }
    }

    private AwsCall describe(String function, String service, String region, HttpExchange exchange, byte[] body)
            throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String method = exchange.getRequestMethod();
        return switch (service) {
            case "dynamodb" -> {
                String operation = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"))
                        .replaceFirst(".*\\.", "");
                JsonNode request = JSON.readTree(body);
                String table = "arn:aws:dynamodb:" + region + ":" + account + ":table/" + request.path("TableName").asText();
                String resource = request.hasNonNull("IndexName")
                        ? table + "/index/" + request.path("IndexName").asText()
                        : table;
                yield new AwsCall(function, service, operation, "dynamodb:" + operation, resource, Map.of());
            }
            case "s3" -> {
                String[] segments = path.substring(1).split("/", 2);
                String bucket = "arn:aws:s3:::" + segments[0];
                if ("GET".equals(method) && segments.length == 1) {
                    boolean v2 = "2".equals(query.get("list-type"));
                    yield new AwsCall(function, service, v2 ? "ListObjectsV2" : "ListObjects", "s3:ListBucket", bucket,
                            Map.of("s3:prefix", query.getOrDefault("prefix", "")));
                }
                String key = segments.length > 1 ? URLDecoder.decode(segments[1], StandardCharsets.UTF_8) : "";
                String operation = switch (method) {
                    case "GET" -> "GetObject";
                    case "HEAD" -> "HeadObject";
                    case "PUT" -> "PutObject";
                    case "DELETE" -> "DeleteObject";
                    default -> method;
                };
                String action = operation.equals("HeadObject") ? "s3:GetObject" : "s3:" + operation;
                yield new AwsCall(function, service, operation, action, bucket + "/" + key, Map.of());
            }
            case "connect" -> {
                Matcher contact = CONNECT_CONTACT.matcher(path);
                if (!"GET".equals(method) || !contact.matches()) {
                    yield new AwsCall(function, service, method + " " + path, "connect:Unknown", "*", Map.of());
                }
                yield new AwsCall(function, service, "DescribeContact", "connect:DescribeContact", "arn:aws:connect:"
                        + region + ":" + account + ":instance/" + contact.group(1) + "/contact/" + contact.group(2),
                        Map.of());
            }
            case "sns" -> {
                Map<String, String> form = query(new String(body, StandardCharsets.UTF_8));
                String operation = form.getOrDefault("Action", "Unknown");
                yield new AwsCall(function, service, operation, "sns:" + operation,
                        form.getOrDefault("TopicArn", "*"), Map.of());
            }
            default -> throw new IllegalStateException("No upstream for " + service);
        };
    }

    private static String sdkServiceName(String signingName) {
        return switch (signingName) {
            case "dynamodb" -> "DynamoDb";
            case "s3" -> "S3";
            case "connect" -> "Connect";
            case "sns" -> "Sns";
            default -> signingName;
        };
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        Arrays.stream(raw.split("&")).forEach(pair -> {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            values.put(name, value);
        });
        return values;
    }

    @Override
    public void close() {
        proxies.values().forEach(LocalHttpServer::close);
    }
}

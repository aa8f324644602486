package io.github.recordingleakagedetector.runtime.handler;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client that never touches the network: it answers each request the handlers make with a well-formed
 * response of the service's wire format, and keeps the list of calls it answered ({@code Service:Operation}).
 * Priming runs the real SDK clients over it.
 */
final class CannedAwsResponses implements SdkHttpClient {
    private static final String DYNAMODB_JSON = "application/x-amz-json-1.0";

    private final List<String> calls = new CopyOnWriteArrayList<>();

    List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                return answer(request.httpRequest(), body(request));
            }

            @Override
            public void abort() {
                // Nothing in flight: the answer is made in memory.
            }
        };
    }

    private HttpExecuteResponse answer(SdkHttpRequest request, String body) {
        String host = request.host();
        if (host.startsWith("dynamodb.")) {
            String operation = request.firstMatchingHeader("X-Amz-Target").orElse("").replaceFirst(".*\\.", "");
            calls.add("DynamoDb:" + operation);
            return switch (operation) {
                case "GetItem" -> response(200, DYNAMODB_JSON, "{\"Item\":" + PrimingSamples.CONTACT_ITEM + "}");
                case "Query" -> response(200, DYNAMODB_JSON, "{\"Items\":[],\"Count\":0,\"ScannedCount\":0}");
                // Lost races are routine: their error response is primed too.
                case "PutItem" -> response(400, DYNAMODB_JSON, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                        + "ConditionalCheckFailedException\",\"message\":\"The conditional request failed\"}");
                default -> response(200, DYNAMODB_JSON, "{}");
            };
        }
        if (host.startsWith("connect.")) {
            calls.add("Connect:DescribeContact");
            return response(200, "application/json", PrimingSamples.DESCRIBE_CONTACT_RESPONSE);
        }
        if (host.startsWith("sns.")) {
            calls.add("Sns:" + (body.startsWith("Action=Publish") ? "Publish" : body));
            return response(200, "text/xml", "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                    + "<PublishResult><MessageId>priming</MessageId></PublishResult></PublishResponse>");
        }
        if (host.contains(".s3.")) {
            calls.add("S3:" + (request.rawQueryParameters().containsKey("list-type") ? "ListObjectsV2" : request.method()));
            return response(200, "application/xml", PrimingSamples.LIST_OBJECTS_RESPONSE);
        }
        throw new IllegalStateException("Priming made a call to an unexpected host: " + host);
    }

    private static String body(HttpExecuteRequest request) throws IOException {
        if (request.contentStreamProvider().isEmpty()) {
            return "";
        }
        try (InputStream in = request.contentStreamProvider().get().newStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static HttpExecuteResponse response(int status, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return HttpExecuteResponse.builder()
                .response(SdkHttpResponse.builder()
                        .statusCode(status)
                        .headers(Map.of("Content-Type", List.of(contentType),
                                "Content-Length", List.of(Integer.toString(bytes.length)),
                                "x-amzn-RequestId", List.of("priming")))
                        .build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                .build();
    }

    @Override
    public String clientName() {
        return "CannedAwsResponses";
    }

    @Override
    public void close() {
        // Holds no connections.
    }
}

package io.github.recordingleakagedetector.runtime.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.connect.ConnectClient;

/**
 * A stateful Amazon Connect contact centre for tests (Connect has no emulator): serves {@code DescribeContact}
 * ({@code GET /contacts/{InstanceId}/{ContactId}}) on 127.0.0.1 exactly as the real service answers the SDK.
 *
 * <p>Contacts follow {@linkplain ScriptedContact scripted life cycles} rendered at the simulator's own clock
 * ({@link #now()}, {@link #setTime}, {@link #advance}; it does not tick by itself, or it can
 * {@linkplain #followClock follow} the clock the code under test uses). Faults: injected throttling (429
 * {@code ThrottlingException}, retried by the SDK), server errors (500 {@code InternalServiceException}, retried),
 * an optional request-rate quota, and contacts that are not found (404 {@code ResourceNotFoundException}, not
 * retried). Counters show how the code under test called it. Thread-safe.
 */
public final class ConnectSimulator extends LocalAwsService<ConnectClient> {
    private static final Pattern DESCRIBE_CONTACT = Pattern.compile("/contacts/([^/]+)/([^/]+)");
    private static final String JSON = "application/json";

    private final Map<String, ScriptedContact> scripts = new ConcurrentHashMap<>();
    private final Map<String, String> rawResponses = new ConcurrentHashMap<>();
    private final Set<String> hidden = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> hiddenUntil = new ConcurrentHashMap<>();
    private final Set<String> rejected = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> describeCounts = new ConcurrentHashMap<>();
    private final AtomicInteger totalRequests = new AtomicInteger();
    private final AtomicInteger throttled = new AtomicInteger();
    private final AtomicInteger serverErrors = new AtomicInteger();
    private final AtomicInteger throttleNext = new AtomicInteger();
    private final AtomicInteger failNext = new AtomicInteger();
    private volatile Supplier<Instant> time;
    private volatile TokenBucket quota;

    private ConnectSimulator() {
        super("connect-simulator");
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        time = () -> start;
    }

    /** Starts the simulator; its clock stands at the current wall-clock time (to the millisecond). */
    public static ConnectSimulator start() {
        return new ConnectSimulator();
    }

    @Override
    protected ConnectClient newClient(ClientOverrideConfiguration overrides) {
        return TestAwsClients.local(ConnectClient.builder(), endpoint(), overrides).build();
    }

    // ---- clock ----

    /** The simulator's current time, at which contacts are described. */
    public Instant now() {
        return time.get();
    }

    /** Sets the (fixed) time. */
    public void setTime(Instant instant) {
        Objects.requireNonNull(instant);
        time = () -> instant;
    }

    /** Moves the time on; a followed clock is replaced by the resulting fixed time. */
    public void advance(Duration duration) {
        setTime(now().plus(duration));
    }

    /** From now on reads the time from {@code clock}, e.g. the one the handlers under test use. */
    public void followClock(Clock clock) {
        Objects.requireNonNull(clock);
        time = clock::instant;
    }

    /** Forgets every contact, fault and count, so one simulator can serve many independent tests. */
    public void reset() {
        scripts.clear();
        rawResponses.clear();
        hidden.clear();
        hiddenUntil.clear();
        rejected.clear();
        describeCounts.clear();
        totalRequests.set(0);
        throttled.set(0);
        serverErrors.set(0);
        throttleNext.set(0);
        failNext.set(0);
        quota = null;
    }

    // ---- contacts ----

    /**
     * The script of a contact, created on first call (initiated at {@link #now()}, INBOUND, VOICE) and returned
     * as is on later calls, to be extended.
     */
    public ScriptedContact contact(String instanceId, String contactId) {
        return scripts.computeIfAbsent(key(instanceId, contactId),
                k -> new ScriptedContact(instanceId, contactId, now()));
    }

    /**
     * Serves {@code json} verbatim (e.g. a recorded real response) for this contact, whatever the time; takes
     * precedence over a script of the same contact.
     */
    public void serveRawJson(String instanceId, String contactId, String json) {
        rawResponses.put(key(instanceId, contactId), json);
    }

    /** Makes a contact not found in every instance from now on, even if scripted (e.g. purged after 24 months). */
    public void notFound(String contactId) {
        hidden.add(contactId);
    }

    /**
     * Makes a contact not found until the simulated time reaches {@code until}, as Connect may briefly not know a
     * contact that a flow has already logged.
     */
    public void notFoundUntil(String contactId, Instant until) {
        hiddenUntil.put(contactId, until);
    }

    /** Answers DescribeContact for this contact with 400 {@code InvalidParameterException} (a malformed id). */
    public void rejectAsInvalid(String contactId) {
        rejected.add(contactId);
    }

    // ---- faults ----

    /** Drops injected throttling and failures not yet served. */
    public void clearInjectedFaults() {
        throttleNext.set(0);
        failNext.set(0);
    }

    /** Answers the next {@code n} requests with 429 {@code ThrottlingException}. */
    public void throttleNextRequests(int n) {
        throttleNext.addAndGet(n);
    }

    /** Answers the next {@code n} requests (after any injected throttling) with 500 {@code InternalServiceException}. */
    public void failNextRequests(int n) {
        failNext.addAndGet(n);
    }

    /**
     * Enforces a request quota like the account's API quota (documented default: 2 requests/s, burst 5): requests
     * beyond it get 429 {@code ThrottlingException}. Measured in real time, since SDK backoff is real time.
     */
    public void limitRequestRate(double requestsPerSecond, int burst) {
        quota = new TokenBucket(requestsPerSecond, burst);
    }

    /** Removes the request quota. */
    public void unlimitedRequestRate() {
        quota = null;
    }

    // ---- counters ----

    /** DescribeContact requests received for this contact id, whatever the answer (retries count each). */
    public int describeCount(String contactId) {
        AtomicInteger count = describeCounts.get(contactId);
        return count == null ? 0 : count.get();
    }

    /** All requests received, whatever the answer. */
    public int totalDescribeRequests() {
        return totalRequests.get();
    }

    /** Requests answered with 429. */
    public int throttledResponses() {
        return throttled.get();
    }

    /** Requests answered with 500 by {@link #failNextRequests}. */
    public int serverErrorResponses() {
        return serverErrors.get();
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        Matcher path = DESCRIBE_CONTACT.matcher(exchange.getRequestURI().getRawPath());
        if (!"GET".equals(exchange.getRequestMethod()) || !path.matches()) {
            error(exchange, 400, "InvalidRequestException", "ConnectSimulator serves only DescribeContact, not "
                    + exchange.getRequestMethod() + " " + exchange.getRequestURI());
            return;
        }
        String instanceId = URLDecoder.decode(path.group(1), StandardCharsets.UTF_8);
        String contactId = URLDecoder.decode(path.group(2), StandardCharsets.UTF_8);
        totalRequests.incrementAndGet();
        describeCounts.computeIfAbsent(contactId, k -> new AtomicInteger()).incrementAndGet();

        TokenBucket limit = quota;
        if (takeOne(throttleNext) || (limit != null && !limit.tryAcquire())) {
            throttled.incrementAndGet();
            error(exchange, 429, "ThrottlingException", "Rate exceeded");
            return;
        }
        if (takeOne(failNext)) {
            serverErrors.incrementAndGet();
            error(exchange, 500, "InternalServiceException", "Simulated internal failure");
            return;
        }
        if (rejected.contains(contactId)) {
            error(exchange, 400, "InvalidParameterException", "One or more of the specified parameters are not valid.");
            return;
        }
        Optional<String> body = describe(instanceId, contactId);
        if (body.isEmpty()) {
            error(exchange, 404, "ResourceNotFoundException", "Contact not found");
            return;
        }
        LocalHttpServer.respond(exchange, 200, JSON, Map.of("x-amzn-RequestId", UUID.randomUUID().toString()),
                body.get());
    }

    private Optional<String> describe(String instanceId, String contactId) {
        Instant visibleFrom = hiddenUntil.get(contactId);
        if (hidden.contains(contactId) || visibleFrom != null && now().isBefore(visibleFrom)) {
            return Optional.empty();
        }
        String key = key(instanceId, contactId);
        String raw = rawResponses.get(key);
        if (raw != null) {
            return Optional.of(raw);
        }
        ScriptedContact script = scripts.get(key);
        return script == null ? Optional.empty() : script.describeAt(now());
    }

    /*
     * restJson errors: the SDK takes the error code from x-amzn-ErrorType and maps it to the modelled exception;
     * the message comes from the body's "Message".
     */
    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        LocalHttpServer.respond(exchange, status, JSON,
                Map.of("x-amzn-ErrorType", type, "x-amzn-RequestId", UUID.randomUUID().toString()),
                JsonText.object().field("Message", message).end());
    }

    private static boolean takeOne(AtomicInteger counter) {
        return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    private static String key(String instanceId, String contactId) {
        return instanceId + "/" + contactId;
    }

    /** A token bucket in real time. */
    private static final class TokenBucket {
        private final double perNano;
        private final int burst;
        private double tokens;
        private long last = System.nanoTime();

        TokenBucket(double perSecond, int burst) {
            this.perNano = perSecond / 1e9;
            this.burst = burst;
            this.tokens = burst;
        }

        synchronized boolean tryAcquire() {
            long nowNanos = System.nanoTime();
            tokens = Math.min(burst, tokens + (nowNanos - last) * perNano);
            last = nowNanos;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}

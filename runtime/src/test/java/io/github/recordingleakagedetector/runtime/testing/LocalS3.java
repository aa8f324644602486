package io.github.recordingleakagedetector.runtime.testing;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import io.github.recordingleakagedetector.runtime.lifecycle.StoredRecording;
import java.util.Properties;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A real S3 wire endpoint for tests: s3proxy embedded in the test JVM with an in-memory ({@code transient})
 * store, on 127.0.0.1, checking SigV4 signatures made with {@link TestAwsClients}' dummy keys.
 *
 * <p>The first start in a JVM takes ~1 s, later ones ~50 ms. Clients must use path-style addressing.
 *
 * <p>Uploads: with the SDK's default {@code aws-chunked} request bodies, s3proxy/Jetty now and then closes a
 * keep-alive connection after answering (most likely unread chunk trailer bytes), and the next request on that
 * connection fails with "Unexpected end of file from server" (seen on ~5% of PutObjects; through the
 * 100-continue path the SDK does not even retry it). {@link #client()} therefore sends plain signed bodies; build
 * any other uploading client with {@link #configureUploads(S3ClientBuilder)}. Reads (Get, Head, List) are
 * unaffected.
 */
public final class LocalS3 implements AutoCloseable {
    private final S3Proxy proxy;
    private final BlobStore store;
    private final URI endpoint;
    private S3Client client;

    private LocalS3(S3Proxy proxy, BlobStore store) {
        this.proxy = proxy;
        this.store = store;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Starts s3proxy on a free port and returns once it serves requests. */
    public static LocalS3 start() {
        return start(BlobStores.create("transient", new Properties()));
    }

    /**
     * As {@link #start()}, but first pages of prefix listings come from a sorted index, as in Amazon S3, rather
     * than from a scan of the prefix's whole folder (see {@link IndexedListingBlobStore}): for simulations and
     * benchmarks with tens of thousands of recordings a day.
     */
    public static LocalS3 startWithIndexedListings() {
        return start(new IndexedListingBlobStore(BlobStores.create("transient", new Properties())),
                AuthenticationType.AWS_V2_OR_V4);
    }

    /**
     * As {@link #startWithIndexedListings()}, without checking signatures, like the other local servers: for a
     * simulation, whose requests pass a recording proxy (a different host than the client signed) and are signed at
     * the simulation's time (months from the machine's).
     */
    public static LocalS3 startForSimulation() {
        return start(new IndexedListingBlobStore(BlobStores.create("transient", new Properties())),
                AuthenticationType.NONE);
    }

    private static LocalS3 start(BlobStore store) {
        return start(store, AuthenticationType.AWS_V2_OR_V4);
    }

    private static LocalS3 start(BlobStore store, AuthenticationType authentication) {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                // Port 0: Jetty binds a free port itself, so there is no race with other processes.
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(authentication,
                        TestAwsClients.ACCESS_KEY_ID, TestAwsClients.SECRET_ACCESS_KEY)
                .ignoreUnknownHeaders(true)
                .stopTimeout(0)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("s3proxy did not start within 10 s: " + proxy.getState());
                }
                Thread.sleep(5);
            }
        } catch (Exception e) {
            stopQuietly(proxy);
            throw new IllegalStateException("Cannot start s3proxy", e);
        }
        return new LocalS3(proxy, store);
    }

    /** The HTTP endpoint, e.g. {@code http://127.0.0.1:40123}. */
    public URI endpoint() {
        return endpoint;
    }

    /** A path-style client for this server, built on first use and closed by {@link #close()}. */
    public synchronized S3Client client() {
        if (client == null) {
            client = configureUploads(TestAwsClients.local(S3Client.builder(), endpoint)).build();
        }
        return client;
    }

    /**
     * Path-style addressing, and uploads as plain signed bodies: no {@code aws-chunked} encoding, no trailing
     * checksum (see the class comment for why).
     */
    public static S3ClientBuilder configureUploads(S3ClientBuilder builder) {
        return builder
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .serviceConfiguration(config -> config.chunkedEncodingEnabled(false));
    }

    /** Creates a bucket. */
    public void createBucket(String bucket) {
        client().createBucket(request -> request.bucket(bucket));
    }

    /** Stores a UTF-8 text object. */
    public void putObject(String bucket, String key, String body) {
        client().putObject(request -> request.bucket(bucket).key(key), RequestBody.fromString(body));
    }

    /**
     * Stores a call recording as Connect writes one: a 44-byte WAV header (PCM, 16 bit, 8 kHz, two channels) and
     * {@code audioSeconds} of silence, so its size is that of a real recording of that length.
     */
    public void putRecording(String bucket, String key, double audioSeconds) {
        byte[] wav = new byte[(int) StoredRecording.sizeOf(audioSeconds)];
        java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(wav).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(wav.length - 8)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 2)
                .putInt(8_000).putInt((int) StoredRecording.BYTES_PER_SECOND).putShort((short) 4).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(wav.length - 44);
        client().putObject(request -> request.bucket(bucket).key(key), RequestBody.fromBytes(wav));
    }

    /**
     * Seeds a call recording of {@code audioSeconds} for a simulation: its 44-byte WAV header is stored, and
     * listings show it with the size a recording of that length has (see {@link IndexedListingBlobStore}). Only for
     * {@link #startForSimulation()}; tests of the handlers store real files with {@link #putRecording}.
     */
    public void seedRecording(String bucket, String key, double audioSeconds) {
        if (!(store instanceof IndexedListingBlobStore indexed)) {
            throw new IllegalStateException("Seeded recordings need the indexed store of startForSimulation()");
        }
        seedObject(bucket, key, "RIFF\u0000\u0000\u0000\u0000WAVEfmt \u0010\u0000\u0000\u0000\u0001\u0000\u0002\u0000"
                + "@\u001f\u0000\u0000\u0000}\u0000\u0000\u0004\u0000\u0010\u0000data\u0000\u0000\u0000\u0000");
        indexed.declareSize(bucket, key, StoredRecording.sizeOf(audioSeconds));
    }

    /**
     * Stores a UTF-8 text object straight into the in-memory store, without HTTP: for seeding thousands of
     * objects (a busy day of recordings) in milliseconds rather than seconds. Visible at once through the API.
     */
    public void seedObject(String bucket, String key, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        store.putBlob(PutObjectRequest.builder().bucket(bucket).key(key).contentLength((long) bytes.length).build(),
                new ByteArrayInputStream(bytes));
    }

    /** Closes the client and stops the server. */
    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        stopQuietly(proxy);
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            // Best effort: a server that failed to start may also fail to stop.
        }
    }
}

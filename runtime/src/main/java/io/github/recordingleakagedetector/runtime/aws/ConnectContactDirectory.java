package io.github.recordingleakagedetector.runtime.aws;

import io.github.recordingleakagedetector.runtime.lifecycle.ContactDirectory;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactSnapshot;
import io.github.recordingleakagedetector.runtime.lifecycle.ReportedRecording;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.AgentInfo;
import software.amazon.awssdk.services.connect.model.Contact;
import software.amazon.awssdk.services.connect.model.ConnectException;
import software.amazon.awssdk.services.connect.model.InvalidParameterException;
import software.amazon.awssdk.services.connect.model.InvalidRequestException;
import software.amazon.awssdk.services.connect.model.QueueInfo;
import software.amazon.awssdk.services.connect.model.RecordingInfo;
import software.amazon.awssdk.services.connect.model.ResourceNotFoundException;

/**
 * DescribeContact, paced by a client-side rate limit. Throttling and server errors are retried by the SDK with
 * backoff; when retries run out they surface as {@link DirectoryUnavailableException} so the contact stays for the
 * next run. A request rejected as invalid is reported as such: one contact's bad id, or a misconfiguration when
 * every request is rejected. Other client errors (access denied) propagate: they are configuration faults to fix.
 */
public final class ConnectContactDirectory implements ContactDirectory {
    private final ConnectClient connect;
    private final RateLimiter rateLimiter;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();

    public ConnectContactDirectory(ConnectClient connect, RateLimiter rateLimiter) {
        this.connect = connect;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public ContactSnapshot describe(String instanceId, String contactId) {
        rateLimiter.acquire();
        calls.incrementAndGet();
        Contact contact;
        try {
            contact = connect.describeContact(r -> r.instanceId(instanceId).contactId(contactId)).contact();
        } catch (ResourceNotFoundException e) {
            throw new ContactNotFoundException("DescribeContact: " + e.awsErrorDetails().errorMessage());
        } catch (InvalidParameterException | InvalidRequestException e) {
            throw new ContactRejectedException("DescribeContact rejected the request ("
                    + e.awsErrorDetails().errorCode() + "): " + e.awsErrorDetails().errorMessage());
        } catch (ConnectException e) {
            if (e.isThrottlingException()) {
                throttled.incrementAndGet();
            }
            if (e.isThrottlingException() || e.statusCode() >= 500) {
                throw new DirectoryUnavailableException("DescribeContact failed after retries: " + e.getMessage(),
                        e.isThrottlingException(), e);
            }
            throw e;
        } catch (SdkClientException e) {
            throw new DirectoryUnavailableException("DescribeContact unreachable: " + e.getMessage(), false, e);
        }
        return toSnapshot(contact);
    }

    @Override
    public Usage drainUsage() {
        return new Usage(calls.getAndSet(0), throttled.getAndSet(0));
    }

    static ContactSnapshot toSnapshot(Contact contact) {
        AgentInfo agent = contact.agentInfo();
        QueueInfo queue = contact.queueInfo();
        List<ReportedRecording> recordings = contact.recordings().stream()
                .filter(ConnectContactDirectory::isVoiceRecording)
                .map(recording -> new ReportedRecording(recording.location(), recording.statusAsString(),
                        // As text: values the SDK's enum does not list (AWS samples see IVR) must survive.
                        recording.participantTypeAsString(), recording.startTimestamp(), recording.stopTimestamp(),
                        recording.deletionReason()))
                .toList();
        return new ContactSnapshot(
                contact.initiationTimestamp(),
                agent == null ? null : agent.connectedToAgentTimestamp(),
                contact.disconnectTimestamp(),
                agent == null ? null : agent.id(),
                queue == null ? null : queue.id(),
                contact.channelAsString(),
                contact.initiationMethodAsString(),
                contact.previousContactId(),
                contact.initialContactId(),
                recordings);
    }

    private static boolean isVoiceRecording(RecordingInfo recording) {
        return recording.mediaStreamType() == null || "AUDIO".equals(recording.mediaStreamTypeAsString());
    }
}

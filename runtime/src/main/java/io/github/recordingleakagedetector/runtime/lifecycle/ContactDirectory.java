package io.github.recordingleakagedetector.runtime.lifecycle;

/** Amazon Connect's view of contacts (DescribeContact), paced to the account's API quota. */
public interface ContactDirectory {

    /**
     * @throws ContactNotFoundException Connect does not (yet) know the contact
     * @throws ContactRejectedException Connect refused the request as invalid
     * @throws DirectoryUnavailableException throttled or failing after retries; worth trying again later
     */
    ContactSnapshot describe(String instanceId, String contactId);

    /** DescribeContact requests made, and those still throttled after the SDK's retries. */
    record Usage(long calls, long throttled) {
    }

    /** The usage since the last call (each invocation reports its own). */
    Usage drainUsage();

    final class ContactNotFoundException extends RuntimeException {
        public ContactNotFoundException(String message) {
            super(message);
        }
    }

    /**
     * Connect refused the request as invalid ({@code InvalidParameterException}, {@code InvalidRequestException}):
     * a malformed id for one contact, or, when every request is refused, a misconfiguration (wrong instance,
     * wrong Region), which no number of retries mends.
     */
    final class ContactRejectedException extends RuntimeException {
        public ContactRejectedException(String message) {
            super(message);
        }
    }

    final class DirectoryUnavailableException extends RuntimeException {
        private final boolean throttled;

        public DirectoryUnavailableException(String message, boolean throttled, Throwable cause) {
            super(message, cause);
            this.throttled = throttled;
        }

        /** The account's quota is exhausted: further calls in this run would be throttled too. */
        public boolean throttled() {
            return throttled;
        }
    }
}

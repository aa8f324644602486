package io.github.recordingleakagedetector.runtime.config;

/**
 * The Lambda entry points and their handler strings: the contract with the construct, which names these
 * classes in each function's {@code Handler} property. Renaming a class breaks deployed stacks.
 */
public enum Handler {
    FLOW_LOG_INGEST("io.github.recordingleakagedetector.runtime.handler.FlowLogIngestHandler"),
    POLL_INITIALISED("io.github.recordingleakagedetector.runtime.handler.PollInitialisedHandler"),
    PURGE_QUEUE_CONTACTS("io.github.recordingleakagedetector.runtime.handler.PurgeQueueContactsHandler"),
    POLL_IN_PROGRESS("io.github.recordingleakagedetector.runtime.handler.PollInProgressHandler"),
    CHECK_RECORDINGS("io.github.recordingleakagedetector.runtime.handler.CheckRecordingsHandler"),
    DAILY_EVIDENCE("io.github.recordingleakagedetector.runtime.handler.DailyEvidenceHandler"),
    CONTACT_EVENTS("io.github.recordingleakagedetector.runtime.handler.ContactEventHandler");

    /**
     * The input field through which the state machine gives each scheduled step its execution's start time
     * ({@code $$.Execution.StartTime}); the steps read only contacts changed before it.
     */
    public static final String EXECUTION_START_TIME_FIELD = "executionStartTime";

    private final String className;

    Handler(String className) {
        this.className = className;
    }

    public String className() {
        return className;
    }

    /** The value of a function's {@code Handler} property. */
    public String handlerString() {
        return className + "::handleRequest";
    }
}

package io.github.recordingleakagedetector.runtime.handler;

import io.github.recordingleakagedetector.runtime.config.Handler;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactState;
import java.util.List;

/** Describes {@code IN_PROGRESS - AGENT} and {@code IN_PROGRESS - QUEUE/IVR} contacts and reclassifies them. */
public final class PollInProgressHandler extends PollingStepHandler {

    public PollInProgressHandler() {
        this(Wiring.fromSystem(Handler.POLL_IN_PROGRESS));
    }

    public PollInProgressHandler(Wiring wiring) {
        super(wiring, "pollInProgress", List.of(ContactState.IN_PROGRESS_AGENT, ContactState.IN_PROGRESS_QUEUE_IVR));
    }
}

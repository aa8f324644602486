package io.github.recordingleakagedetector.runtime.handler;

import io.github.recordingleakagedetector.runtime.config.Handler;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactState;
import java.util.List;

/** First step of the workflow: describes {@code INITIALISED} contacts and classifies them. */
public final class PollInitialisedHandler extends PollingStepHandler {

    public PollInitialisedHandler() {
        this(Wiring.fromSystem(Handler.POLL_INITIALISED));
    }

    public PollInitialisedHandler(Wiring wiring) {
        super(wiring, "pollInitialised", List.of(ContactState.INITIALISED));
    }
}

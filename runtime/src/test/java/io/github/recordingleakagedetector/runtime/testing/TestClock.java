package io.github.recordingleakagedetector.runtime.testing;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The base of every clock the tests move by hand (in-process handler tests and the cross-JVM simulation alike): UTC,
 * and a zone change returns the same clock, so that everything built from it keeps reading the one time the test sets.
 */
public abstract class TestClock extends Clock {

    @Override
    public final ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public final Clock withZone(ZoneId zone) {
        return this;
    }
}

package io.github.recordingleakagedetector.runtime.lifecycle;

/** A party whose audio a flow asked to record. */
public enum Participant {
    AGENT, CUSTOMER
}

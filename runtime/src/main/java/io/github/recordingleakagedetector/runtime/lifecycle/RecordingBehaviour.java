package io.github.recordingleakagedetector.runtime.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every recording-behaviour change the flows logged for a contact, in block-time order whatever order they arrived
 * in. Connect applies the behaviour in force when the agent joins the call, so that behaviour decides whether the
 * agent leg must have a recording: a Disable before the agent connects removes the expectation, a Disable after it
 * (e.g. in a disconnect flow) does not.
 */
public final class RecordingBehaviour {
    private static final Comparator<BehaviourChange> BY_TIME =
            Comparator.comparing(BehaviourChange::at).thenComparing(BehaviourChange::enables);

    private final List<BehaviourChange> changes;

    private RecordingBehaviour(List<BehaviourChange> changes) {
        this.changes = changes;
    }

    public static RecordingBehaviour of(List<BehaviourChange> changes) {
        List<BehaviourChange> sorted = new ArrayList<>(changes);
        sorted.sort(BY_TIME);
        return new RecordingBehaviour(List.copyOf(sorted.stream().distinct().toList()));
    }

    public List<BehaviourChange> changes() {
        return changes;
    }

    public boolean contains(BehaviourChange change) {
        return changes.contains(change);
    }

    public RecordingBehaviour with(BehaviourChange change) {
        List<BehaviourChange> more = new ArrayList<>(changes);
        more.add(change);
        return of(more);
    }

    /**
     * Whether a recording is expected for an agent who joined at {@code connectedToAgentAt}: the last change at or
     * before that moment decides; when every change came later, the first one does.
     */
    public boolean expectsRecordingWithAgentAt(Instant connectedToAgentAt) {
        return inForceAt(connectedToAgentAt).map(BehaviourChange::enables).orElse(false);
    }

    /** Whether a flow turned on recording of the automated interaction (IVR): Connect then makes an IVR file. */
    public boolean expectsIvrRecording() {
        return changes.stream().anyMatch(BehaviourChange::ivr);
    }

    /** Whether a recording may be expected, before it is known when (or whether) an agent joined. */
    public boolean mayExpectRecording() {
        return changes.stream().anyMatch(BehaviourChange::enables);
    }

    /** The participants recorded when the agent joined, or of any enabling change when that is not known. */
    public Set<Participant> recordedParticipants(Instant connectedToAgentAt) {
        Optional<BehaviourChange> decisive = connectedToAgentAt == null
                ? changes.stream().filter(BehaviourChange::enables).reduce((first, second) -> second)
                : inForceAt(connectedToAgentAt);
        return decisive.map(BehaviourChange::participants).orElse(EnumSet.noneOf(Participant.class));
    }

    public Instant lastChangeAt() {
        return changes.get(changes.size() - 1).at();
    }

    private Optional<BehaviourChange> inForceAt(Instant moment) {
        return changes.stream().filter(c -> !c.at().isAfter(moment)).reduce((first, second) -> second)
                .or(() -> changes.stream().findFirst());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecordingBehaviour behaviour && behaviour.changes.equals(changes);
    }

    @Override
    public int hashCode() {
        return changes.hashCode();
    }

    @Override
    public String toString() {
        return changes.toString();
    }
}

package io.github.recordingleakagedetector.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.recordingleakagedetector.runtime.lifecycle.ContactState;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingState;
import io.github.recordingleakagedetector.runtime.testing.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's life-cycle diagram (Mermaid {@code stateDiagram-v2}) shows exactly the runtime's states and verdicts:
 * a state or verdict added, renamed or dropped in the code fails here until the picture follows.
 */
class ReadmeLifeCycleDiagramTest {
    private static final Pattern DIAGRAM = Pattern.compile("```mermaid\\n(stateDiagram-v2\\n.*?)```", Pattern.DOTALL);
    private static final Pattern DECLARATION = Pattern.compile("^\\s*state \"([^\"]+)\" as (\\w+)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern TRANSITION = Pattern.compile("^\\s*(\\[\\*]|\\w+) --> (\\[\\*]|\\w+)(?::.*)?$",
            Pattern.MULTILINE);

    @Test
    void theStateDiagramShowsExactlyTheRuntimesStatesAndVerdictsEachReachableAndEachEnding() throws IOException {
        // GIVEN the diagram as the README holds it
        Matcher block = DIAGRAM.matcher(Files.readString(RepoRoot.find().resolve("README.md")));
        assertThat(block.find()).as("a ```mermaid stateDiagram-v2 block in README.md").isTrue();
        String diagram = block.group(1);

        // WHEN its states and transitions are read
        Map<String, String> labelById = new HashMap<>();
        Matcher declaration = DECLARATION.matcher(diagram);
        while (declaration.find()) {
            labelById.put(declaration.group(2), declaration.group(1));
        }
        Set<String> entered = new HashSet<>();
        Set<String> left = new HashSet<>();
        Matcher transition = TRANSITION.matcher(diagram);
        while (transition.find()) {
            left.add(transition.group(1));
            entered.add(transition.group(2));
        }

        // THEN the labels are the table's literals: every State value and every RecordingState, nothing else
        assertThat(labelById.values()).containsExactlyInAnyOrderElementsOf(Stream.concat(
                Arrays.stream(ContactState.values()).map(ContactState::value),
                Arrays.stream(RecordingState.values()).map(Enum::name)).toList());
        // ... every transition names a declared state, and every state is entered and leads somewhere
        Set<String> used = new HashSet<>(entered);
        used.addAll(left);
        used.remove("[*]");
        assertThat(labelById.keySet()).containsAll(used);
        assertThat(entered).containsAll(labelById.keySet()).contains("[*]");
        assertThat(left).containsAll(labelById.keySet());
    }
}

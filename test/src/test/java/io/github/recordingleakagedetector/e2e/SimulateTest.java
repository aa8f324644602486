package io.github.recordingleakagedetector.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SimulateTest {

    @Test
    void readsEveryOption() {
        SimulationOptions options = Simulate.parse(List.of("--contacts", "1000", "--leak-rate", "0.02", "--seed", "7",
                "--hours", "4", "--overlapping", "2", "--throttle", "--in-process"));

        assertThat(options.contacts()).isEqualTo(1000);
        assertThat(options.leakRate()).isEqualTo(0.02);
        assertThat(options.seed()).isEqualTo(7);
        assertThat(options.hours()).isEqualTo(4.0);
        assertThat(options.overlappingExecutions()).isEqualTo(2);
        assertThat(options.injectThrottling()).isTrue();
        assertThat(options.hosting()).isEqualTo(LocalLambdaEndpoint.FunctionHosting.IN_PROCESS);
    }

    @Test
    void defaultsWithoutOptions() {
        assertThat(Simulate.parse(List.of())).isEqualTo(SimulationOptions.defaults());
        assertThat(SimulationOptions.defaults().hosting()).isEqualTo(LocalLambdaEndpoint.FunctionHosting.DEPLOYED);
    }

    @Test
    void rejectsBadValuesNamingTheOption() {
        assertThatThrownBy(() -> Simulate.parse(List.of("--leak-rate", "1.5")))
                .hasMessage("--leak-rate must be between 0 and 1, was 1.5");
        assertThatThrownBy(() -> Simulate.parse(List.of("--contacts", "many")))
                .hasMessage("--contacts many is not a number");
        assertThatThrownBy(() -> Simulate.parse(List.of("--seed")))
                .hasMessage("--seed needs a value");
        assertThatThrownBy(() -> Simulate.parse(List.of("--fast")))
                .hasMessage("Unknown option --fast");
    }
}

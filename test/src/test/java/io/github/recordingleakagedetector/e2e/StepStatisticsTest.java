package io.github.recordingleakagedetector.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StepStatisticsTest {

    @Test
    void theCostFitSeparatesWhatEveryInvocationPaysFromWhatEachContactAdds() {
        // GIVEN invocations costing 10 ms plus 2 ms per contact
        StepStatistics statistics = new StepStatistics();
        for (int contacts : new int[] {0, 5, 20, 40}) {
            statistics.add(contacts, Map.of(), (10 + 2L * contacts) * 1_000_000);
        }

        // THEN the fit finds both parts, and the rate is contacts over total handler time
        StepStatistics.CostFit fit = statistics.costFit().orElseThrow();
        assertThat(fit.fixedMillis()).isCloseTo(10, within(1e-6));
        assertThat(fit.millisPerContact()).isCloseTo(2, within(1e-6));
        assertThat(statistics.contactsPerSecond()).isCloseTo(65 / 0.170, within(1e-6));
    }

    @Test
    void invocationsOfOneSizeCannotBeFitted() {
        StepStatistics statistics = new StepStatistics();
        statistics.add(7, Map.of(), 30_000_000);
        statistics.add(7, Map.of(), 32_000_000);

        assertThat(statistics.costFit()).isEmpty();
    }
}

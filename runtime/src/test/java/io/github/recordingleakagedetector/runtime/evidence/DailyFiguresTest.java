package io.github.recordingleakagedetector.runtime.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.recordingleakagedetector.runtime.lifecycle.ContactCategory;
import java.time.LocalDate;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The compliance ratio: which categories it judges, how it rounds, and how it meets a target. */
class DailyFiguresTest {
    private static final LocalDate DAY = LocalDate.parse("2024-05-01");

    private static DailyFigures figures(Map<ContactCategory, Long> counts, double target) {
        return new DailyFigures(DAY, counts, 0, OptionalDouble.of(target));
    }

    @Test
    void onlyCategoriesThatRequiredARecordingAreJudged() {
        DailyFigures figures = figures(Map.of(ContactCategory.RECORDED, 3L, ContactCategory.MISSING, 1L,
                ContactCategory.DELETED, 5L, ContactCategory.NOT_APPLICABLE, 7L,
                ContactCategory.NOT_RECORDED_INTENTIONALLY, 2L, ContactCategory.UNVERIFIABLE, 1L,
                ContactCategory.PENDING, 1L), 50);

        assertThat(figures.contacts()).isEqualTo(20);
        assertThat(figures.requiredRecording()).isEqualTo(5);
        assertThat(figures.compliancePercent()).hasValue(60.0);
        assertThat(figures.complete()).isFalse();
    }

    @Test
    void thePercentIsRoundedDownSoItNeverShowsMoreThanWasAchieved() {
        // 1999 of 2000 is 99.95 %; 19_989 of 20_000 is 99.945 % and 99_949 of 100_000 is 99.949 %: shown as 99.94,
        // where rounding to nearest would show 99.95
        assertThat(figures(Map.of(ContactCategory.RECORDED, 1999L, ContactCategory.MISSING, 1L), 99.95)
                .compliancePercent()).hasValue(99.95);
        assertThat(figures(Map.of(ContactCategory.RECORDED, 19_989L, ContactCategory.MISSING, 11L), 99.95)
                .compliancePercent()).hasValue(99.94);
        assertThat(figures(Map.of(ContactCategory.RECORDED, 99_949L, ContactCategory.MISSING, 51L), 99.95)
                .compliancePercent()).hasValue(99.94);
    }

    @Test
    void theTargetIsMetByTheExactRatioAtItsEdge() {
        assertThat(figures(Map.of(ContactCategory.RECORDED, 199L, ContactCategory.MISSING, 1L), 99.5).meetsTarget())
                .hasValue(true);
        assertThat(figures(Map.of(ContactCategory.RECORDED, 1990L, ContactCategory.EMPTY, 11L), 99.5).meetsTarget())
                .hasValue(false);
        assertThat(figures(Map.of(ContactCategory.RECORDED, 999L, ContactCategory.PARTIAL, 1L), 99.9).meetsTarget())
                .hasValue(true);
    }

    @Test
    void aDayWithNothingToJudgeHasNoPercentAndNoVerdictOnTheTarget() {
        DailyFigures figures = figures(Map.of(ContactCategory.NOT_APPLICABLE, 4L), 99.5);

        assertThat(figures.compliancePercent()).isEmpty();
        assertThat(figures.meetsTarget()).isEmpty();
        assertThat(new DailyReport(figures, Map.of(), Map.of(), "https://example.com").subject())
                .isEqualTo("Call recording evidence 2024-05-01: no call had to be recorded");
    }
}

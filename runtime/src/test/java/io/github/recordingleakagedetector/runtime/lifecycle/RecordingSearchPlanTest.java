package io.github.recordingleakagedetector.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordingSearchPlanTest {
    private static final String PREFIX = "connect/acme/CallRecordings";

    private static ContactSnapshot completed(String connected, String disconnected, List<String> locations) {
        return new ContactSnapshot(Instant.parse(connected).minusSeconds(60), Instant.parse(connected),
                Instant.parse(disconnected), "agent", "queue", "VOICE", "INBOUND", null, locations);
    }

    @Test
    void aCallCrossingMidnightUtcIsLookedForInBothDayFolders() {
        // GIVEN a call connected before and disconnected after midnight UTC
        ContactSnapshot call = completed("2024-03-31T23:58:00Z", "2024-04-01T00:03:00Z", List.of());

        // WHEN its search is planned
        RecordingSearchPlan plan = RecordingSearchPlan.forContact("c-1", call, "bucket", PREFIX);

        // THEN both UTC day folders are listed, by the contact's own key prefix
        assertThat(plan.keyPrefixes()).containsExactly(
                PREFIX + "/2024/03/31/c-1",
                PREFIX + "/2024/04/01/c-1");
    }

    @Test
    void theDayTheCallStartedIsListedToo() {
        // GIVEN a call that started before midnight UTC and reached its agent after it
        ContactSnapshot call = new ContactSnapshot(Instant.parse("2024-03-31T23:58:00Z"),
                Instant.parse("2024-04-01T00:03:00Z"), Instant.parse("2024-04-01T00:10:00Z"), "agent", "queue",
                "VOICE", "INBOUND", null, List.of());

        RecordingSearchPlan plan = RecordingSearchPlan.forContact("c-9", call, "bucket", PREFIX);

        assertThat(plan.keyPrefixes()).containsExactly(
                PREFIX + "/2024/03/31/c-9",
                PREFIX + "/2024/04/01/c-9");
    }

    @Test
    void dayFoldersAreUtcWhateverTheMachineTimeZone() {
        // GIVEN a call at 23:30 UTC, which is already the next day in UTC+2 (the original's defect)
        java.util.TimeZone original = java.util.TimeZone.getDefault();
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Africa/Johannesburg"));
        try {
            ContactSnapshot call = completed("2023-08-29T23:30:00Z", "2023-08-29T23:40:00Z", List.of());

            RecordingSearchPlan plan = RecordingSearchPlan.forContact("c-2", call, "bucket", PREFIX);

            // THEN only the UTC day is searched
            assertThat(plan.keyPrefixes()).containsExactly(PREFIX + "/2023/08/29/c-2");
        } finally {
            java.util.TimeZone.setDefault(original);
        }
    }

    @Test
    void reportedLocationsUnderThePrefixComeFirstOthersAreNotedButNotRead() {
        ContactSnapshot call = completed("2023-08-29T10:30:11Z", "2023-08-29T10:31:10Z", List.of(
                "bucket/" + PREFIX + "/2023/08/29/renamed.wav",
                "s3://bucket/" + PREFIX + "/2023/08/29/other.wav",
                "other-bucket/x.wav"));

        RecordingSearchPlan plan = RecordingSearchPlan.forContact("c-3", call, "bucket", PREFIX);

        assertThat(plan.knownKeys()).containsExactly(
                PREFIX + "/2023/08/29/renamed.wav",
                PREFIX + "/2023/08/29/other.wav");
        assertThat(plan.describe("bucket")).containsExactly(
                "s3://bucket/" + PREFIX + "/2023/08/29/renamed.wav",
                "s3://bucket/" + PREFIX + "/2023/08/29/other.wav",
                "s3://bucket/" + PREFIX + "/2023/08/29/c-3*",
                "other-bucket/x.wav (outside the recording prefix: not read)");
    }
}

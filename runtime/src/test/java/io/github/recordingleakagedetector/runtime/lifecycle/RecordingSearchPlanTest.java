package io.github.recordingleakagedetector.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordingSearchPlanTest {
    private static final String PREFIX = "connect/acme/CallRecordings";

    private static ContactSnapshot completed(String connected, String disconnected, List<String> locations) {
        return new ContactSnapshot(Instant.parse(connected).minusSeconds(60), Instant.parse(connected),
                Instant.parse(disconnected), "agent", "queue", "VOICE", "INBOUND", null, null,
                locations.stream().map(location -> new ReportedRecording(location, "AVAILABLE", "AGENT", null, null,
                        null)).toList());
    }

    @Test
    void aCallCrossingMidnightUtcIsLookedForInBothDayFolders() {
        // GIVEN a call connected before and disconnected after midnight UTC
        ContactSnapshot call = completed("2024-03-31T23:58:00Z", "2024-04-01T00:03:00Z", List.of());

        // WHEN its search is planned
        RecordingSearchPlan plan = RecordingSearchPlan.forContact("c-1", call, "bucket", PREFIX, List.of());

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
                "VOICE", "INBOUND", null, null, List.of());

        RecordingSearchPlan plan = RecordingSearchPlan.forContact("c-9", call, "bucket", PREFIX, List.of());

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

            RecordingSearchPlan plan = RecordingSearchPlan.forContact("c-2", call, "bucket", PREFIX, List.of());

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

        RecordingSearchPlan plan = RecordingSearchPlan.forContact("c-3", call, "bucket", PREFIX, List.of());

        assertThat(plan.knownKeys()).containsExactly(
                PREFIX + "/2023/08/29/renamed.wav",
                PREFIX + "/2023/08/29/other.wav");
        assertThat(plan.describe("bucket")).containsExactly(
                "s3://bucket/" + PREFIX + "/2023/08/29/renamed.wav",
                "s3://bucket/" + PREFIX + "/2023/08/29/other.wav",
                "s3://bucket/" + PREFIX + "/2023/08/29/c-3*",
                "other-bucket/x.wav (outside the recording prefixes: not read)");
    }

    @Test
    void additionalLocationsAreListedWithTheSameDayLayoutAndTheirReportedFilesAreReadable() {
        // GIVEN a centre that keeps Contact Lens's redacted audio beside (or instead of) its recordings
        String redacted = "Analysis/Voice/Redacted";
        ContactSnapshot call = completed("2024-03-31T23:58:00Z", "2024-04-01T00:03:00Z", List.of(
                "bucket/" + redacted + "/2024/03/31/c-4_call_recording_redacted_2024-03-31T23:58:00Z.wav"));

        // WHEN its search is planned
        RecordingSearchPlan plan = RecordingSearchPlan.forContact("c-4", call, "bucket", PREFIX, List.of(redacted));

        // THEN the additional location is laid out as the recording prefix, and a file Connect reports there is read
        assertThat(plan.additionalKeyPrefixes()).containsExactly(
                redacted + "/2024/03/31/c-4",
                redacted + "/2024/04/01/c-4");
        assertThat(plan.knownKeys()).containsExactly(
                redacted + "/2024/03/31/c-4_call_recording_redacted_2024-03-31T23:58:00Z.wav");
    }

    @Test
    void deletedAndIvrRecordingsAreNotLookedForAsTheAgentLegs() {
        ContactSnapshot call = new ContactSnapshot(Instant.parse("2024-05-01T09:00:00Z"),
                Instant.parse("2024-05-01T09:01:00Z"), Instant.parse("2024-05-01T09:05:00Z"), "agent", "queue",
                "VOICE", "INBOUND", null, null, List.of(
                        new ReportedRecording("bucket/" + PREFIX + "/2024/05/01/deleted.wav", "DELETED", "AGENT", null,
                                null, "Retention"),
                        new ReportedRecording("bucket/" + PREFIX + "/ivr/2024/05/01/c-5.wav", "AVAILABLE", "IVR", null,
                                null, null)));

        RecordingSearchPlan plan = RecordingSearchPlan.forContact("c-5", call, "bucket", PREFIX, List.of());

        assertThat(plan.knownKeys()).isEmpty();
        assertThat(plan.keyPrefixes()).containsExactly(PREFIX + "/2024/05/01/c-5");
    }
}

package io.github.recordingleakagedetector.e2e;

import com.fasterxml.jackson.jr.ob.JSON;
import io.github.recordingleakagedetector.runtime.testing.CsvRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The daily evidence the simulated detector's evidence function wrote to its bucket, downloaded to a folder as an
 * auditor would: one {@link Day} per {@code evidence/YYYY/MM/DD/} folder.
 *
 * @param result what the evidence function returned
 */
record EvidenceFiles(Path directory, Map<LocalDate, Day> days, String result) {

    /** One reporting day's three files, read. */
    record Day(LocalDate day, Path folder, Map<String, Object> summary, List<Map<String, String>> rows, String page) {

        @SuppressWarnings("unchecked")
        Map<String, Number> categories() {
            return (Map<String, Number>) summary.get("categories");
        }
    }

    /** Downloads every object under {@code evidence/} of the bucket into {@code directory}, keeping the keys' paths. */
    static EvidenceFiles download(S3Client s3, String bucket, Path directory, String result) {
        try {
            s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix("evidence/")).contents().forEach(object -> {
                Path file = directory.resolve(object.key());
                try {
                    Files.createDirectories(file.getParent());
                    Files.write(file, s3.getObjectAsBytes(r -> r.bucket(bucket).key(object.key())).asByteArray());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            Map<LocalDate, Day> days = new TreeMap<>();
            Path root = directory.resolve("evidence");
            if (Files.isDirectory(root)) {
                try (var summaries = Files.walk(root)) {
                    for (Path summary : summaries.filter(p -> p.getFileName().toString().equals("summary.json")).toList()) {
                        Path folder = summary.getParent();
                        Map<String, Object> figures = JSON.std.mapFrom(Files.readString(summary));
                        LocalDate day = LocalDate.parse(String.valueOf(figures.get("day")));
                        days.put(day, new Day(day, folder, figures,
                                CsvRecords.rows(Files.readString(folder.resolve("recordings.csv"), StandardCharsets.UTF_8)),
                                Files.readString(folder.resolve("summary.html"), StandardCharsets.UTF_8)));
                    }
                }
            }
            return new EvidenceFiles(directory, days, result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every contact of every day's {@code recordings.csv}, with its category. */
    Map<String, String> categoryByContact() {
        Map<String, String> categories = new TreeMap<>();
        days.values().forEach(day -> day.rows().forEach(row -> categories.put(row.get("contact_id"), row.get("category"))));
        return categories;
    }

    /** Contacts listed, summed over the days' files (a contact listed on two days counts twice). */
    long rows() {
        return days.values().stream().mapToLong(day -> day.rows().size()).sum();
    }

    /** The days' figures added up, by category. */
    Map<String, Long> totals() {
        Map<String, Long> totals = new LinkedHashMap<>();
        days.values().forEach(day -> day.categories().forEach((category, count) ->
                totals.merge(category, count.longValue(), Long::sum)));
        return totals;
    }

    String format() {
        StringBuilder text = new StringBuilder();
        text.append("  daily evidence in ").append(directory.resolve("evidence").toAbsolutePath().normalize())
                .append(":\n");
        days.values().forEach(day -> text.append(String.format("    %s  %s contacts, compliance %s%% (%s of %s), "
                + "complete %s: %s%n", day.day(), day.summary().get("contacts"), day.summary().get("compliancePercent"),
                day.categories().get("recorded"), day.summary().get("requiredRecording"), day.summary().get("complete"),
                day.folder().resolve("summary.html"))));
        if (days.isEmpty()) {
            text.append("    none written: ").append(result).append('\n');
        }
        return text.toString();
    }
}

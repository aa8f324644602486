package io.github.recordingleakagedetector.runtime.evidence;

import java.time.LocalDate;

/**
 * Where the daily evidence is kept, one folder per reporting day. A day counts as written once its
 * {@value #MARKER} exists, so that file is written last.
 */
public interface EvidenceArchive {
    /** The file whose presence marks a day written. */
    String MARKER = "summary.json";

    /** Whether the day's {@link #MARKER} exists. */
    boolean written(LocalDate day);

    /** Where a file of the day is (or will be) kept, as a URI. */
    String location(LocalDate day, String name);

    /** A link a person can open (the S3 console's page of the object). */
    String link(LocalDate day, String name);

    /** Stores (or replaces) a file of the day. */
    void write(LocalDate day, EvidenceFile file);
}

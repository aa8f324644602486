package io.github.recordingleakagedetector.runtime.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository root that holds the npm-installed local servers ({@code npm ci}). */
public final class RepoRoot {
    private RepoRoot() {
    }

    /** Walks up from the working directory (surefire runs in the module folder) to the root. */
    public static Path find() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("package.json"))
                    && Files.isDirectory(dir.resolve("node_modules/dynalite"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No directory at or above " + start
                + " holds package.json and node_modules/dynalite: run `npm ci` at the repository root.");
    }
}

package org.transformerguide.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The packaged jar on a database it cannot use stops at once with one plain sentence and a non-zero exit:
 * a second copy on the same data directory (the file is locked), a read-only database, and a data
 * directory that cannot be created.
 */
@ResourceLock(PackagedApp.LOCK)
class StartupFailureIT {

    private static final List<String> JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m");

    @Test
    void aSecondCopyOnTheSameDataDirectorySaysTheDatabaseIsLocked(@TempDir Path temp) throws Exception {
        Path data = temp.resolve("data");
        try (PackagedApp first = PackagedApp.start(data, JVM, List.of())) {
            PackagedApp.Exit second = PackagedApp.runToExit(data, JVM, List.of());
            assertPlainFailure(second, "locked by another process");
        }
    }

    @Test
    void aReadOnlyDatabaseSaysSo(@TempDir Path temp) throws Exception {
        Path data = temp.resolve("data");
        PackagedApp.start(data, JVM, List.of()).close(); // creates and migrates the database
        String readOnly = "--spring.datasource.url=jdbc:h2:file:" + data.toAbsolutePath() + "/guide;ACCESS_MODE_DATA=r";
        assertPlainFailure(PackagedApp.runToExit(data, JVM, List.of(readOnly)), "read-only");
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedSaysSo(@TempDir Path temp) throws Exception {
        Path file = Files.writeString(temp.resolve("not-a-directory"), "x");
        assertPlainFailure(PackagedApp.runToExit(file.resolve("data"), JVM, List.of()), "cannot be opened or created");
    }

    private static void assertPlainFailure(PackagedApp.Exit exit, String reason) {
        System.out.printf("%s: exit %d after %.1f s%n", reason, exit.code(), exit.seconds());
        assertThat(exit.code()).as(exit.output()).isNotZero();
        assertThat(exit.seconds()).as("seconds to exit").isLessThan(15);
        assertThat(exit.output()).contains("APPLICATION FAILED TO START").contains(reason);
        assertThat(exit.output().lines().filter(line -> line.startsWith("\tat ")).count()).as("stack trace lines").isZero();
    }
}

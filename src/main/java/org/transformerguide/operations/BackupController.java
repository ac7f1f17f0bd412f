package org.transformerguide.operations;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A consistent copy of the embedded H2 database while the server runs (H2's {@code BACKUP TO}), for an
 * admin: the running server holds the database file, so no second process could open it. PostgreSQL is
 * backed up with its own tools (pg_dump, see README).
 */
@RestController
@Tag(name = "Operations")
class BackupController {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    record Backup(String file, long bytes) {
    }

    private final JdbcClient jdbc;
    private final String url;
    private final Path folder;

    BackupController(JdbcClient jdbc, @Value("${spring.datasource.url}") String url, @Value("${guide.data-dir:./data}") String dataDir) {
        this.jdbc = jdbc;
        this.url = url;
        this.folder = Path.of(dataDir, "backups").toAbsolutePath();
    }

    @Operation(summary = "Back up the H2 database to a zip in the data folder's backups/ (admin only)")
    @PostMapping("/api/admin/backup")
    Backup backup(HttpServletRequest request) throws Exception {
        if (!request.isUserInRole("ADMIN")) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only an admin may back up the database.");
        }
        if (!url.startsWith("jdbc:h2:")) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "This server uses PostgreSQL: back it up with pg_dump (see README).");
        }
        Files.createDirectories(folder);
        Path file = folder.resolve("guide-" + LocalDateTime.now(ZoneOffset.UTC).format(STAMP) + ".zip");
        // The file name is ours (a timestamp), never the caller's: nothing to escape in the statement.
        jdbc.sql("BACKUP TO '" + file.toString().replace("'", "''") + "'").update();
        return new Backup(file.toString(), Files.size(file));
    }
}

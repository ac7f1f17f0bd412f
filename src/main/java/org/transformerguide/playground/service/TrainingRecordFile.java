package org.transformerguide.playground.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transformerguide.playground.checkpoint.AtomicFile;

/**
 * A finished job's last status and loss curve, kept next to its checkpoint ("model.tgckpt.training"), so
 * the training monitor still shows how the served model was trained after a restart, and a model
 * shipped with the application comes with its curve. Plain text, one value per field: the first line
 * the status (tab-separated), then one line per loss point; "NaN" where nothing was measured.
 */
final class TrainingRecordFile {

    private static final Logger log = LoggerFactory.getLogger(TrainingRecordFile.class);
    private static final String HEADER = "transformer-guide training record v1";

    private TrainingRecordFile() {
    }

    static Path fileFor(Path checkpoint) {
        return checkpoint.resolveSibling(checkpoint.getFileName() + ".training");
    }

    static void save(Path file, TrainingStatus s, List<LossPoint> history) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        text.append(String.join("\t", s.model(), s.state().name(), Integer.toString(s.iteration()), Integer.toString(s.totalIterations()),
                Double.toString(s.trainLoss()), Double.toString(s.valLoss()), Double.toString(s.bestValLoss()),
                Double.toString(s.valBitsPerChar()), Double.toString(s.bestBitsPerChar()), Double.toString(s.tokensPerSecond()),
                s.message() == null ? "" : s.message().replace('\t', ' ').replace('\n', ' '))).append('\n');
        for (LossPoint p : history) {
            text.append(p.iteration()).append('\t').append(p.trainLoss()).append('\t').append(p.valLoss()).append('\t')
                    .append(p.valBitsPerChar()).append('\n');
        }
        AtomicFile.write(file, out -> out.write(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** The record in {@code file}, with {@code jobId} as its job id; empty if there is none or it cannot be read. */
    static Optional<Record> read(Path file, long jobId) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() < 2 || !lines.get(0).equals(HEADER)) {
                throw new IOException("no record header");
            }
            String[] f = lines.get(1).split("\t", -1);
            TrainingStatus status = new TrainingStatus(jobId, f[0], TrainingState.valueOf(f[1]), Integer.parseInt(f[2]),
                    Integer.parseInt(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
                    Double.parseDouble(f[7]), Double.parseDouble(f[8]), Double.parseDouble(f[9]), 0, f[10]);
            List<LossPoint> history = new ArrayList<>();
            for (String line : lines.subList(2, lines.size())) {
                String[] p = line.split("\t");
                history.add(new LossPoint(Integer.parseInt(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]),
                        Double.parseDouble(p[3])));
            }
            return Optional.of(new Record(status, history));
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot read the training record {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    record Record(TrainingStatus status, List<LossPoint> history) {
    }
}

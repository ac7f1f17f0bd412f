package org.transformerguide.playground.service;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transformerguide.playground.checkpoint.AtomicFile;
import org.transformerguide.playground.train.AdamW;

/**
 * Where an unfinished training job stands, saved at every evaluation next to its checkpoint, so a job
 * cut short (a restart, a crash, a cancel) continues at the next start instead of beginning again: the
 * latest weights (not the best ones, which are in the job's partial checkpoint), AdamW's moments and
 * step count, the iteration, the best validation figures and the loss curve so far. A job only resumes
 * from a point written for exactly the same request (corpus, size, schedule, seed): the fingerprint.
 *
 * <p>The file is written to a temporary name and moved into place, so it is always a whole one; one
 * that cannot be read is ignored with a warning and the job starts from scratch.
 */
record ResumePoint(String fingerprint, int iteration, double best, double bestBits, float[] weights, AdamW.Moments moments,
                   List<LossPoint> history) {

    private static final Logger log = LoggerFactory.getLogger(ResumePoint.class);
    private static final int MAGIC = 0x54475253; // "TGRS"

    /** The resume file of a job saving to {@code checkpoint}. */
    static Path fileFor(Path checkpoint) {
        return checkpoint.resolveSibling(checkpoint.getFileName() + ".resume");
    }

    /** Where a job saving to {@code checkpoint} keeps its best weights until it is done. */
    static Path partialFile(Path checkpoint) {
        return checkpoint.resolveSibling(checkpoint.getFileName() + ".partial");
    }

    /** True if an interrupted job for {@code checkpoint} left a state to resume from. */
    static boolean resumable(Path checkpoint) {
        return Files.isRegularFile(fileFor(checkpoint)) && Files.isRegularFile(partialFile(checkpoint));
    }

    /** A digest of everything that decides a job's course: a point is only resumed by the same request. */
    static String fingerprint(TrainingRequest r) {
        String identity = String.join("\n", r.model(), r.corpusName(), r.preset().toString(), r.tokenizer().toString(),
                Integer.toString(r.iterations()), Integer.toString(r.batchSize()), Double.toString(r.learningRate()),
                Integer.toString(r.warmupIterations()), Integer.toString(r.evalInterval()), Integer.toString(r.evalBatches()),
                Long.toString(r.seed()), Double.toString(r.dropout()), r.corpus(), "\u0000", r.heldOut());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    void save(Path file) throws IOException {
        AtomicFile.write(file, stream -> {
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream, 1 << 16))) {
                out.writeInt(MAGIC);
                out.writeUTF(fingerprint);
                out.writeInt(iteration);
                out.writeDouble(best);
                out.writeDouble(bestBits);
                out.writeInt(weights.length);
                for (float w : weights) {
                    out.writeFloat(w);
                }
                out.writeInt(moments.step());
                for (int i = 0; i < weights.length; i++) {
                    out.writeFloat(moments.first()[i]);
                    out.writeFloat(moments.second()[i]);
                }
                out.writeInt(history.size());
                for (LossPoint p : history) {
                    out.writeInt(p.iteration());
                    out.writeDouble(p.trainLoss());
                    out.writeDouble(p.valLoss());
                    out.writeDouble(p.valBitsPerChar());
                }
                out.writeInt(MAGIC); // a trailer: a file cut short fails to read rather than resuming garbage
            }
        });
    }

    /** The point saved in {@code file} for a job with {@code fingerprint} and {@code parameters} weights, if there is one. */
    static Optional<ResumePoint> read(Path file, String fingerprint, long parameters) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a resume file");
            }
            String saved = in.readUTF();
            if (!saved.equals(fingerprint)) {
                log.info("Not resuming from {}: it was saved for other training settings", file);
                return Optional.empty();
            }
            int iteration = in.readInt();
            double best = in.readDouble();
            double bestBits = in.readDouble();
            int n = in.readInt();
            if (n != parameters) {
                throw new IOException(n + " weights saved, the model has " + parameters);
            }
            float[] weights = new float[n];
            for (int i = 0; i < n; i++) {
                weights[i] = in.readFloat();
            }
            int step = in.readInt();
            float[] m = new float[n];
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                m[i] = in.readFloat();
                v[i] = in.readFloat();
            }
            int points = in.readInt();
            List<LossPoint> history = new ArrayList<>();
            for (int i = 0; i < points; i++) {
                history.add(new LossPoint(in.readInt(), in.readDouble(), in.readDouble(), in.readDouble()));
            }
            if (in.readInt() != MAGIC) {
                throw new IOException("no trailer");
            }
            return Optional.of(new ResumePoint(saved, iteration, best, bestBits, weights, new AdamW.Moments(step, m, v), history));
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot resume from {} ({}); the job starts from the beginning", file, e.toString());
            return Optional.empty();
        }
    }
}

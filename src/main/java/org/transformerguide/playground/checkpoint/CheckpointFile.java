package org.transformerguide.playground.checkpoint;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.transformerguide.playground.model.Gpt;
import org.transformerguide.playground.model.GptConfig;
import org.transformerguide.playground.tokenizer.Tokenizer;

/**
 * A trained model as one self-describing binary file, all numbers little-endian:
 *
 * <pre>
 * magic        8 bytes   "TGGPTCKP"
 * version      int32     {@value #VERSION}
 * totalLength  int64     bytes in the whole file, checksum included (detects truncation before hashing)
 * config       5 × int32 nLayer, nHead, nEmbd, blockSize, vocabSize; float64 dropout
 * tokenizer    string    Tokenizer.serialize()
 * metadata     int64 iterations, float64 bestValLoss, string corpusName
 * parameters   int64 n, then n × float32 (ParameterSet's flat buffer, in its allocation order)
 * checksum     32 bytes  SHA-256 of every byte before it
 * </pre>
 *
 * Version {@value #HALF_VERSION} is the same with the parameters as n × binary16 ({@link HalfFloat}):
 * half the size, for the checkpoint shipped in the jar; it loads into the same float32 model.
 *
 * A string is an int32 byte count and that many UTF-8 bytes. The magic, the length field and the
 * trailing SHA-256 are the same in every version, so any file can be checked for damage before its
 * version is interpreted: a flipped bit is always reported as corruption, and only an intact file of
 * another version as incompatible.
 *
 * <p>Writes are atomic (temporary file in the same directory, flushed, then moved over the target), so a
 * crash mid-save leaves the previous checkpoint in place rather than half a file.
 */
public final class CheckpointFile {

    public static final int VERSION = 1;
    /** The version whose weights are stored in half precision. */
    public static final int HALF_VERSION = 2;

    private static final byte[] MAGIC = "TGGPTCKP".getBytes(StandardCharsets.US_ASCII);
    private static final int FIXED_HEADER = MAGIC.length + Integer.BYTES + Long.BYTES;
    private static final int CHECKSUM_BYTES = 32;

    private CheckpointFile() {
    }

    /** Writes {@code model}'s weights (as float32), config, tokenizer and metadata to {@code target}, atomically. */
    public static void save(Path target, Gpt model, Tokenizer tokenizer, TrainingMetadata metadata) throws IOException {
        GptConfig config = model.config();
        if (tokenizer.vocabSize() != config.vocabSize()) {
            throw new IllegalArgumentException("Tokenizer has " + tokenizer.vocabSize() + " ids, the model " + config.vocabSize());
        }
        byte[] bytes = encode(config, tokenizer.serialize(), metadata, model.parameterSet().values());
        AtomicFile.write(target, out -> out.write(bytes));
    }

    /** Like {@link #save}, with the weights rounded to half precision (version {@value #HALF_VERSION}). */
    public static void saveHalf(Path target, Gpt model, Tokenizer tokenizer, TrainingMetadata metadata) throws IOException {
        GptConfig config = model.config();
        if (tokenizer.vocabSize() != config.vocabSize()) {
            throw new IllegalArgumentException("Tokenizer has " + tokenizer.vocabSize() + " ids, the model " + config.vocabSize());
        }
        byte[] bytes = encode(config, tokenizer.serialize(), metadata, model.parameterSet().values(), true);
        AtomicFile.write(target, out -> out.write(bytes));
    }

    /**
     * Reads a checkpoint written by {@link #save}: a float32 model with exactly the saved weights.
     *
     * @throws TruncatedCheckpointException   the file is shorter or longer than its header says
     * @throws CorruptCheckpointException     not a checkpoint, checksum mismatch, or inconsistent contents
     * @throws IncompatibleCheckpointException an intact file of a version or model kind this build cannot read
     * @throws NoSuchFileException            there is no file
     */
    public static LoadedModel load(Path source) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        verifyEnvelope(bytes, source);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, bytes.length - CHECKSUM_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        in.position(MAGIC.length);
        int version = in.getInt();
        if (version != VERSION && version != HALF_VERSION) {
            throw new IncompatibleCheckpointException(version, VERSION);
        }
        int width = version == HALF_VERSION ? Short.BYTES : Float.BYTES;
        in.getLong(); // totalLength, already checked
        try {
            GptConfig config = new GptConfig(in.getInt(), in.getInt(), in.getInt(), in.getInt(), in.getInt(), in.getDouble());
            Tokenizer tokenizer = Tokenizer.deserialize(readString(in));
            TrainingMetadata metadata = new TrainingMetadata(in.getLong(), in.getDouble(), readString(in));
            long count = in.getLong();
            if (count != config.parameterCount()) {
                throw new CorruptCheckpointException(source + ": " + count + " parameters stored, the config needs " + config.parameterCount());
            }
            if (in.remaining() != count * width) {
                throw new CorruptCheckpointException(source + ": " + in.remaining() + " bytes of parameters, expected " + count * width);
            }
            if (tokenizer.vocabSize() != config.vocabSize()) {
                throw new CorruptCheckpointException(source + ": tokenizer has " + tokenizer.vocabSize() + " ids, config " + config.vocabSize());
            }
            Gpt model = newModel(config, version);
            float[] values = model.parameterSet().values();                 // [n], read in the order saved
            if (width == Float.BYTES) {
                in.asFloatBuffer().get(values);
            } else {
                for (int i = 0; i < values.length; i++) {
                    values[i] = HalfFloat.toFloat(in.getShort());
                }
            }
            return new LoadedModel(model, tokenizer, metadata);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            // The checksum matched, so the writer produced this: still unusable, and never a crash.
            throw new CorruptCheckpointException(source + ": inconsistent contents (" + e.getMessage() + ")", e);
        }
    }

    /** Magic, declared length and SHA-256: the version-independent envelope. */
    private static void verifyEnvelope(byte[] bytes, Path source) throws CheckpointException {
        if (bytes.length < MAGIC.length || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new CorruptCheckpointException(source + " is not a checkpoint (no TGGPTCKP magic)");
        }
        if (bytes.length < FIXED_HEADER + CHECKSUM_BYTES) {
            throw new TruncatedCheckpointException(source + " is truncated: " + bytes.length + " bytes, not even a header");
        }
        long declared = ByteBuffer.wrap(bytes, MAGIC.length + Integer.BYTES, Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (declared != bytes.length) {
            throw new TruncatedCheckpointException(source + " has " + bytes.length + " bytes, its header says " + declared);
        }
        byte[] expected = sha256(bytes, bytes.length - CHECKSUM_BYTES);
        if (!Arrays.equals(expected, 0, CHECKSUM_BYTES, bytes, bytes.length - CHECKSUM_BYTES, bytes.length)) {
            throw new CorruptCheckpointException(source + ": SHA-256 checksum mismatch, the file is damaged");
        }
    }

    private static Gpt newModel(GptConfig config, int version) throws IncompatibleCheckpointException {
        try {
            // The seed is irrelevant: every weight is overwritten right after.
            return new Gpt(config, 0);
        } catch (IllegalArgumentException e) {
            throw new IncompatibleCheckpointException(version, "This engine cannot build the saved model: " + e.getMessage());
        }
    }

    /** The complete file contents, checksum included. Package-private so tests can build variants. */
    static byte[] encode(GptConfig config, String tokenizerForm, TrainingMetadata metadata, float[] parameters) {
        return encode(config, tokenizerForm, metadata, parameters, false);
    }

    /** The file contents with the weights as float32 (version 1) or binary16 (version 2). */
    static byte[] encode(GptConfig config, String tokenizerForm, TrainingMetadata metadata, float[] parameters, boolean half) {
        int width = half ? Short.BYTES : Float.BYTES;
        byte[] tokenizerBytes = tokenizerForm.getBytes(StandardCharsets.UTF_8);
        byte[] corpusBytes = metadata.corpusName().getBytes(StandardCharsets.UTF_8);
        long length = FIXED_HEADER
                + 5L * Integer.BYTES + Double.BYTES
                + Integer.BYTES + tokenizerBytes.length
                + Long.BYTES + Double.BYTES + Integer.BYTES + corpusBytes.length
                + Long.BYTES + (long) parameters.length * width
                + CHECKSUM_BYTES;
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Model too large for a single-array checkpoint: " + length + " bytes");
        }
        ByteBuffer out = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).putInt(half ? HALF_VERSION : VERSION).putLong(length);
        out.putInt(config.nLayer()).putInt(config.nHead()).putInt(config.nEmbd())
                .putInt(config.blockSize()).putInt(config.vocabSize()).putDouble(config.dropout());
        out.putInt(tokenizerBytes.length).put(tokenizerBytes);
        out.putLong(metadata.iterations()).putDouble(metadata.bestValLoss()).putInt(corpusBytes.length).put(corpusBytes);
        out.putLong(parameters.length);
        if (half) {
            for (float p : parameters) {
                out.putShort(HalfFloat.fromFloat(p));
            }
        } else {
            out.asFloatBuffer().put(parameters);             // a view: its position does not move `out`'s
            out.position(out.position() + parameters.length * Float.BYTES);
        }
        out.put(sha256(out.array(), out.position()));
        return out.array();
    }

    /** Recomputes the trailing checksum of {@code bytes} in place (for tests that forge a valid file). */
    static void reseal(byte[] bytes) {
        System.arraycopy(sha256(bytes, bytes.length - CHECKSUM_BYTES), 0, bytes, bytes.length - CHECKSUM_BYTES, CHECKSUM_BYTES);
    }

    private static String readString(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("string of " + length + " bytes with " + in.remaining() + " left");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] bytes, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, 0, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}

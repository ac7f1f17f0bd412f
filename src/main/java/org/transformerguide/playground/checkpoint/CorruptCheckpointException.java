package org.transformerguide.playground.checkpoint;

/** The file is not an intact checkpoint: wrong magic, checksum mismatch, or sizes that do not add up. */
public class CorruptCheckpointException extends CheckpointException {

    public CorruptCheckpointException(String message) {
        super(message);
    }

    public CorruptCheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}

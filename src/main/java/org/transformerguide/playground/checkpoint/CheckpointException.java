package org.transformerguide.playground.checkpoint;

import java.io.IOException;

/**
 * A checkpoint file that cannot be used. The subclasses say why, so a caller can tell "retrain, the file
 * is damaged" ({@link CorruptCheckpointException}) from "retrain or upgrade, the file is from another
 * format version" ({@link IncompatibleCheckpointException}). An {@link IOException}, because that is what
 * it is to a caller: reading a file failed.
 */
public class CheckpointException extends IOException {

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}

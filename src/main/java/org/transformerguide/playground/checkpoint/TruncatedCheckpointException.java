package org.transformerguide.playground.checkpoint;

/**
 * The file is shorter (or longer) than its header says: typically a write that was cut off, or a copy
 * that did not finish. A kind of corruption, with its own type so the message to a user can say so.
 */
public class TruncatedCheckpointException extends CorruptCheckpointException {

    public TruncatedCheckpointException(String message) {
        super(message);
    }
}

package org.transformerguide.playground.checkpoint;

/** An intact checkpoint (checksum correct) in a format version this code cannot read. */
public class IncompatibleCheckpointException extends CheckpointException {

    private final int version;

    public IncompatibleCheckpointException(int version, int supported) {
        super("Checkpoint format version " + version + " is not supported (this build reads version " + supported + ")");
        this.version = version;
    }

    /** An intact checkpoint of a supported version that describes a model this engine cannot build. */
    public IncompatibleCheckpointException(int version, String reason) {
        super(reason);
        this.version = version;
    }

    /** The version the file declares. */
    public int version() {
        return version;
    }
}

package org.transformerguide.playground.service;

/** Where a training job is in its life. */
public enum TrainingState {
    QUEUED, RUNNING, DONE, FAILED, CANCELLED;

    /** No more events will follow. */
    public boolean finished() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}

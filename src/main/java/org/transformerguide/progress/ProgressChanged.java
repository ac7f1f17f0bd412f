package org.transformerguide.progress;

/** A learner's ticks or reads changed (published after the change is committed is what listeners want). */
public record ProgressChanged(long accountId) {
}

package org.transformerguide.playground.inference;

import org.transformerguide.playground.model.SequenceCache;

/**
 * The last blockSize tokens of a growing sequence, read into a {@link SequenceCache}. While the sequence
 * fits, each new token is one more read; once it is longer, every new token moves the window (all positions
 * shift by one, and the positions are learned absolute ones), so the cache is cleared and the new window is
 * read again as one prompt: no faster than a full forward then, but no slower either. Shared by
 * {@link Generator} and {@link ContinuousBatching}, which must read exactly the same tokens.
 */
final class CachedWindow {

    private final SequenceCache cache;
    private final int blockSize;
    private int start; // sequence index of the cache's position 0

    CachedWindow(SequenceCache cache, int blockSize) {
        this.cache = cache;
        this.blockSize = blockSize;
    }

    SequenceCache cache() {
        return cache;
    }

    /**
     * The sequence index of the first of its {@code size} tokens not yet in the cache, after moving the
     * window (and clearing the cache) if the sequence outgrew blockSize since the last call.
     */
    int firstUnread(int size) {
        int windowStart = Math.max(0, size - blockSize);
        if (windowStart != start) {
            cache.clear();
            start = windowStart;
        }
        return start + cache.length();
    }
}

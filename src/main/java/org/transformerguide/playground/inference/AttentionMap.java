package org.transformerguide.playground.inference;

import java.util.List;

/**
 * What every attention head looked at, for heatmaps.
 *
 * @param tokens        the ids read (the last blockSize of the prompt)
 * @param tokenTexts    their texts, one per token
 * @param probabilities [layer][head][query][key]: row {@code query} is how token {@code query} spread its
 *                      attention over tokens 0..query; each row sums to 1, keys after the query get 0
 */
public record AttentionMap(int[] tokens, List<String> tokenTexts, float[][][][] probabilities) {

    public AttentionMap {
        tokenTexts = List.copyOf(tokenTexts);
    }
}

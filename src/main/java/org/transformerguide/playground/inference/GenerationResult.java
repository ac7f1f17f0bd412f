package org.transformerguide.playground.inference;

/**
 * What a generation produced and why it ended.
 *
 * @param tokens the generated ids (the prompt not included), in order
 * @param text   their decoded text
 * @param stop   why it stopped
 */
public record GenerationResult(int[] tokens, String text, Stop stop) {

    public enum Stop {
        /** maxTokens were generated. */
        MAX_TOKENS,
        /** The sink returned false (client gone or enough). */
        SINK,
        /** The thread was interrupted (a cancelled task or a time limit). */
        INTERRUPTED
    }
}

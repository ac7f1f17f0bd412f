package org.transformerguide.playground.inference;

/**
 * Receives generated tokens one at a time, as soon as each is chosen (e.g. to write an SSE event).
 * Returning false stops the generation at once: the natural answer when the client has gone.
 */
@FunctionalInterface
public interface TokenSink {

    /**
     * @param index position of this token among the generated ones, from 0
     * @param id    the token id
     * @param text  its text, {@code Tokenizer.tokenText(id)}
     * @return true to continue, false to stop now
     */
    boolean accept(int index, int id, String text);
}

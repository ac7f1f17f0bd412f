package org.transformerguide.playground.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.transformerguide.tokens.PublishedTokenizers;

class TokenizationTest {

    /** Spans are contiguous, start at 0, end at the text's length, and their substrings rebuild the text. */
    private static void assertSpansCover(Tokenization t, String text) {
        int position = 0;
        StringBuilder rebuilt = new StringBuilder();
        for (Tokenization.Token token : t.tokens()) {
            assertThat(token.start()).isEqualTo(position);
            assertThat(token.end()).isGreaterThanOrEqualTo(token.start());
            rebuilt.append(text, token.start(), token.end());
            position = token.end();
        }
        assertThat(position).isEqualTo(text.length());
        assertThat(rebuilt.toString()).isEqualTo(text);
        assertThat(t.count()).isEqualTo(t.tokens().size());
    }

    @Test
    void characterTokensSpanOneCodePointEachEvenUnknownOnes() {
        CharTokenizer tokenizer = CharTokenizer.fromCorpus("the cat");
        String text = "the ΩΩ 🙂 cat";
        Tokenization t = Tokenization.of("char", tokenizer, text);
        assertThat(t.count()).isEqualTo(text.codePointCount(0, text.length()));
        assertSpansCover(t, text);
        Tokenization.Token smile = t.tokens().get(7);
        assertThat(text.substring(smile.start(), smile.end())).isEqualTo("🙂");
        assertThat(smile.id()).isEqualTo(tokenizer.fallbackId());
    }

    @Test
    void byteLevelTokensSpanTheirCharactersAndPartialCharactersGetEmptySpans() {
        BytePairTokenizer tokenizer = BytePairTokenizer.train("the cat sat on the mat. the cat sat. ".repeat(20), 280);
        String text = "the cat é 🙂 mat";
        Tokenization t = Tokenization.of("bpe", tokenizer, text);
        assertSpansCover(t, text);
        // 🙂 is four bytes the merges never saw: four byte tokens, the first holding the character
        List<Tokenization.Token> smile = t.tokens().stream().filter(x -> x.start() == text.indexOf('🙂') || (x.start() == x.end()
                && x.start() == text.indexOf('🙂') + 2)).toList();
        assertThat(smile).hasSize(4);
        assertThat(text.substring(smile.get(0).start(), smile.get(0).end())).isEqualTo("🙂");
        assertThat(smile.subList(1, 4)).allSatisfy(x -> assertThat(x.start()).isEqualTo(x.end()));
    }

    /**
     * Token ids of GPT-2 (r50k_base) and cl100k_base for two short phrases. "Hello world" as GPT-2's
     * [15496, 995] and "hello world" as cl100k's [15339, 1917] are the values commonly quoted from OpenAI's
     * tiktoken; we confirmed that jtokkit gives the same here before pinning them.
     */
    @Test
    void publishedTokenizersGiveTheKnownIdsAndRoundTrip() {
        assertThat(PublishedTokenizers.GPT2.encode("Hello world")).containsExactly(15496, 995);
        assertThat(PublishedTokenizers.CL100K.encode("hello world")).containsExactly(15339, 1917);
        String text = "Tokenization: ünïcödé, 🙂, <|endoftext|> and   spaces\n";
        for (PublishedTokenizers p : PublishedTokenizers.values()) {
            assertThat(p.decode(p.encode(text))).isEqualTo(text);
            Tokenization t = Tokenization.of(p, text);
            assertSpansCover(t, text);
            assertThat(t.tokens().stream().mapToInt(Tokenization.Token::id).toArray()).containsExactly(p.encode(text));
        }
    }
}

package org.transformerguide.playground.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    /** Emoji with a skin-tone modifier and a ZWJ family, CJK, a combining accent, RTL, controls, the empty string. */
    private static final List<String> UNICODE_SAMPLES = List.of(
            "",
            "Hello, world!",
            "héllo wörld: e\u0301 (e + combining acute) and \u00e9 (precomposed)",
            "👋🏽 👨‍👩‍👧 🦀 \uD83D\uDE00",
            "日本語のテキスト、中文文本，한국어",
            "שלום עולם مرحبا",
            "tabs\tand\nnewlines\r\n and \u0000 nul, \u200B zero width",
            "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 outside the BMP: 𐍈 𓀀",
            "   leading and trailing spaces   ",
            "'s 'll 've numbers 12345 3.14 and punctuation !?!...");

    /** Random strings of valid code points from all planes (surrogate code points excluded: they are not text). */
    private static List<String> randomUnicode(int count, long seed) {
        Random random = new Random(seed);
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int j = 0; j < length; j++) {
                int codePoint;
                do {
                    codePoint = switch (random.nextInt(4)) {
                        case 0 -> random.nextInt(0x80);             // ASCII
                        case 1 -> random.nextInt(0x800);            // two-byte UTF-8
                        case 2 -> random.nextInt(0x10000);          // BMP
                        default -> random.nextInt(0x110000);        // any plane
                    };
                } while (codePoint >= 0xD800 && codePoint <= 0xDFFF);
                text.appendCodePoint(codePoint);
            }
            return text.toString();
        }).toList();
    }

    @Test
    void charTokenizerRoundTripsEveryCharacterOfItsCorpus() {
        String corpus = String.join("", UNICODE_SAMPLES) + String.join("", randomUnicode(50, 1));
        CharTokenizer tokenizer = CharTokenizer.fromCorpus(corpus);
        for (String text : UNICODE_SAMPLES) {
            assertThat(tokenizer.decode(tokenizer.encode(text))).isEqualTo(text);
        }
        for (String text : randomUnicode(50, 1)) {
            assertThat(tokenizer.decode(tokenizer.encode(text))).isEqualTo(text);
        }
        // One token per code point: the emoji is one id, not two surrogate halves.
        assertThat(tokenizer.encode("🦀")).hasSize(1);
        assertThat(tokenizer.encode("")).isEmpty();
    }

    @Test
    void charTokenizerIdsAreTheSortedCharactersAndUnknownsMapToTheFallback() {
        CharTokenizer tokenizer = CharTokenizer.fromCorpus("hello world");
        // Sorted distinct characters: ' ' d e h l o r w -> ids 0..7; the fallback is id 8.
        assertThat(tokenizer.vocabSize()).isEqualTo(9);
        assertThat(tokenizer.fallbackId()).isEqualTo(8);
        assertThat(tokenizer.encode("hello")).containsExactly(3, 2, 4, 4, 5);
        assertThat(tokenizer.encode("hex 🦀!")).containsExactly(3, 2, 8, 0, 8, 8);
        assertThat(tokenizer.decode(tokenizer.encode("hex 🦀!"))).isEqualTo("he\uFFFD \uFFFD\uFFFD");
        assertThat(tokenizer.tokenText(8)).isEqualTo("\uFFFD");
        assertThat(tokenizer.tokenText(0)).isEqualTo(" ");
        assertThatThrownBy(() -> tokenizer.decode(new int[] {9})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokenizer.decode(new int[] {-1})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bytePairTokenizerRoundTripsArbitraryUnicodeExactly() {
        BytePairTokenizer tokenizer = BytePairTokenizer.train(String.join(" ", UNICODE_SAMPLES).repeat(3), 400);
        assertThat(tokenizer.vocabSize()).isGreaterThan(256);
        for (String text : UNICODE_SAMPLES) {
            assertThat(tokenizer.decode(tokenizer.encode(text))).isEqualTo(text);
        }
        for (String text : randomUnicode(300, 7)) {
            assertThat(tokenizer.decode(tokenizer.encode(text))).isEqualTo(text);
        }
        // Text it never saw still encodes (as bytes) and decodes exactly.
        String unseen = "Ünïcödé ∑∫ 🧬 ꙮ " + "x".repeat(1000);
        assertThat(tokenizer.decode(tokenizer.encode(unseen))).isEqualTo(unseen);
        assertThat(tokenizer.encode("")).isEmpty();
        assertThat(tokenizer.decode(new int[0])).isEmpty();
    }

    @Test
    void bytePairMergesOnATinyCorpusAreTheOnesWorkedOutByHand() {
        // Corpus "aaabdaaabac" (the Wikipedia example), one piece; a=97 b=98 c=99 d=100.
        //   pairs: (a,a) x4 [naive count: "aaa" holds it twice, twice over], (a,b) x2, (b,d) (d,a) (b,a) (a,c) x1
        //   merge 1: (a,a) -> 256; "aa a b d aa a b a c" = [256 97 98 100 256 97 98 97 99]
        //   pairs: (256,a) x2, (a,b) x2, the rest x1; tie -> smaller first id: (a,b) -> 257
        //   sequence [256 257 100 256 257 97 99]; pairs: (256,257) x2, the rest x1 -> merge 3: (256,257) -> 258
        //   sequence [258 100 258 97 99] ("XdXac"): every pair occurs once, so training stops at 259 tokens
        //   although 300 were asked for.
        BytePairTokenizer tokenizer = BytePairTokenizer.train("aaabdaaabac", 300);
        assertThat(tokenizer.merges()).containsExactly(new int[] {97, 97}, new int[] {97, 98}, new int[] {256, 257});
        assertThat(tokenizer.vocabSize()).isEqualTo(259);
        assertThat(tokenizer.encode("aaabdaaabac")).containsExactly(258, 100, 258, 97, 99);
        assertThat(tokenizer.tokenText(258)).isEqualTo("aaab");
    }

    @Test
    void bytePairMergesNeverCrossAPieceBoundary() {
        // Pieces: "ab", " ab", " ab" (a word takes its leading space). Pairs: (a,b) x3, (' ',a) x2; the pair (b,' ')
        // spans two pieces and is never counted. Merge 1: (a,b) -> 256; then (' ',256) x2 -> 257; then nothing twice.
        BytePairTokenizer tokenizer = BytePairTokenizer.train("ab ab ab", 1000);
        assertThat(tokenizer.merges()).containsExactly(new int[] {97, 98}, new int[] {32, 256});
        assertThat(tokenizer.encode("ab ab")).containsExactly(256, 257);
        assertThat(tokenizer.tokenText(257)).isEqualTo(" ab");
    }

    @Test
    void bothTokenizersSurviveTheirSerializedForm() {
        String corpus = String.join("\n", UNICODE_SAMPLES);
        for (Tokenizer tokenizer : List.of(CharTokenizer.fromCorpus(corpus), BytePairTokenizer.train(corpus.repeat(4), 320))) {
            Tokenizer copy = Tokenizer.deserialize(tokenizer.serialize());
            assertThat(copy.getClass()).isEqualTo(tokenizer.getClass());
            assertThat(copy.vocabSize()).isEqualTo(tokenizer.vocabSize());
            for (String text : UNICODE_SAMPLES) {
                assertThat(copy.encode(text)).containsExactly(tokenizer.encode(text));
            }
            assertThat(copy.serialize()).isEqualTo(tokenizer.serialize());
        }
        assertThatThrownBy(() -> Tokenizer.deserialize("something else\n1 2\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tokenizer.deserialize(BytePairTokenizer.HEADER + "\npieces gpt2-with-marks max128\n300 1\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bytePairDecodingOfAPartialCharacterGivesAReplacementCharacterNotAnError() {
        BytePairTokenizer tokenizer = BytePairTokenizer.train("plain ascii text", 260);
        int[] crab = tokenizer.encode("🦀"); // four UTF-8 bytes, no merges
        assertThat(crab).hasSize(4);
        assertThat(tokenizer.decode(java.util.Arrays.copyOf(crab, 2))).isEqualTo("\uFFFD");
        assertThat(tokenizer.tokenText(crab[0])).isEqualTo("\uFFFD");
    }

    @Test
    void piecesCoverTheTextAndLongRunsAreCut() {
        String text = "Hello  world's 42 birds!!\n\n" + "z".repeat(300) + "🦀".repeat(100);
        List<String> pieces = BytePairTokenizer.pieces(text);
        assertThat(String.join("", pieces)).isEqualTo(text);
        assertThat(pieces).allSatisfy(piece -> assertThat(piece.length()).isLessThanOrEqualTo(BytePairTokenizer.MAX_PIECE_CHARS));
        assertThat(pieces).allSatisfy(piece -> assertThat(Character.isLowSurrogate(piece.charAt(0))).isFalse());
        assertThat(pieces.subList(0, 7)).containsExactly("Hello", " ", " world", "'s", " 42", " birds", "!!");
    }
}

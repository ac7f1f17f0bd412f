package org.transformerguide.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.transformerguide.content.document.GuideDocument;
import org.transformerguide.content.document.Section;
import org.springframework.web.util.HtmlUtils;
import org.transformerguide.testing.SelfContained;

/** How words are matched (typos, half-typed words, math and code, stems) and how results look. */
@SelfContained
class SearchMatchingTest {

    private static SearchResults search(String query) {
        return TestGuide.search().search(query, 10);
    }

    private static String firstTitle(String query) {
        List<SearchResult> results = search(query).results();
        assertThat(results).as("results for '%s'", query).isNotEmpty();
        return results.get(0).sectionTitle().toLowerCase(Locale.ROOT);
    }

    @ParameterizedTest(name = "the typo \"{0}\" finds {1}")
    @CsvSource({
            "atention, attention",
            "tranformer, transformer",
            "backpropogation, backpropagation",
            "perplexty, perplexity",
            "embeddnig, embedding",
            "sofmax, softmax",
    })
    void aTypoStillFindsTheWord(String typo, String word) {
        assertThat(firstTitle(typo)).contains(word);
        assertThat(search(typo).results().get(0).snippet()).containsIgnoringCase(">" + word);
    }

    @Test
    void wordsOfThreeLettersOrFewerAreNotGuessed() {
        // "GRO" is one edit from "GRU", but three letters are too few to tell a typo from another word
        assertThat(search("gro").results()).noneMatch(r -> r.sectionTitle().contains("GRU"));
    }

    @ParameterizedTest(name = "typing \"{0}\" already finds {1}")
    @CsvSource({
            "atten, atten",
            "backprop, backprop",
            "speculative deco, speculative decoding",
            "byte-pair enc, byte-pair encoding",
            "mixture of exp, mixture of experts",
    })
    void theLastWordMayBeHalfTyped(String typed, String expectedInTitle) {
        assertThat(firstTitle(typed)).contains(expectedInTitle);
    }

    @Test
    void aHalfTypedWordIsMarkedInTheSnippetAsItWasFound() {
        SearchResult first = search("teacher forc").results().get(0);
        assertThat(first.section()).isEqualTo("teacher-forcing");
        assertThat(first.snippet()).contains("<mark>teacher</mark> <mark>forcing</mark>");
    }

    @ParameterizedTest(name = "math and code: \"{0}\"")
    @ValueSource(strings = {"softmax", "sqrt", "d_k", "KV cache", "nn.Linear", "W_Q", "torch.einsum", "operatorname"})
    void mathAndCodeAreSearchableAsText(String query) {
        SearchResults results = search(query);
        assertThat(results.results()).as("results for '%s'", query).isNotEmpty();
        SearchResult first = results.results().get(0);
        String section = section(first).text() + " " + section(first).title();
        assertThat(section.toLowerCase(Locale.ROOT)).contains(query.toLowerCase(Locale.ROOT).split(" ")[0]);
    }

    @Test
    void anIdentifierIsFoundByItsParts() {
        // nn.Linear is indexed whole and as "nn" and "Linear"; "layer norm" finds LayerNorm
        assertThat(search("linear").results()).isNotEmpty();
        assertThat(keys("F.scaled_dot_product_attention")).first().isEqualTo("pytorch_ref#fscaled_dot_product_attention");
        assertThat(keys("scaled_dot_product_attention").subList(0, 3)).contains("pytorch_ref#fscaled_dot_product_attention");
        assertThat(search("layer norm").results()).anyMatch(r -> r.snippet().contains("<mark>LayerNorm</mark>"));
    }

    @Test
    void proseOutranksAWordInsideAnIdentifier() {
        // "linear" in a heading of prose beats the many nn.Linear(...) calls of the PyTorch reference
        assertThat(firstTitle("linear attention")).contains("linear attention");
    }

    @Test
    void stemmingFindsOtherFormsOfAWord() {
        assertThat(search("gradients").results()).anyMatch(r -> r.sectionTitle().equals("Gradient clipping"));
        assertThat(search("gradient clippings").results().get(0).sectionTitle()).isEqualTo("Gradient clipping");
        assertThat(search("normalizing").results()).anyMatch(r -> r.snippet().contains("<mark>normaliz"));
    }

    @Test
    void snippetsMarkTheWordsAndEscapeEverythingElse() {
        for (String query : List.of("softmax", "x < 0", "attention mask", "torch.tensor", "a & b", "<script>", "requires_grad")) {
            for (SearchResult result : search(query).results()) {
                String outsideMarks = result.snippet().replace("<mark>", "").replace("</mark>", "");
                assertThat(outsideMarks).as("snippet for '%s'", query).doesNotContain("<", ">");
                String text = HtmlUtils.htmlUnescape(outsideMarks);
                assertThat(text.length()).as("snippet for '%s': %s", query, text).isLessThanOrEqualTo(Snippets.LENGTH + 10);
                assertThat(text.isEmpty()).as("empty snippet for '%s'", query).isEqualTo(section(result).text().isEmpty());
                assertThat(text).doesNotContain("\n");
            }
        }
        SearchResult cache = search("KV cache").results().get(1);
        assertThat(cache.snippet()).contains("<mark>KV</mark> <mark>cache</mark>");
    }

    @Test
    void aResultLinksToItsSectionAndATitleSectionToItsDocument() {
        SearchResults kv = search("KV cache");
        assertThat(kv.results().get(0).url()).isEqualTo("/guide/glossary#kv-cache");
        assertThat(kv.results().get(0).documentTitle()).isEqualTo("Glossary");
        assertThat(kv.results().get(0).sectionTitle()).isEqualTo("KV cache");

        GuideDocument rnn = TestGuide.catalog().document("rnn_intro").orElseThrow();
        Section title = rnn.sections().get(0);
        assertThat(title.level()).isEqualTo(1);
        SearchResult result = TestGuide.search().search(title.title(), 50).results().stream()
                .filter(r -> r.section().equals(title.id())).findFirst().orElseThrow();
        assertThat(result.url()).isEqualTo("/guide/rnn_intro");
    }

    @Test
    void totalCountsEveryMatchAndLimitCutsTheList() {
        SearchResults three = TestGuide.search().search("attention", 3);
        assertThat(three.results()).hasSize(3);
        assertThat(three.total()).isGreaterThan(20);
        assertThat(TestGuide.search().search("attention", 50).results()).hasSize(50);
    }

    @ParameterizedTest(name = "\"{0}\" finds nothing, quietly")
    @ValueSource(strings = {"*", "\"", "(", ")", "AND", "OR NOT", "\\", ":", "?", "~", "^", "[]", "{}", "&&", "||", "!",
            "/", "-", "+", "*:*", "the of and", "zzqqxxyy", "\u00ad", "\u200b\u200b"})
    void syntaxAndNoiseFindNothingWithoutFailing(String query) {
        SearchResults results = TestGuide.search().search(query, 10);
        assertThat(results.results()).isEmpty();
        assertThat(results.total()).isZero();
    }

    @Test
    void controlCharactersAreSpacesAndAloneAreNoQuery() {
        assertThat(keys("KV\u0000cache")).isEqualTo(keys("KV cache"));
        assertThat(TestGuide.search().search("\tsoftmax\n", 10).query()).isEqualTo("softmax");
        assertThatThrownBy(() -> TestGuide.search().search("\u0000\u0007", 10)).isInstanceOf(InvalidSearchException.class);
    }

    @Test
    void queryOperatorsAreOrdinaryCharacters() {
        // what would be syntax to Lucene's query parser is just text here: no field, no wildcard, no boost
        assertThat(search("title:attention").results()).allMatch(r -> r.snippet().contains("title"));
        assertThat(keys("\"KV cache\"")).first().isEqualTo("glossary#kv-cache");
        assertThat(keys("(softmax) AND jacobian*")).first().isEqualTo("transformers_math#the-softmax-jacobian");
        assertThat(keys("softmax^ jacobian~")).first().isEqualTo("transformers_math#the-softmax-jacobian");
        SearchResults and = TestGuide.search().search("attention AND mask", 50);
        SearchResults plain = TestGuide.search().search("attention mask", 50);
        assertThat(and.total()).isPositive().isEqualTo(plain.total());
        assertThat(and.results()).containsExactlyInAnyOrderElementsOf(plain.results());
    }

    @Test
    void aLongQueryIsCutToItsFirstWords() {
        String sentence = "how does the attention of a transformer use queries keys and values to mix the tokens "
                + "of a sentence into new vectors at every layer of the model";
        assertThat(sentence.length()).isLessThanOrEqualTo(SearchService.MAX_QUERY_LENGTH);
        assertThat(search(sentence).results()).isNotEmpty();
    }

    private static List<String> keys(String query) {
        return search(query).results().stream().map(r -> r.document() + "#" + r.section()).toList();
    }

    private static Section section(SearchResult result) {
        return TestGuide.catalog().document(result.document()).orElseThrow().sections().stream()
                .filter(s -> s.id().equals(result.section())).findFirst().orElseThrow();
    }
}

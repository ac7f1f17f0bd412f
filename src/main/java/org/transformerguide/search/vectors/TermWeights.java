package org.transformerguide.search.vectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * TF-IDF weights over the guide's words: the sparse side of latent semantic analysis. A word is
 * lower-cased and stemmed (KStem, as the text search does), stop words are dropped, and so are tokens
 * without a letter or of one character (the x, i and k of formulas say nothing about a topic). Only
 * words found in at least two chunks are kept: a word of one chunk cannot relate two chunks.
 * A chunk's weights are (1 + ln tf) · ln(N / df), scaled to unit length.
 */
final class TermWeights {

    static final int MIN_DOCUMENT_FREQUENCY = 2;

    private final Map<String, Integer> vocabulary;
    private final String[] words;
    private final float[] idf;

    private TermWeights(Map<String, Integer> vocabulary, String[] words, float[] idf) {
        this.vocabulary = vocabulary;
        this.words = words;
        this.idf = idf;
    }

    /** @param texts each text's words with their counts, from {@link #words} */
    static TermWeights fit(List<Map<String, Integer>> texts) {
        Map<String, Integer> documentFrequency = new TreeMap<>(); // sorted: term numbers do not depend on hashing
        for (Map<String, Integer> text : texts) {
            text.keySet().forEach(w -> documentFrequency.merge(w, 1, Integer::sum));
        }
        Map<String, Integer> vocabulary = new LinkedHashMap<>();
        List<Float> idf = new ArrayList<>();
        documentFrequency.forEach((word, df) -> {
            if (df >= MIN_DOCUMENT_FREQUENCY) {
                vocabulary.put(word, vocabulary.size());
                idf.add((float) Math.log((double) texts.size() / df));
            }
        });
        float[] weights = new float[idf.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = idf.get(i);
        }
        return new TermWeights(vocabulary, vocabulary.keySet().toArray(String[]::new), weights);
    }

    int size() {
        return words.length;
    }

    /** The text's known words with their TF-IDF weights, unit length (empty if it has none). */
    SparseVector weigh(String text) {
        return weigh(words(text));
    }

    /** The same, for words already counted. */
    SparseVector weigh(Map<String, Integer> words) {
        Map<Integer, Integer> counts = new TreeMap<>();
        words.forEach((word, count) -> {
            Integer term = vocabulary.get(word);
            if (term != null) {
                counts.put(term, count);
            }
        });
        int[] terms = new int[counts.size()];
        float[] weights = new float[counts.size()];
        double norm = 0;
        int i = 0;
        for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
            terms[i] = e.getKey();
            weights[i] = (float) ((1 + Math.log(e.getValue())) * idf[e.getKey()]);
            norm += weights[i] * weights[i];
            i++;
        }
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int j = 0; j < weights.length; j++) {
                weights[j] *= scale;
            }
        }
        return new SparseVector(terms, weights);
    }

    /** The words of the text the vocabulary knows, as analysed (stemmed), in the order they first occur. */
    List<String> knownWords(String text) {
        return words(text).keySet().stream().filter(vocabulary::containsKey).toList();
    }

    /** Each analysed word of the text with its count, in order of first occurrence. */
    static Map<String, Integer> words(String text) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (TokenStream stream = ANALYZER.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                String word = term.toString();
                if (word.length() > 1 && word.chars().anyMatch(Character::isLetter)) {
                    counts.merge(word, 1, Integer::sum);
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a string reader does no I/O
        }
        return counts;
    }

    private static final Analyzer ANALYZER = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            StandardTokenizer source = new StandardTokenizer();
            TokenStream stream = new LowerCaseFilter(source);
            stream = new EnglishPossessiveFilter(stream);
            stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
            return new TokenStreamComponents(source, new KStemFilter(stream));
        }
    };
}

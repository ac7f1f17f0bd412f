package org.transformerguide.search;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.transformerguide.content.document.GuideDocument;

/**
 * How much a document is about a word: the word's density in it (occurrences per word of text) against
 * the densest document. "attention" is the subject of the transformers document, where it is on every
 * page, not of the RNN document that introduces Bahdanau attention in one section; a section of the
 * document whose subject the query is ranks above an equally good match elsewhere.
 */
final class DocumentSubjects {

    private final IndexReader reader;
    private final int[] documentOf; // Lucene doc id -> index into documents
    private final long[] words;      // words of text per document

    DocumentSubjects(IndexReader reader, int[] documentOf, List<GuideDocument> documents) {
        this.reader = reader;
        this.documentOf = documentOf;
        this.words = new long[documents.size()];
        for (int i = 0; i < documents.size(); i++) {
            words[i] = Math.max(1, documents.get(i).words());
        }
    }

    /** For each document, its share (0 to 1) of the densest document's density of the word. */
    double[] shares(String field, String stem) throws IOException {
        double[] density = new double[words.length];
        for (LeafReaderContext leaf : reader.leaves()) {
            PostingsEnum postings = leaf.reader().postings(new Term(field, stem), PostingsEnum.FREQS);
            if (postings == null) {
                continue;
            }
            for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                density[documentOf[leaf.docBase + doc]] += postings.freq();
            }
        }
        double max = 0;
        for (int i = 0; i < density.length; i++) {
            density[i] /= words[i];
            max = Math.max(max, density[i]);
        }
        if (max > 0) {
            for (int i = 0; i < density.length; i++) {
                density[i] /= max;
            }
        }
        return density;
    }

    /** The mean share of the query's words for each document (all zeros for no words). */
    Map<Integer, Double> meanShares(String field, List<String> stems) throws IOException {
        Map<Integer, Double> mean = new HashMap<>();
        for (String stem : stems) {
            double[] share = shares(field, stem);
            for (int i = 0; i < share.length; i++) {
                mean.merge(i, share[i] / stems.size(), Double::sum);
            }
        }
        return mean;
    }
}

package org.transformerguide.content.examples.knowledge;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/** Builds a Lucene HNSW index in memory and asks it for the k nearest neighbors of a query. */
public final class LuceneHnswSearch {

    /** One hit: our document number and Lucene's score, which for COSINE is (1 + cosine) / 2. */
    public record Hit(int doc, float score) {
        public double cosine() {
            return 2.0 * score - 1.0;
        }
    }

    private LuceneHnswSearch() {
    }

    public static List<Hit> search(float[][] docs, float[] query, int k) throws IOException {
        // M = 16 links per node and a beam of 100 while building are Lucene's defaults, spelled out here.
        IndexWriterConfig config = new IndexWriterConfig().setCodec(new Lucene912Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return new Lucene99HnswVectorsFormat(16, 100);
            }
        });
        try (Directory dir = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(dir, config)) {
                for (int i = 0; i < docs.length; i++) {
                    Document doc = new Document();
                    doc.add(new StoredField("id", i));
                    doc.add(new KnnFloatVectorField("embedding", docs[i], VectorSimilarityFunction.COSINE));
                    writer.addDocument(doc);
                }
            } // closing the writer flushes the segment, which builds its HNSW graph
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                List<Hit> hits = new ArrayList<>();
                for (ScoreDoc hit : searcher.search(new KnnFloatVectorQuery("embedding", query, k), k).scoreDocs) {
                    int id = searcher.storedFields().document(hit.doc).getField("id").numericValue().intValue();
                    hits.add(new Hit(id, hit.score));
                }
                return hits;
            }
        }
    }

    public static void main(String[] args) throws IOException {
        for (Hit hit : search(ToyCorpus.VECTORS, ToyCorpus.QUERY, 3)) {
            System.out.printf("d%d  score %.4f  cosine %.3f  %s%n",
                    hit.doc(), hit.score(), hit.cosine(), ToyCorpus.TITLES[hit.doc()]);
        }
    }
}

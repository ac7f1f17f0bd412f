package org.transformerguide.search.vectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.VectorUtil;
import org.transformerguide.content.document.GuideDocument;

/**
 * The guide's chunks as unit vectors, searchable two ways: through a Lucene HNSW graph
 * ({@link KnnFloatVectorField}, dot product, which on unit vectors is the cosine) and by an exact scan
 * of every vector. Both score with Lucene's own {@link VectorUtil#dotProduct}, so a chunk both find has
 * the same score in both lists. Immutable; rebuilt whole when the guide reloads.
 */
final class VectorIndex {

    static final String FIELD = "lsa";

    /**
     * One result.
     *
     * @param chunk the chunk's number
     * @param score the cosine similarity of the query and the chunk in the latent space
     */
    record Hit(int chunk, float score) {
    }

    /** @param visited how many vectors the search compared the query with */
    record Found(List<Hit> hits, int visited) {
    }

    private final List<Chunk> chunks;
    private final LatentSemanticSpace space;
    private final float[][] vectors;
    private final LeafReader reader;
    private final int m;
    private final int beamWidth;

    private VectorIndex(List<Chunk> chunks, LatentSemanticSpace space, float[][] vectors,
                        LeafReader reader, int m, int beamWidth) {
        this.chunks = chunks;
        this.space = space;
        this.vectors = vectors;
        this.reader = reader;
        this.m = m;
        this.beamWidth = beamWidth;
    }

    static VectorIndex build(List<GuideDocument> documents, VectorSearchProperties settings) {
        List<Chunk> chunks = GuideChunks.split(documents, settings.chunkWords());
        LatentSemanticSpace space = LatentSemanticSpace.fit(chunks.stream().map(Chunk::text).toList(), settings.dimensions());
        List<Chunk> kept = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            float[] vector = space.fitted().get(i);
            if (vector != null) { // a chunk of words no other chunk uses has no direction in the space
                kept.add(new Chunk(kept.size(), chunk.document(), chunk.documentTitle(), chunk.section(),
                        chunk.sectionTitle(), chunk.url(), chunk.part(), chunk.text()));
                vectors.add(vector);
            }
        }
        float[][] matrix = vectors.toArray(float[][]::new);
        return new VectorIndex(List.copyOf(kept), space, matrix,
                hnsw(matrix, settings.m(), settings.beamWidth()), settings.m(), settings.beamWidth());
    }

    /** One segment, one graph: the documents' numbers are the chunks' numbers. */
    private static LeafReader hnsw(float[][] vectors, int m, int beamWidth) {
        IndexWriterConfig config = new IndexWriterConfig().setCodec(new Lucene912Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return new Lucene99HnswVectorsFormat(m, beamWidth);
            }
        });
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (float[] vector : vectors) {
                Document document = new Document();
                document.add(new KnnFloatVectorField(FIELD, vector, VectorSimilarityFunction.DOT_PRODUCT));
                writer.addDocument(document);
            }
            writer.forceMerge(1);
            writer.commit();
            DirectoryReader reader = DirectoryReader.open(directory);
            if (reader.leaves().size() != 1 || reader.maxDoc() != vectors.length) {
                throw new IllegalStateException("expected one segment of " + vectors.length + " vectors");
            }
            // In-memory: nothing to close but heap buffers, which go when the index is replaced.
            return reader.leaves().get(0).reader();
        } catch (IOException e) {
            throw new UncheckedIOException("could not build the vector index in memory", e);
        }
    }

    List<Chunk> chunks() {
        return chunks;
    }

    float[] vector(int chunk) {
        return vectors[chunk];
    }

    LatentSemanticSpace space() {
        return space;
    }

    int m() {
        return m;
    }

    int beamWidth() {
        return beamWidth;
    }

    /**
     * The approximate top k: Lucene's HNSW search with a beam of {@code candidates} (its k, the
     * ef_search of the HNSW paper), cut to the best k. This is the per-segment search that a
     * {@code KnnFloatVectorQuery} runs; called directly, it also reports how many vectors it visited.
     */
    Found hnsw(float[] query, int k, int candidates) {
        try {
            TopDocs top = reader.searchNearestVectors(FIELD, query, candidates, null, Integer.MAX_VALUE);
            List<Hit> hits = new ArrayList<>();
            for (ScoreDoc doc : top.scoreDocs) {
                if (hits.size() == k) {
                    break;
                }
                hits.add(new Hit(doc.doc, VectorUtil.dotProduct(query, vectors[doc.doc])));
            }
            return new Found(hits, (int) top.totalHits.value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an in-memory index does no real I/O
        }
    }

    /** The true top k: the query against every vector, the best k kept in a small heap. */
    Found exact(float[] query, int k) {
        Comparator<Hit> worstFirst = Comparator.comparingDouble(Hit::score).thenComparing(Hit::chunk, Comparator.reverseOrder());
        PriorityQueue<Hit> best = new PriorityQueue<>(k + 1, worstFirst);
        for (int i = 0; i < vectors.length; i++) {
            float score = VectorUtil.dotProduct(query, vectors[i]);
            if (best.size() < k) {
                best.add(new Hit(i, score));
            } else if (score > best.peek().score()) {
                best.poll();
                best.add(new Hit(i, score));
            }
        }
        List<Hit> hits = new ArrayList<>(best);
        hits.sort(worstFirst.reversed());
        return new Found(hits, vectors.length);
    }

    /** recall@k: the share of the exact top k that the approximate search found. */
    static double recall(List<Hit> approximate, List<Hit> exact) {
        if (exact.isEmpty()) {
            return 1;
        }
        long found = approximate.stream().filter(a -> exact.stream().anyMatch(e -> e.chunk() == a.chunk())).count();
        return (double) found / exact.size();
    }
}

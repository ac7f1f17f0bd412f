package org.transformerguide.playground.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.transformerguide.playground.tokenizer.CharTokenizer;
import org.transformerguide.testing.EngineTest;

@EngineTest
class EmbeddingMapTest {

    private static final String CHARACTERS = "abcdefghijklmnopqrstuvwxyz.,!"; // 29 characters + the fallback = 30 tokens

    private static float[][] randomTable(int rows, int cols, long seed) {
        Random random = new Random(seed);
        float[][] table = new float[rows][cols];
        for (float[] row : table) {
            for (int j = 0; j < cols; j++) {
                row[j] = (float) random.nextGaussian();
            }
        }
        return table;
    }

    @Test
    void neighboursAreTheBruteForceCosineRanking() {
        CharTokenizer tokenizer = CharTokenizer.fromCorpus(CHARACTERS);
        float[][] table = randomTable(tokenizer.vocabSize(), 8, 5);
        EmbeddingMap map = EmbeddingMap.of(table, tokenizer);
        for (int id : new int[] {0, 7, 29}) {
            List<double[]> all = new ArrayList<>(); // {id, cosine}
            for (int j = 0; j < table.length; j++) {
                if (j != id) {
                    double dot = 0;
                    double nu = 0;
                    double nv = 0;
                    for (int c = 0; c < 8; c++) {
                        dot += table[id][c] * table[j][c];
                        nu += table[id][c] * table[id][c];
                        nv += table[j][c] * table[j][c];
                    }
                    all.add(new double[] {j, dot / Math.sqrt(nu * nv)});
                }
            }
            all.sort(Comparator.comparingDouble((double[] p) -> -p[1]));
            List<EmbeddingMap.Neighbour> neighbours = map.neighbours(id, 10);
            assertThat(neighbours).hasSize(10);
            for (int i = 0; i < 10; i++) {
                assertThat(neighbours.get(i).id()).isEqualTo((int) all.get(i)[0]);
                assertThat(neighbours.get(i).similarity()).isCloseTo(all.get(i)[1], within(1e-6));
                assertThat(neighbours.get(i).text()).isEqualTo(tokenizer.tokenText(neighbours.get(i).id()));
            }
        }
        assertThat(map.neighbours(3, 50)).as("fewer than k when the vocabulary is smaller").hasSize(29);
    }

    @Test
    void everyTokenIsAPointAtItsProjection() {
        CharTokenizer tokenizer = CharTokenizer.fromCorpus(CHARACTERS);
        float[][] table = randomTable(tokenizer.vocabSize(), 8, 9);
        EmbeddingMap map = EmbeddingMap.of(table, tokenizer);
        PrincipalComponents pca = PrincipalComponents.of(table, 2);
        assertThat(map.points()).hasSize(30);
        for (EmbeddingMap.Point p : map.points()) {
            double[] xy = pca.project(table[p.id()]);
            assertThat(p.x()).isCloseTo(xy[0], within(1e-9));
            assertThat(p.y()).isCloseTo(xy[1], within(1e-9));
        }
        assertThat(map.explainedVarianceRatio()).containsExactly(pca.explainedVarianceRatio(), within(1e-12));
        assertThat(map.idOf("q")).isEqualTo(CHARACTERS.chars().sorted().boxed().toList().indexOf((int) 'q'));
        assertThat(map.idOf("Q")).isEqualTo(-1);
    }
}

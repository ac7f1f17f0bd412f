package org.transformerguide.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.transformerguide.testing.SelfContained;

/**
 * The section a reader is after comes first. Each expectation was written by reading the guide: the
 * query, then {@code document#section} (several, separated by spaces, where the guide deliberately
 * covers a topic in two documents, such as the intuition and the mathematics). They name headings and
 * glossary terms, which are stable, never scores.
 *
 * <p>When the query is a glossary term, its glossary entry comes first (a short definition that links
 * onward); {@link #theSectionThatExplainsAGlossaryTermComesFirstAfterItsEntry} then checks where the
 * reader goes next. A question ("how does attention work", "what is a neuron?") ranks like its key terms.
 */
@SelfContained
class SearchRelevanceTest {

    private static List<String> keys(String query, int limit) {
        return TestGuide.search().search(query, limit).results().stream()
                .map(r -> r.document() + "#" + r.section()).toList();
    }

    @ParameterizedTest(name = "\"{0}\" → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            KV cache                      | glossary#kv-cache
            byte-pair encoding            | glossary#bpe-byte-pair-encoding
            BPE                           | glossary#bpe-byte-pair-encoding
            LayerNorm                     | glossary#layernorm
            HNSW                          | glossary#hnsw
            backpropagation through time  | glossary#backpropagation-through-time
            RoPE                          | glossary#rope
            LoRA                          | glossary#lora
            perplexity                    | glossary#perplexity
            cosine similarity             | glossary#cosine-similarity
            causal mask                   | glossary#causal-mask
            residual stream               | glossary#residual-stream
            vanishing gradient            | glossary#vanishing-gradient
            Vanishing Gradient            | glossary#vanishing-gradient
            self-attention                | glossary#self-attention
            RNN                           | glossary#rnn-recurrent-neural-network
            recurrent neural network      | glossary#rnn-recurrent-neural-network
            scaled dot product            | glossary#scaled-dot-product-attention
            XOR                           | nn_intro#5-the-xor-problem-worked-by-hand
            Adam bias correction          | nn_intro#adam transformers_math#adam
            softmax Jacobian              | transformers_math#the-softmax-jacobian
            teacher forcing               | transformers#teacher-forcing
            spam detection                | mlp_intro#2-a-worked-example-spam-detection
            one-hot                       | nn_intro#one-hot-vectors
            top-p                         | transformers#top-p-nucleus-sampling
            nucleus sampling              | transformers#top-p-nucleus-sampling
            GPT-2 parameters              | transformers#counting-the-parameters transformers_math#counting-parameters
            layer normalization           | transformers#layer-normalization
            speculative decoding          | transformers#speculative-decoding
            product quantization          | knowledge_store#product-quantization-pq
            Bahdanau attention            | rnn_intro#bahdanau-attention
            AdamW weight decay            | transformers_math#adamw-decoupled-weight-decay
            online softmax FlashAttention | transformers_math#online-softmax-and-flashattention
            sinusoidal positional encoding| transformers#sinusoidal-encodings transformers_math#the-sinusoidal-encoding
            learning rate warm-up         | transformers_math#learning-rate-schedules-warm-up-and-cosine-decay transformers#warm-up-and-cosine-decay
            chunking                      | knowledge_store#chunking
            king - man + woman            | transformers#directions-that-mean-something
            requires_grad                 | pytorch_ref#requires_grad-and-the-graph
            einsum                        | pytorch_ref#einsum
            perceptron                    | nn_intro#the-perceptron
            why do we need non-linearity  | nn_intro#without-a-non-linearity-depth-is-an-illusion
            broadcasting                  | pytorch_ref#broadcasting
            decoder-only                  | transformers#decoder-only-the-gpt-family
            queries keys values           | transformers#queries-keys-and-values
            why divide by sqrt d_k        | transformers#why-divide-by-the-square-root-of-the-key-width transformers_math#the-variance-of-a-dot-product-and-the-square-root-of-d_k
            vector search                 | knowledge_store#4-vector-search
            what is a tensor              | pytorch_ref#1-tensors
            how does dropout work         | glossary#dropout mlp_intro#overfitting-and-regularization
            """)
    void theExpectedSectionComesFirst(String query, String expected) {
        List<String> acceptable = Arrays.asList(expected.trim().split("\\s+"));
        List<String> found = keys(query, 5);
        assertThat(found).as("results for '%s'", query).isNotEmpty();
        assertThat(found.get(0)).as("first result for '%s' (top five: %s)", query, found).isIn(acceptable);
    }

    @ParameterizedTest(name = "\"{0}\" → glossary, then {1}")
    @CsvSource(delimiter = '|', textBlock = """
            KV cache                      | transformers#the-kv-cache transformers_math#the-kv-cache
            byte-pair encoding            | transformers#byte-pair-encoding-worked-on-a-tiny-corpus
            HNSW                          | knowledge_store#hnsw-graphs
            backpropagation through time  | rnn_intro#4-backpropagation-through-time
            RoPE                          | transformers#rope-rotate-the-queries-and-keys transformers_math#rope-rotating-queries-and-keys
            LoRA                          | transformers#lora-and-parameter-efficient-fine-tuning
            residual stream               | transformers#the-residual-stream
            vanishing gradient            | rnn_intro#5-vanishing-and-exploding-gradients
            self-attention                | transformers#6-self-attention-step-by-step
            multi-head attention          | transformers#7-multi-head-attention
            mixture of experts            | transformers#mixture-of-experts
            scaled dot product            | transformers_math#one-head-forward transformers#queries-keys-and-values
            attention                     | transformers#6-self-attention-step-by-step transformers_math#4-attention-derived transformers_math#a-soft-dictionary-lookup
            how does attention work       | transformers#6-self-attention-step-by-step transformers_math#4-attention-derived transformers_math#a-soft-dictionary-lookup
            what is attention?            | transformers#6-self-attention-step-by-step transformers_math#4-attention-derived transformers_math#a-soft-dictionary-lookup
            what is softmax               | mlp_intro#softmax
            how does backpropagation work | nn_intro#backpropagation-the-chain-rule-on-one-neuron nn_intro#6-training-loss-gradients-and-backpropagation
            what is a neuron              | nn_intro#3-the-neuron nn_intro#weights-bias-and-activation
            what is a transformer         | transformers#what-the-transformer-changed transformers#1-why-transformers README#what-transformers-are transformers#2-overview-the-whole-pipeline
            gradient descent              | nn_intro#gradient-descent-in-one-dimension nn_intro#stochastic-gradient-descent
            what is an MLP                | mlp_intro#stacking-layers-the-mlp mlp_intro#1-one-layer-step-by-step
            what is overfitting           | mlp_intro#overfitting-and-regularization nn_intro#batches-epochs-and-overfitting
            explain cross entropy         | nn_intro#cross-entropy transformers_math#cross-entropy-and-kl-divergence
            what is a loss function       | nn_intro#loss-functions-one-number-for-how-wrong
            what does temperature do      | transformers#temperature transformers_math#temperature
            how does the KV cache work    | transformers#the-kv-cache transformers_math#the-kv-cache
            what is RAG                   | knowledge_store#5-retrieval-augmented-generation
            activation function           | mlp_intro#3-activation-functions
            tokenization                  | transformers#3-tokenization
            positional encoding           | transformers#5-positional-information transformers_math#5-positional-encodings
            what is an embedding          | transformers#4-embeddings transformers#the-embedding-matrix-is-a-lookup-table
            chain rule                    | nn_intro#backpropagation-the-chain-rule-on-one-neuron transformers_math#the-chain-rule-in-vector-form
            """)
    void theSectionThatExplainsAGlossaryTermComesFirstAfterItsEntry(String query, String expected) {
        List<String> acceptable = Arrays.asList(expected.trim().split("\\s+"));
        List<String> found = keys(query, 10);
        assertThat(found.get(0)).as("first result for '%s'", query).startsWith("glossary#");
        String firstElsewhere = found.stream().filter(k -> !k.startsWith("glossary#")).findFirst().orElse("none");
        assertThat(firstElsewhere).as("first result outside the glossary for '%s' (top ten: %s)", query, found)
                .isIn(acceptable);
    }
}

package io.tsfm.benchmark.baseline.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * A baseline's encoder with a classifier head: normalise ({@link NeuralBaseline#normalize}), encode, and classify
 * the whole window or each of its {@code votes} equal sub-windows. As a {@link FineTunable} it is one vote per
 * window. Not thread-safe during training; forward passes are as thread-safe as the engine.
 */
public final class BaselineModel implements FineTunable {
    private final NeuralBaseline kind;
    private final ImuBertEncoder encoder;
    private final Block head;
    private final int votes;
    private final int classes;

    private BaselineModel(NeuralBaseline kind, ImuBertEncoder encoder, Block head, int votes, int classes) {
        this.kind = kind;
        this.encoder = encoder;
        this.head = head;
        this.votes = votes;
        this.classes = classes;
    }

    /**
     * A model with a fresh encoder and head, initialised on {@code manager}.
     *
     * @param votes sub-windows per window (1, or 6 for LiMU-BERT's zero-shot head); must divide 120
     */
    public static BaselineModel create(NeuralBaseline kind, int classes, int votes, NDManager manager) {
        if (BaselineInput.LENGTH % votes != 0) throw new IllegalArgumentException(votes + " does not divide 120");
        ImuBertEncoder encoder = kind.newEncoder();
        encoder.initialize(manager, DataType.FLOAT32, new Shape(1, BaselineInput.LENGTH, BaselineInput.CHANNELS));
        Block head = kind.newHead(classes);
        head.initialize(manager, DataType.FLOAT32, new Shape(1, BaselineInput.LENGTH / votes, NeuralBaseline.DIM));
        return new BaselineModel(kind, encoder, head, votes, classes);
    }

    @Override
    public ImuBertEncoder encoder() {
        return encoder;
    }

    @Override
    public Block head() {
        return head;
    }

    /** Sub-windows per window. */
    public int votes() {
        return votes;
    }

    /** Classes of the head. */
    public int classes() {
        return classes;
    }

    /** Encoder embeddings {@code (N, 120, d)} of input windows {@code (N, 120, 6)}. */
    public NDArray embed(ParameterStore ps, NDArray input, boolean training) {
        return encoder.apply(ps, kind.normalize(input), training);
    }

    /** Head logits {@code (M, C)} of embeddings {@code (M, T, d)}. */
    public NDArray headLogits(ParameterStore ps, NDArray embeddings, boolean training) {
        return head.forward(ps, new NDList(embeddings), training).singletonOrThrow();
    }

    /** Logits {@code (N, votes, C)} of input windows {@code (N, 120, 6)}. */
    public NDArray scores(ParameterStore ps, NDArray input, boolean training) {
        NDArray h = embed(ps, input, training);
        long n = h.getShape().get(0);
        NDArray sub = h.reshape(n * votes, BaselineInput.LENGTH / votes, NeuralBaseline.DIM);
        return headLogits(ps, sub, training).reshape(n, votes, classes);
    }

    @Override
    public NDArray logits(ParameterStore ps, NDArray input, boolean training) {
        if (votes != 1) throw new IllegalStateException("a model with " + votes + " votes per window is not fine-tuned");
        return headLogits(ps, embed(ps, input, training), training);
    }
}

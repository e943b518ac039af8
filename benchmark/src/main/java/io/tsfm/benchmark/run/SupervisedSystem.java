package io.tsfm.benchmark.run;

import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.BenchmarkWindow;
import io.tsfm.benchmark.protocol.FineTuneSplit;
import java.util.List;

/**
 * A model trained on a test dataset's labelled subsample (spec §6.5): one row of the 1 % and 10 % tables; its
 * zero-shot cells are "n/a". Implementations state their thread-safety.
 */
public interface SupervisedSystem {

    /** Row name, e.g. {@code Random forest (features)}. */
    String name();

    /** One line on what it is (library, features, hyper-parameters), shown in the report. */
    String description();

    /**
     * Fails early, naming what is wrong, when the system cannot produce predictions for {@code dataset} at
     * {@code rate} (no checkpoint, or one trained on other windows or labels).
     */
    void check(BenchmarkDataset dataset, FineTuneSplit split, double rate);

    /** The predicted label of each test window, in order, by the model trained on the {@code rate} subsample. */
    List<String> predict(BenchmarkDataset dataset, FineTuneSplit split, double rate, List<BenchmarkWindow> test);
}

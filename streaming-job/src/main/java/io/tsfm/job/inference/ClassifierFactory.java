package io.tsfm.job.inference;

import io.tsfm.core.annotation.PublicApi;
import io.tsfm.core.runtime.WindowClassifier;
import java.io.Serializable;

/**
 * Creates the {@link WindowClassifier} of one inference task. Shipped to every task with the job graph, so it must be
 * serializable and small (a bundle path, not a model); each task opens its own classifier in {@code open} and closes
 * it in {@code close}.
 *
 * <p>Job-argument form: {@code --classifier-factory CLASS}, a class implementing this interface with a public
 * constructor taking the {@code --model} path as a {@code String}, or a public no-argument constructor
 * (see {@code io.tsfm.job.ClassifierFactories}).
 */
@FunctionalInterface
@PublicApi
public interface ClassifierFactory extends Serializable {

    /** Opens a classifier; called once per inference task. */
    WindowClassifier create() throws Exception;
}

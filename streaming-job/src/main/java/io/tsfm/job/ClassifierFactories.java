package io.tsfm.job;

import io.tsfm.core.annotation.Internal;
import io.tsfm.job.inference.BundleClassifierFactory;
import io.tsfm.job.inference.ClassifierFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;

/**
 * Resolves the {@link ClassifierFactory} of the job arguments: {@code --model BUNDLE} alone gives the built-in
 * {@link BundleClassifierFactory}; {@code --classifier-factory CLASS} names another implementation (given the
 * {@code --model} path, if any). Stateless.
 */
@Internal
public final class ClassifierFactories {

    private ClassifierFactories() {
    }

    /** The factory for the job's {@code --classifier-factory}, {@code --model} and {@code --inference-threads}. */
    public static ClassifierFactory resolve(JobOptions options) {
        return resolve(options.classifierFactory(), options.model(), options.inferenceThreads());
    }

    /** As {@link #resolve(String, String, int)} with ONNX Runtime's default thread count. */
    public static ClassifierFactory resolve(String factoryClass, String modelPath) {
        return resolve(factoryClass, modelPath, 0);
    }

    /**
     * The factory for the job arguments.
     *
     * @param factoryClass     fully qualified {@link ClassifierFactory} class, or null for the bundle classifier
     * @param modelPath        the model bundle directory, or null
     * @param inferenceThreads ONNX Runtime threads per task of the bundle classifier; 0 = ONNX Runtime's default
     * @throws IllegalArgumentException when neither is given, the bundle is missing or bad, or the class is missing
     *                                  or unsuitable
     */
    public static ClassifierFactory resolve(String factoryClass, String modelPath, int inferenceThreads) {
        if (factoryClass == null || factoryClass.isBlank()) {
            if (modelPath == null) {
                throw new IllegalArgumentException("no classifier: pass --model BUNDLE_DIR (a bundle written by "
                        + "tsfm export), or --classifier-factory CLASS (a " + ClassifierFactory.class.getName() + ")");
            }
            return new BundleClassifierFactory(Path.of(modelPath), inferenceThreads);
        }
        Class<?> type;
        try {
            type = Class.forName(factoryClass.trim(), true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("--classifier-factory " + factoryClass + ": no such class on the "
                    + "classpath", e);
        }
        if (!ClassifierFactory.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("--classifier-factory " + factoryClass + " does not implement "
                    + ClassifierFactory.class.getName());
        }
        try {
            if (modelPath != null) {
                Constructor<?> withPath = type.getConstructor(String.class);
                return (ClassifierFactory) withPath.newInstance(modelPath);
            }
            return (ClassifierFactory) type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("--classifier-factory " + factoryClass + " needs a public constructor "
                    + (modelPath != null ? "(String modelPath) since --model is given" : "without arguments"), e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("--classifier-factory " + factoryClass + " failed: "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("--classifier-factory " + factoryClass + " cannot be created: " + e, e);
        }
    }
}

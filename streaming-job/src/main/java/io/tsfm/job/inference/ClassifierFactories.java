package io.tsfm.job.inference;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * Resolves the {@link ClassifierFactory} named by the job arguments {@code --classifier-factory} and {@code --model}.
 * Stateless.
 */
public final class ClassifierFactories {

    private ClassifierFactories() {
    }

    /**
     * The factory for the job arguments.
     *
     * @param factoryClass fully qualified {@link ClassifierFactory} class, or null
     * @param modelPath    the model bundle directory, or null
     * @throws IllegalArgumentException when neither is given, the class is missing or unsuitable
     */
    public static ClassifierFactory resolve(String factoryClass, String modelPath) {
        if (factoryClass == null || factoryClass.isBlank()) {
            if (modelPath == null) {
                throw new IllegalArgumentException("no classifier: pass --model BUNDLE_DIR and --classifier-factory "
                        + "CLASS (a " + ClassifierFactory.class.getName() + ")");
            }
            // the ONNX bundle classifier is being built in core; until it lands, a bundle needs an explicit factory
            throw new IllegalArgumentException("--model " + modelPath + " given without --classifier-factory: this "
                    + "build has no built-in bundle classifier yet; name a " + ClassifierFactory.class.getName()
                    + " implementation with --classifier-factory");
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

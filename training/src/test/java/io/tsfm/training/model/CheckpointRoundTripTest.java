package io.tsfm.training.model;

import io.tsfm.training.model.config.TsfmConfig;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Parameters saved with DJL's block serialisation and the JSON config rebuild an identical model. */
class CheckpointRoundTripTest {

    @Test
    void savedParametersAndConfigReproduceTheOutputs() throws Exception {
        TsfmConfig cfg = TsfmConfig.micro();
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1);
            TrainableTsfm original = new TrainableTsfm(cfg);
            original.initialize(m, DataType.FLOAT32);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                original.saveParameters(out);
            }
            String json = cfg.toJson();

            Engine.getInstance().setRandomSeed(2);
            TrainableTsfm restored = new TrainableTsfm(TsfmConfig.fromJson(json));
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                restored.loadParameters(m, in);
            }
            NDList inputs = Windows.fullInputs(m, cfg, new Random(4), 2, 3, 3, 3, 4);
            ParameterStore ps = new ParameterStore(m, false);
            float[] a = original.getModel().forward(ps, inputs, false).singletonOrThrow().toFloatArray();
            float[] b = restored.getModel().forward(ps, inputs, false).singletonOrThrow().toFloatArray();
            assertThat(b).containsExactly(a);

            TrainableTsfm fresh = new TrainableTsfm(cfg);
            fresh.initialize(m, DataType.FLOAT32);
            float[] c = fresh.getModel().forward(ps, inputs, false).singletonOrThrow().toFloatArray();
            assertThat(c).isNotEqualTo(a);
        }
    }
}

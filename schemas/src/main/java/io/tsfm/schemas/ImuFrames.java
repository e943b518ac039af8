package io.tsfm.schemas;

import io.tsfm.schemas.avro.ImuFrame;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.PrimitivesArrays;

/**
 * Sample-array helpers for {@link ImuFrame}, whose {@code samples} field is row-major (time-major):
 * the value of channel {@code c} at time step {@code t} is {@code samples[t * channelCount + c]}.
 * {@link #sampleList} builds the field from a {@code float[]} without boxing (Avro's primitive-backed list);
 * {@link #samples} copies either list kind back out (decoded frames carry a boxed list).
 * Stateless and thread-safe.
 */
public final class ImuFrames {

    private static final Schema SAMPLES = ImuFrame.getClassSchema().getField("samples").schema();

    private ImuFrames() {
    }

    /** A list for {@code ImuFrame.setSamples} backed by a primitive float array (a copy of {@code values}). */
    public static List<Float> sampleList(float[] values) {
        PrimitivesArrays.FloatArray list = new PrimitivesArrays.FloatArray(values.length, SAMPLES);
        for (float v : values) {
            list.add(list.size(), v);
        }
        return list;
    }

    /** The frame's samples as a new row-major {@code float[]}. */
    public static float[] samples(ImuFrame frame) {
        List<Float> list = frame.getSamples();
        float[] out = new float[list.size()];
        if (list instanceof PrimitivesArrays.FloatArray primitive) {
            for (int i = 0; i < out.length; i++) {
                out[i] = primitive.getFloat(i);
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = list.get(i);
            }
        }
        return out;
    }

    /** Number of time steps T in the frame (samples length / channel count). */
    public static int timeSteps(ImuFrame frame) {
        return frame.getSamples().size() / frame.getChannelCount();
    }

    /** Event time of time step {@code t}, microseconds since the epoch, from the first-sample time and the rate. */
    public static long sampleEpochMicros(ImuFrame frame, int t) {
        return frame.getFirstSampleEpochMicros() + Math.round(t * 1_000_000.0 / frame.getSampleRateHz());
    }
}

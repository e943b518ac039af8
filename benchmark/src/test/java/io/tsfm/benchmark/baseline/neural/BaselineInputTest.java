package io.tsfm.benchmark.baseline.neural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.BenchmarkWindow;
import io.tsfm.core.data.Channel;
import io.tsfm.core.data.SensorKind;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.catalog.DatasetCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineInputTest {

    private static List<Channel> accGyro(String accUnit) {
        return List.of(new Channel("ax", SensorKind.ACCELEROMETER, "x", accUnit, "", "a"),
                new Channel("ay", SensorKind.ACCELEROMETER, "y", accUnit, "", "a"),
                new Channel("az", SensorKind.ACCELEROMETER, "z", accUnit, "", "a"),
                Channel.of("gx", SensorKind.GYROSCOPE, "x", ""), Channel.of("gy", SensorKind.GYROSCOPE, "y", ""),
                Channel.of("gz", SensorKind.GYROSCOPE, "z", ""));
    }

    private static float[][] ramp(int channels, int n) {
        float[][] x = new float[channels][n];
        for (int c = 0; c < channels; c++) for (int t = 0; t < n; t++) x[c][t] = t + 1000 * c;
        return x;
    }

    @Test
    void fiftyHertzIsBinnedTwoThenThreeSamplesAndGravityUnitsBecomeMetresPerSecondSquared() {
        float[][] in = BaselineInput.of(ramp(6, 300), 50, accGyro("g"), "w");
        assertThat(in.length).isEqualTo(120);
        assertThat(in[0].length).isEqualTo(6);
        // bins [0,2) [2,5) [5,7) [7,10): means 0.5, 3, 5.5, 8, in g → ·9.80665
        assertThat(in[0][0]).isCloseTo((float) (0.5 * 9.80665), within(1e-4f));
        assertThat(in[1][0]).isCloseTo((float) (3.0 * 9.80665), within(1e-3f));
        assertThat(in[2][0]).isCloseTo((float) (5.5 * 9.80665), within(1e-3f));
        assertThat(in[3][0]).isCloseTo((float) (8.0 * 9.80665), within(1e-3f));
        // last bin [297, 300): mean 298
        assertThat(in[119][1]).isCloseTo((float) ((298 + 1000) * 9.80665), within(1e-1f));
        // gyro columns in rad/s untouched: mean of samples 3000+{0,1}
        assertThat(in[0][3]).isEqualTo(3000.5f);
        assertThat(in[119][5]).isEqualTo(5298f);
    }

    @Test
    void tenHertzIsInterpolatedAndTheLastValueHeld() {
        float[][] in = BaselineInput.of(ramp(6, 60), 10, accGyro("m/s^2"), "w");
        assertThat(in[0][0]).isEqualTo(0f);
        assertThat(in[1][0]).isEqualTo(0.5f);
        assertThat(in[2][0]).isEqualTo(1f);
        assertThat(in[118][0]).isEqualTo(59f);
        assertThat(in[119][0]).isEqualTo(59f);
    }

    @Test
    void shortWindowsAndPartialGyroscopesAreRefusedNamingTheWindow() {
        assertThatThrownBy(() -> BaselineInput.of(ramp(6, 299), 50, accGyro("g"), "ds/s1/0"))
                .hasMessageContaining("ds/s1/0").hasMessageContaining("299 samples");
        List<Channel> partial = accGyro("g").subList(0, 5);
        assertThatThrownBy(() -> BaselineInput.of(ramp(5, 300), 50, partial, "ds/s1/300"))
                .hasMessageContaining("ds/s1/300").hasMessageContaining("gyroscope");
    }

    @Test
    void realWindowsOfAnAccelerometerOnlySetGetZeroGyroscopeAndKeepTheirMeans() throws Exception {
        DataRoot root = DataRoot.resolve();
        DatasetCatalog catalog = DatasetCatalog.load(root);
        BenchmarkDataset hmp = BenchmarkDataset.of(catalog.read("hmp", root));
        BenchmarkWindow w = hmp.windows().get(5);
        assertThat(w.rateHz()).isEqualTo(32.0);
        float[][] in = BaselineInput.of(w);
        // 32 Hz: ratio 1.6, bins [0,1) [1,3) [3,4) ...
        float[] accX = w.samples()[0];
        assertThat(in[0][0]).isEqualTo(accX[0]);
        assertThat(in[1][0]).isCloseTo((accX[1] + accX[2]) / 2f, within(1e-5f));
        assertThat(in[2][0]).isEqualTo(accX[3]);
        for (float[] row : in) assertThat(new float[] {row[3], row[4], row[5]}).containsOnly(0f);
        // acceleration stays in m/s²: the wrist sees about 1 g in magnitude on average
        double mag = 0;
        for (float[] row : in) mag += Math.sqrt(row[0] * row[0] + row[1] * row[1] + row[2] * row[2]);
        assertThat(mag / in.length).isBetween(6.0, 14.0);
    }
}

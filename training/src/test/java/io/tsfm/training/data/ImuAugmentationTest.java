package io.tsfm.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.Rotations;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ImuAugmentationTest {

    /** acc + gyro at the waist, acc at the wrist, one channel of another kind. */
    private static List<Channel> layout() {
        List<Channel> c = new ArrayList<>();
        for (String a : List.of("x", "y", "z")) c.add(Channel.of("acc_" + a, SensorKind.ACCELEROMETER, a, "waist"));
        for (String a : List.of("x", "y", "z")) c.add(Channel.of("gyro_" + a, SensorKind.GYROSCOPE, a, "waist"));
        for (String a : List.of("x", "y", "z")) c.add(Channel.of("wacc_" + a, SensorKind.ACCELEROMETER, a, "wrist"));
        c.add(new Channel("temp", SensorKind.OTHER, "", "1", "waist", "Temperature (waist)"));
        return c;
    }

    private static float[][] signals(int n, Random rng) {
        float[][] x = new float[10][n];
        for (int c = 0; c < 10; c++) for (int t = 0; t < n; t++) x[c][t] = (float) rng.nextGaussian() + (c == 2 ? 9.81f : 0);
        return x;
    }

    private static double[] vec(float[][] x, int first, int t) {
        return new double[] {x[first][t], x[first + 1][t], x[first + 2][t]};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    @Test
    void randomRotationsAreProperOrthonormalMatrices() {
        Random rng = new Random(1);
        for (int i = 0; i < 100; i++) {
            double[] r = Rotations.uniform(rng);
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    double d = r[3 * a] * r[3 * b] + r[3 * a + 1] * r[3 * b + 1] + r[3 * a + 2] * r[3 * b + 2];
                    assertThat(d).isCloseTo(a == b ? 1 : 0, within(1e-12));
                }
            }
            double det = r[0] * (r[4] * r[8] - r[5] * r[7]) - r[1] * (r[3] * r[8] - r[5] * r[6])
                    + r[2] * (r[3] * r[7] - r[4] * r[6]);
            assertThat(det).isCloseTo(1, within(1e-12));
        }
    }

    @Test
    void rotationTurnsOneDeviceAsAWholeAndLeavesOtherChannelsAlone() {
        Random rng = new Random(2);
        float[][] before = signals(50, rng);
        float[][] x = new float[10][];
        for (int c = 0; c < 10; c++) x[c] = before[c].clone();
        ImuAugmentation.rotate(x, layout(), new Random(3));
        boolean changed = false;
        for (int t = 0; t < 50; t++) {
            double[] acc0 = vec(before, 0, t), gyro0 = vec(before, 3, t), wrist0 = vec(before, 6, t);
            double[] acc1 = vec(x, 0, t), gyro1 = vec(x, 3, t), wrist1 = vec(x, 6, t);
            // lengths kept; acc and gyro of the waist device keep their mutual angle (one rotation for both)
            assertThat(dot(acc1, acc1)).isCloseTo(dot(acc0, acc0), within(1e-3));
            assertThat(dot(gyro1, gyro1)).isCloseTo(dot(gyro0, gyro0), within(1e-3));
            assertThat(dot(acc1, gyro1)).isCloseTo(dot(acc0, gyro0), within(1e-3));
            assertThat(dot(wrist1, wrist1)).isCloseTo(dot(wrist0, wrist0), within(1e-3));
            changed |= Math.abs(acc1[0] - acc0[0]) > 1e-3;
            assertThat(x[9][t]).isEqualTo(before[9][t]);
        }
        assertThat(changed).isTrue();
        // the wrist has its own rotation: the angle between waist and wrist accelerations is not kept
        double before0 = dot(vec(before, 0, 0), vec(before, 6, 0));
        double after0 = dot(vec(x, 0, 0), vec(x, 6, 0));
        assertThat(Math.abs(after0 - before0)).isGreaterThan(1e-3);
    }

    @Test
    void gravityRemovalLeavesTheMovementAndSaysSoInTheText() {
        int n = 500;
        double rate = 50;
        float[][] x = new float[10][n];
        for (int t = 0; t < n; t++) {
            x[2][t] = (float) (9.81 + Math.sin(2 * Math.PI * 2 * t / rate)); // gravity + a 2 Hz movement
            x[3][t] = 0.5f;                                                  // a constant rotation rate
        }
        ImuAugmentation.Augmented a = new ImuAugmentation(0, 1, 0, 0).apply(x, layout(), rate, false, new Random(4));
        float[][] y = a.samples();
        assertThat(y).isNotSameAs(x);
        assertThat(x[2][250]).isCloseTo((float) (9.81 + Math.sin(2 * Math.PI * 2 * 250 / rate)), within(1e-5f));
        double mean = 0;
        for (int t = 100; t < 400; t++) mean += y[2][t];
        assertThat(mean / 300).isCloseTo(0, within(0.05));
        double amp = 0;
        for (int t = 100; t < 400; t++) amp = Math.max(amp, Math.abs(y[2][t]));
        assertThat(amp).isBetween(0.8, 1.1);
        assertThat(y[3][250]).isEqualTo(0.5f); // gyroscopes keep their low frequencies
        assertThat(a.channels().get(0).description()).isEqualTo("User acceleration (gravity removed) X-axis (waist)");
        assertThat(a.channels().get(6).description()).isEqualTo("User acceleration (gravity removed) X-axis (wrist)");
        assertThat(a.channels().get(3).description()).isEqualTo("Gyroscope X-axis (waist)");
        assertThat(new ImuAugmentation(0, 1, 0, 0).channelVariants(layout())).hasSize(2)
                .anySatisfy(v -> assertThat(v.get(1).description()).startsWith("User acceleration"));
    }

    @Test
    void siteSubsetsKeepWholeDevices() {
        ImuAugmentation aug = new ImuAugmentation(0, 0, 0, 1);
        Random rng = new Random(5);
        Set<String> seen = new TreeSet<>();
        for (int i = 0; i < 20; i++) {
            ImuAugmentation.Augmented a = aug.apply(signals(10, rng), layout(), 50, true, rng);
            Set<String> sites = new TreeSet<>(a.channels().stream().map(Channel::position).toList());
            assertThat(sites).hasSize(1);
            assertThat(a.samples().length).isEqualTo(a.channels().size());
            seen.addAll(sites);
            if (sites.contains("waist")) assertThat(a.channels()).hasSize(7);
            else assertThat(a.channels()).hasSize(3);
        }
        assertThat(seen).containsExactly("waist", "wrist");
    }

    @Test
    void noAugmentationIsTheIdentityAndProbabilitiesAreChecked() {
        float[][] x = signals(10, new Random(6));
        ImuAugmentation.Augmented a = ImuAugmentation.NONE.apply(x, layout(), 50, false, new Random(7));
        assertThat(a.samples()).isSameAs(x);
        assertThat(a.keepDatasetDescription()).isTrue();
        assertThat(new ImuAugmentation(0, 0, 1, 0).apply(x, layout(), 50, false, new Random(7))
                .keepDatasetDescription()).isFalse();
        assertThatThrownBy(() -> new ImuAugmentation(1.5, 0, 0, 0)).hasMessageContaining("[0, 1]");
    }

    @Test
    void rotatedValidationCopiesAreDeterministic() {
        Session s = new Session("s1", "hapt", "1", "walking", 50, layout(), signals(20, new Random(8)), "test");
        Session a = ImuAugmentation.rotatedCopy(s, 42);
        Session b = ImuAugmentation.rotatedCopy(s, 42);
        assertThat(a.samples()[0]).containsExactly(b.samples()[0]);
        assertThat(a.samples()[0][0]).isNotEqualTo(s.samples()[0][0]);
        assertThat(s.samples()[9]).containsExactly(a.samples()[9]);
    }
}

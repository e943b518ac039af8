package io.tsfm.simulation.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Mount draws of the sites of one clip are independent of each other, not a lattice. */
class SiteSeedTest {
    @Test
    void theFirstDrawsOfTheSitesOfManyClipsAreUncorrelated() {
        // correlation of the first uniform draw between two sites, over many clip seeds: ~0 when independent
        int n = 5000;
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        Random clips = new Random(5);
        for (int i = 0; i < n; i++) {
            long seed = clips.nextLong();
            double x = new Random(MocapSimulator.siteSeed(seed, BodySite.WAIST)).nextDouble();
            double y = new Random(MocapSimulator.siteSeed(seed, BodySite.RIGHT_THIGH)).nextDouble();
            sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y;
        }
        double cov = sxy / n - sx / n * sy / n;
        double r = cov / Math.sqrt((sxx / n - sx * sx / n / n) * (syy / n - sy * sy / n / n));
        assertThat(r).isCloseTo(0, within(0.05));
        // and within one clip the eleven sites' first draws do not step by a constant
        long seed = 0x1234567L;
        double[] u = new double[BodySite.values().length];
        for (BodySite s : BodySite.values()) u[s.ordinal()] = new Random(MocapSimulator.siteSeed(seed, s)).nextDouble();
        double d0 = Math.floorMod((long) ((u[1] - u[0]) * 1e9), 1_000_000_000L);
        double d1 = Math.floorMod((long) ((u[2] - u[1]) * 1e9), 1_000_000_000L);
        assertThat(Math.abs(d0 - d1)).isGreaterThan(1e6);
    }
}

package io.tsfm.core.data;

import io.tsfm.core.annotation.Internal;
import java.util.Random;

/**
 * Random sensor orientations: a rotation matrix drawn uniformly over SO(3), row-major {@code double[9]}, for
 * everything that mounts or turns a virtual or recorded device (the motion-capture simulator's mounts, training's
 * orientation augmentation). Stateless and thread-safe; callers pass their own {@link Random}.
 */
@Internal
public final class Rotations {
    private Rotations() {}

    /** A rotation uniform over SO(3): Shoemake's uniform unit quaternion (w, x, y, z), as a matrix. */
    public static double[] uniform(Random rng) {
        double u1 = rng.nextDouble(), u2 = rng.nextDouble(), u3 = rng.nextDouble();
        double a = Math.sqrt(1 - u1), b = Math.sqrt(u1);
        double w = b * Math.cos(2 * Math.PI * u3), x = a * Math.sin(2 * Math.PI * u2);
        double y = a * Math.cos(2 * Math.PI * u2), z = b * Math.sin(2 * Math.PI * u3);
        // renormalised: the four components' squares sum to 1 only up to rounding
        double n = Math.sqrt(w * w + x * x + y * y + z * z);
        w /= n;
        x /= n;
        y /= n;
        z /= n;
        return new double[] {
            1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y),
            2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
            2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)};
    }
}

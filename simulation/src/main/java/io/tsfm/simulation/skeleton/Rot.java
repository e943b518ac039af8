package io.tsfm.simulation.skeleton;

/**
 * 3-D rotation and vector arithmetic on plain arrays: a rotation matrix is a row-major {@code double[9]},
 * a vector a {@code double[3]}, a quaternion {@code double[4]} as (w, x, y, z). Plain arrays because the
 * simulator runs forward kinematics on every joint of every frame, where small objects would dominate the cost.
 */
public final class Rot {
    private Rot() {}

    /** The identity matrix. */
    public static double[] identity() {
        return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
    }

    /** Rotation by {@code angle} radians about axis 0 (x), 1 (y) or 2 (z). */
    public static double[] axis(int axis, double angle) {
        double c = Math.cos(angle), s = Math.sin(angle);
        switch (axis) {
            case 0: return new double[] {1, 0, 0, 0, c, -s, 0, s, c};
            case 1: return new double[] {c, 0, s, 0, 1, 0, -s, 0, c};
            case 2: return new double[] {c, -s, 0, s, c, 0, 0, 0, 1};
            default: throw new IllegalArgumentException("axis " + axis);
        }
    }

    /** a·b. */
    public static double[] mul(double[] a, double[] b) {
        double[] r = new double[9];
        mul(a, b, r);
        return r;
    }

    /** r = a·b; {@code r} may not alias {@code a} or {@code b}. */
    public static void mul(double[] a, double[] b, double[] r) {
        for (int i = 0; i < 3; i++) {
            double a0 = a[3 * i], a1 = a[3 * i + 1], a2 = a[3 * i + 2];
            r[3 * i] = a0 * b[0] + a1 * b[3] + a2 * b[6];
            r[3 * i + 1] = a0 * b[1] + a1 * b[4] + a2 * b[7];
            r[3 * i + 2] = a0 * b[2] + a1 * b[5] + a2 * b[8];
        }
    }

    /** aᵀ·b. */
    public static double[] mulTransposeA(double[] a, double[] b) {
        double[] r = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[3 * i + j] = a[i] * b[j] + a[3 + i] * b[3 + j] + a[6 + i] * b[6 + j];
            }
        }
        return r;
    }

    /** Mᵀ. */
    public static double[] transpose(double[] m) {
        return new double[] {m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]};
    }

    /** M·v. */
    public static double[] apply(double[] m, double[] v) {
        return new double[] {
            m[0] * v[0] + m[1] * v[1] + m[2] * v[2],
            m[3] * v[0] + m[4] * v[1] + m[5] * v[2],
            m[6] * v[0] + m[7] * v[1] + m[8] * v[2]};
    }

    /** Mᵀ·v. */
    public static double[] applyTranspose(double[] m, double[] v) {
        return new double[] {
            m[0] * v[0] + m[3] * v[1] + m[6] * v[2],
            m[1] * v[0] + m[4] * v[1] + m[7] * v[2],
            m[2] * v[0] + m[5] * v[1] + m[8] * v[2]};
    }

    /**
     * The rotation vector (axis × angle, radians) of R, i.e. log(R) as a vector. Stable for small angles
     * (where the difference of consecutive orientations lives) and near π.
     */
    public static double[] log(double[] m) {
        double cos = Math.max(-1, Math.min(1, (m[0] + m[4] + m[8] - 1) / 2));
        double wx = m[7] - m[5], wy = m[2] - m[6], wz = m[3] - m[1];
        double sin2 = Math.sqrt(wx * wx + wy * wy + wz * wz); // = 2 sin(angle)
        double angle = Math.atan2(sin2 / 2, cos);
        if (angle < 1e-6) {
            return new double[] {wx / 2, wy / 2, wz / 2};
        }
        if (Math.PI - angle < 1e-4) {
            // near π the antisymmetric part vanishes; take the axis from the symmetric part
            double x = Math.sqrt(Math.max(0, (m[0] + 1) / 2));
            double y = Math.sqrt(Math.max(0, (m[4] + 1) / 2));
            double z = Math.sqrt(Math.max(0, (m[8] + 1) / 2));
            if (x >= y && x >= z) { y = Math.copySign(y, m[1]); z = Math.copySign(z, m[2]); }
            else if (y >= z) { x = Math.copySign(x, m[1]); z = Math.copySign(z, m[5]); }
            else { x = Math.copySign(x, m[2]); y = Math.copySign(y, m[5]); }
            double n = Math.sqrt(x * x + y * y + z * z);
            return new double[] {angle * x / n, angle * y / n, angle * z / n};
        }
        double k = angle / sin2;
        return new double[] {wx * k, wy * k, wz * k};
    }

    /** exp of a rotation vector (Rodrigues). */
    public static double[] exp(double[] w) {
        double angle = Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
        if (angle < 1e-12) return identity();
        double x = w[0] / angle, y = w[1] / angle, z = w[2] / angle;
        double c = Math.cos(angle), s = Math.sin(angle), t = 1 - c;
        return new double[] {
            t * x * x + c, t * x * y - s * z, t * x * z + s * y,
            t * x * y + s * z, t * y * y + c, t * y * z - s * x,
            t * x * z - s * y, t * y * z + s * x, t * z * z + c};
    }

    /** Unit quaternion (w, x, y, z) of a rotation matrix. */
    public static double[] toQuat(double[] m) {
        double tr = m[0] + m[4] + m[8];
        double w, x, y, z;
        if (tr > 0) {
            double s = Math.sqrt(tr + 1) * 2;
            w = s / 4; x = (m[7] - m[5]) / s; y = (m[2] - m[6]) / s; z = (m[3] - m[1]) / s;
        } else if (m[0] > m[4] && m[0] > m[8]) {
            double s = Math.sqrt(1 + m[0] - m[4] - m[8]) * 2;
            w = (m[7] - m[5]) / s; x = s / 4; y = (m[1] + m[3]) / s; z = (m[2] + m[6]) / s;
        } else if (m[4] > m[8]) {
            double s = Math.sqrt(1 + m[4] - m[0] - m[8]) * 2;
            w = (m[2] - m[6]) / s; x = (m[1] + m[3]) / s; y = s / 4; z = (m[5] + m[7]) / s;
        } else {
            double s = Math.sqrt(1 + m[8] - m[0] - m[4]) * 2;
            w = (m[3] - m[1]) / s; x = (m[2] + m[6]) / s; y = (m[5] + m[7]) / s; z = s / 4;
        }
        return new double[] {w, x, y, z};
    }

    /** Rotation matrix of a quaternion (w, x, y, z); normalises it first. */
    public static double[] fromQuat(double[] q) {
        double n = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
        double w = q[0] / n, x = q[1] / n, y = q[2] / n, z = q[3] / n;
        return new double[] {
            1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y),
            2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
            2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)};
    }
}

package org.transformerguide.playground.checkpoint;

/**
 * IEEE 754 half precision (binary16: 1 sign bit, 5 exponent bits, 10 fraction bits), the storage format
 * of a compact checkpoint. Java 17 has no conversion of its own (Float.floatToFloat16 came in Java 20).
 * Rounding is to nearest, ties to even, as a hardware conversion does; values beyond ±65504 become
 * infinite and tiny ones become subnormal or zero. A trained model's weights are far inside that range
 * (|w| below 10), where the relative error is at most 2^-11 ≈ 0.05%.
 */
public final class HalfFloat {

    private HalfFloat() {
    }

    /** The binary16 value nearest to {@code value}. */
    public static short fromFloat(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xFF;
        int fraction = bits & 0x7FFFFF;
        if (exponent == 0xFF) {
            return (short) (sign | 0x7C00 | (fraction != 0 ? 0x200 : 0)); // infinity, or a quiet NaN
        }
        int e = exponent - 127 + 15;                                       // the exponent rebiased for binary16
        if (e >= 0x1F) {
            return (short) (sign | 0x7C00);                                // too large: infinity
        }
        if (e <= 0) {                                                      // subnormal in binary16, or zero
            if (e < -10) {
                return (short) sign;
            }
            int significand = fraction | 0x800000;                         // the implicit leading 1
            int shift = 14 - e;
            return (short) (sign | roundShift(significand, shift));
        }
        // A carry out of the fraction moves into the exponent, which is the correctly rounded result.
        return (short) (sign | ((e << 10) + roundShift(fraction, 13)));
    }

    /** The float equal to binary16 {@code half} (every binary16 value is exactly a float). */
    public static float toFloat(short half) {
        int sign = (half & 0x8000) << 16;
        int exponent = (half >>> 10) & 0x1F;
        int fraction = half & 0x3FF;
        if (exponent == 0) {
            float magnitude = fraction * 0x1p-24f;                        // subnormal (or zero): fraction · 2^-24
            return sign != 0 ? -magnitude : magnitude;
        }
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (fraction << 13));
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (fraction << 13));
    }

    /** value >> shift, rounded to nearest with ties to even. */
    private static int roundShift(int value, int shift) {
        int kept = value >>> shift;
        int rest = value & ((1 << shift) - 1);
        int halfway = 1 << (shift - 1);
        if (rest > halfway || (rest == halfway && (kept & 1) == 1)) {
            kept++;
        }
        return kept;
    }
}

//! `expf` for the wasm32 training module: the exponential every `exp` of burn-flex (and of
//! `f32::exp` anywhere in the module) calls.
//!
//! On wasm32 there is no C library: LLVM lowers `f32::exp` to a call of the symbol `expf`,
//! which compiler-builtins provides as a weak definition (libm's port of FreeBSD's `e_expf.c`:
//! branches on the argument's range, a division and a `scalbnf` call). It was 17 % of a
//! classic training step in a profile (the tanh activation's `exp` forward and its
//! recomputation in the backward pass; ~30 ns a call). This strong definition replaces it with
//! the algorithm of glibc's and musl's `expf` (ARM's optimized-routines: `2^(k/32)` from a
//! 32-entry table times a cubic in double precision, no branch on the common path; error
//! below 0.502 ulp, i.e. almost always the correctly rounded value), so the wasm module
//! computes the same exponentials as a native Linux build does, in a fraction of the time.
//! `tests` below compare it with the exact value over a sweep of inputs.

/// `2^(i/32)` as f64 bits, minus `i << 47` (the exponent bits the index adds back), as in
/// optimized-routines' `__exp2f_data.tab`.
const TAB: [u64; 32] = [
    0x3ff0000000000000,
    0x3fefd9b0d3158574,
    0x3fefb5586cf9890f,
    0x3fef9301d0125b51,
    0x3fef72b83c7d517b,
    0x3fef54873168b9aa,
    0x3fef387a6e756238,
    0x3fef1e9df51fdee1,
    0x3fef06fe0a31b715,
    0x3feef1a7373aa9cb,
    0x3feedea64c123422,
    0x3feece086061892d,
    0x3feebfdad5362a27,
    0x3feeb42b569d4f82,
    0x3feeab07dd485429,
    0x3feea47eb03a5585,
    0x3feea09e667f3bcd,
    0x3fee9f75e8ec5f74,
    0x3feea11473eb0187,
    0x3feea589994cce13,
    0x3feeace5422aa0db,
    0x3feeb737b0cdc5e5,
    0x3feec49182a3f090,
    0x3feed503b23e255d,
    0x3feee89f995ad3ad,
    0x3feeff76f2fb5e47,
    0x3fef199bdd85529c,
    0x3fef3720dcef9069,
    0x3fef5818dcfba487,
    0x3fef7c97337b9b5f,
    0x3fefa4afa2a490da,
    0x3fefd0765b6e4540,
];
/// `32 / ln 2`.
const INV_LN2_N: f64 = f64::from_bits(0x40471547652b82fe);
/// `1.5 · 2^52`: adding it rounds a double to an integer (ties to even).
const SHIFT: f64 = f64::from_bits(0x4338000000000000);
/// `2^(r/32) ≈ 1 + C2·r + C1·r² + C0·r³` for `|r| ≤ 1/2`.
const C0: f64 = f64::from_bits(0x3ebc6af84b912394);
const C1: f64 = f64::from_bits(0x3f2ebfce50fac4f3);
const C2: f64 = f64::from_bits(0x3f962e42ff0c52d6);
/// Above this `exp` overflows f32 (`log(2^128)`), below the other it rounds to 0.
const OVERFLOW: f32 = f32::from_bits(0x42b17217);
const UNDERFLOW: f32 = f32::from_bits(0xc2cff1b4);

/// `e^x` in f32, within 0.502 ulp (NaN for NaN, 0 for −∞ and below ~−103.97, +∞ above
/// ~88.72).
#[inline]
pub fn expf(x: f32) -> f32 {
    let abstop = (x.to_bits() >> 20) & 0x7ff;
    if abstop >= 0x42b {
        // |x| ≥ 88, or NaN/∞.
        if x == f32::NEG_INFINITY {
            return 0.0;
        }
        if abstop >= 0x7f8 {
            return x + x;
        }
        if x > OVERFLOW {
            return f32::INFINITY;
        }
        if x < UNDERFLOW {
            return 0.0;
        }
    }
    // x·32/ln2 = k + r, k an integer, |r| ≤ 1/2; e^x = 2^(k/32) · 2^(r/32).
    let z = INV_LN2_N * x as f64;
    let kd = z + SHIFT;
    let ki = kd.to_bits();
    let r = z - (kd - SHIFT);
    let s = f64::from_bits(TAB[(ki % 32) as usize].wrapping_add(ki << 47));
    let y = (C0 * r + C1) * (r * r) + (C2 * r + 1.0);
    (y * s) as f32
}

/// The definition the linker takes instead of compiler-builtins' weak `expf` (wasm32 only:
/// native targets use the C library's, which is this same algorithm on glibc and musl).
#[cfg(target_arch = "wasm32")]
#[unsafe(export_name = "expf")]
pub extern "C" fn expf_symbol(x: f32) -> f32 {
    expf(x)
}

#[cfg(test)]
mod tests {
    use super::expf;

    /// ulps between `got` and the exact value `want` (computed in f64).
    fn ulps(got: f32, want: f64) -> f64 {
        let w = want as f32;
        let ulp = (f32::from_bits(w.to_bits() + 1) - w) as f64;
        (got as f64 - want).abs() / ulp
    }

    #[test]
    fn expf_is_within_one_ulp_of_the_exact_value_across_the_f32_range() {
        let mut worst = 0.0f64;
        // Every 97th f32 bit pattern from −103.9 to 88.7 (about 20 million values).
        let (lo, hi) = (-103.9f32, 88.7f32);
        for bits in (0u32..=u32::MAX).step_by(97) {
            let x = f32::from_bits(bits);
            if !(lo..=hi).contains(&x) {
                continue;
            }
            let want = (x as f64).exp();
            if want < f32::MIN_POSITIVE as f64 {
                // Subnormal results: absolute error below the smallest normal's ulp.
                assert!((expf(x) as f64 - want).abs() <= f32::from_bits(1) as f64);
                continue;
            }
            worst = worst.max(ulps(expf(x), want));
        }
        assert!(worst < 0.51, "worst error {worst} ulp");
    }

    #[test]
    fn expf_special_values_match_f32_exp() {
        assert_eq!(expf(0.0), 1.0);
        assert_eq!(expf(-0.0), 1.0);
        assert_eq!(expf(1.0), std::f32::consts::E);
        assert_eq!(expf(f32::NEG_INFINITY), 0.0);
        assert_eq!(expf(f32::INFINITY), f32::INFINITY);
        assert!(expf(f32::NAN).is_nan());
        assert_eq!(expf(88.73), f32::INFINITY);
        assert_eq!(expf(-104.0), 0.0);
        assert_eq!(expf(88.72), 88.72f32.exp());
    }
}

//! IEEE 754 half precision (binary16), the storage type of the shipped weights: converted to
//! f32 when a weights file is read ([`super::burnpack::f32_tensors`]).

/// IEEE 754 half precision (binary16) to single precision, exactly.
pub(crate) fn f16_to_f32(h: u16) -> f32 {
    let sign = u32::from(h >> 15) << 31;
    let exp = u32::from((h >> 10) & 0x1F);
    let man = u32::from(h & 0x3FF);
    let bits = match exp {
        // Zero and subnormals: man · 2^-24 (exact in f32).
        0 => {
            let v = man as f32 / 16_777_216.0;
            return if sign == 0 { v } else { -v };
        }
        // Infinity and NaN keep their payload.
        0x1F => sign | 0x7F80_0000 | (man << 13),
        // Normal: rebias the exponent (15 → 127).
        e => sign | ((e + 112) << 23) | (man << 13),
    };
    f32::from_bits(bits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f16_to_f32_matches_the_standard_for_every_finite_half() {
        // Known values from the binary16 definition, then every finite bit pattern against
        // sign · 2^(e−15) · (1 + m/1024) (normal) or sign · 2^−14 · m/1024 (subnormal) in f64.
        assert_eq!(f16_to_f32(0x3C00), 1.0);
        assert_eq!(f16_to_f32(0xC000), -2.0);
        assert_eq!(f16_to_f32(0x7BFF), 65504.0);
        assert_eq!(f16_to_f32(0x0001), 2f32.powi(-24));
        assert_eq!(f16_to_f32(0x3555), 0.333_251_95);
        assert!(f16_to_f32(0x8000).is_sign_negative() && f16_to_f32(0x8000) == 0.0);
        assert_eq!(f16_to_f32(0x7C00), f32::INFINITY);
        for h in 0u16..=0xFFFF {
            let (e, m) = (i32::from((h >> 10) & 0x1F), f64::from(h & 0x3FF));
            if e == 0x1F {
                continue;
            }
            let sign = if h >> 15 == 1 { -1.0 } else { 1.0 };
            let want = if e == 0 {
                sign * 2f64.powi(-14) * m / 1024.0
            } else {
                sign * 2f64.powi(e - 15) * (1.0 + m / 1024.0)
            };
            assert_eq!(f16_to_f32(h) as f64, want, "{h:#06x}");
        }
    }
}

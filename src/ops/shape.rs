//! Output-size arithmetic for convolution, pooling and transposed convolution.
//!
//! These are the formulas of PyTorch's `torch.nn.Conv2d`, `MaxPool2d`/`AvgPool2d` (with
//! `ceil_mode=False`) and `ConvTranspose2d` docs, per spatial axis:
//!
//! - convolution / pooling: `⌊(W + 2P − D(K−1) − 1) / S⌋ + 1` (pooling has `D = 1`);
//! - transposed convolution: `(W − 1)·S − 2P + D(K−1) + OP + 1`.
//!
//! The core ops use them to validate before calling burn, the page uses
//! [`output_size`] to show the formula with the current numbers, and the architecture tables
//! and receptive-field tracer reuse them, so there is one copy of this arithmetic.

use crate::error::ParamError;

/// Which formula applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SizeKind {
    Conv,
    Pool,
    Transposed,
}

impl SizeKind {
    pub fn parse(op: &'static str, s: &str) -> Result<Self, ParamError> {
        match s {
            "conv" => Ok(SizeKind::Conv),
            "pool" => Ok(SizeKind::Pool),
            "transposed" => Ok(SizeKind::Transposed),
            other => Err(ParamError::new(
                op,
                "kind",
                format!("expected 'conv', 'pool' or 'transposed', got {other:?}"),
            )),
        }
    }
}

/// Hyperparameters of one spatial axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AxisParams {
    pub kernel: usize,
    pub stride: usize,
    pub padding: usize,
    pub dilation: usize,
    /// Transposed convolution only (PyTorch's `output_padding`).
    pub output_padding: usize,
}

impl AxisParams {
    pub fn new(kernel: usize, stride: usize, padding: usize, dilation: usize) -> Self {
        Self {
            kernel,
            stride,
            padding,
            dilation,
            output_padding: 0,
        }
    }

    /// Extent of the kernel once dilated: `D(K−1) + 1` (in `u64`: it exceeds 32 bits for
    /// extreme settings, and `usize` is 32-bit on wasm32).
    pub fn dilated_kernel(&self) -> u64 {
        self.dilation as u64 * (self.kernel as u64 - 1) + 1
    }
}

/// Output length of a convolution or pooling along one axis, or `None` when the dilated kernel
/// does not fit in the padded input (the formula would give less than 1).
///
/// # Shapes
/// `input` is `W`; returns `⌊(W + 2P − D(K−1) − 1)/S⌋ + 1`.
pub fn conv_len(input: usize, p: &AxisParams) -> Option<usize> {
    let padded = input as u64 + 2 * p.padding as u64;
    let span = p.dilated_kernel();
    // The result is at most `padded`, so it fits in usize whenever the inputs do.
    (padded >= span).then(|| ((padded - span) / p.stride as u64 + 1) as usize)
}

/// Output length of a transposed convolution along one axis, or `None` when the padding eats
/// the whole output. In `u64`: with large strides the length exceeds 32 bits, and callers must
/// refuse it rather than wrap around.
///
/// # Shapes
/// `input` is `W`; returns `(W − 1)·S − 2P + D(K−1) + OP + 1`.
pub fn conv_transpose_len(input: usize, p: &AxisParams) -> Option<u64> {
    let full = (input as u64 - 1) * p.stride as u64
        + p.dilation as u64 * (p.kernel as u64 - 1)
        + p.output_padding as u64
        + 1;
    full.checked_sub(2 * p.padding as u64).filter(|&n| n >= 1)
}

/// The formula for one axis with the numbers filled in, and its result.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputSize {
    /// The value of the formula; may be `<= 0` when the settings give no output.
    pub size: i64,
    /// The formula with the numbers in, e.g. `⌊(4 + 2·0 − 1·(3−1) − 1)/1⌋ + 1 = 2`.
    pub formula: String,
    /// Why there is no output, when `size < 1`.
    pub reason: Option<String>,
}

/// Evaluates the output-size formula for one axis and explains an empty result, without
/// running any op. Only malformed arguments (zero stride, zero kernel, …) are errors.
pub fn output_size(kind: SizeKind, input: usize, p: &AxisParams) -> Result<OutputSize, ParamError> {
    const OP: &str = "outputSize";
    if input == 0 {
        return Err(ParamError::new(OP, "input", "expected a size >= 1, got 0"));
    }
    for (name, v) in [
        ("kernel", p.kernel),
        ("stride", p.stride),
        ("dilation", p.dilation),
    ] {
        if v == 0 {
            return Err(ParamError::new(
                OP,
                name,
                "expected a whole number >= 1, got 0",
            ));
        }
    }
    let (w, k, s, pad, d, op) = (
        input as i64,
        p.kernel as i64,
        p.stride as i64,
        p.padding as i64,
        p.dilation as i64,
        p.output_padding as i64,
    );
    Ok(match kind {
        SizeKind::Conv | SizeKind::Pool => {
            let numerator = w + 2 * pad - d * (k - 1) - 1;
            let size = numerator.div_euclid(s) + 1;
            let formula = if kind == SizeKind::Pool {
                format!("⌊({w} + 2·{pad} − {k})/{s}⌋ + 1 = {size}")
            } else {
                format!("⌊({w} + 2·{pad} − {d}·({k}−1) − 1)/{s}⌋ + 1 = {size}")
            };
            let span = d * (k - 1) + 1;
            let pool_padding = (kind == SizeKind::Pool && 2 * pad > k).then(|| {
                format!(
                    "pooling padding may be at most half the window (⌊{k}/2⌋ = {}), got {pad}",
                    k / 2
                )
            });
            let reason = pool_padding.or_else(|| (numerator < 0).then(|| {
                let what = if kind == SizeKind::Pool {
                    format!("the {k}-wide window")
                } else if d > 1 {
                    format!("the dilated kernel (span {d}·({k}−1) + 1 = {span})")
                } else {
                    format!("the {k}-wide kernel")
                };
                format!(
                    "{what} does not fit in the padded input ({w} + 2·{pad} = {}): there is no position to place it",
                    w + 2 * pad
                )
            }));
            OutputSize {
                size,
                formula,
                reason,
            }
        }
        SizeKind::Transposed => {
            let size = (w - 1) * s - 2 * pad + d * (k - 1) + op + 1;
            let formula = format!("({w} − 1)·{s} − 2·{pad} + {d}·({k}−1) + {op} + 1 = {size}");
            let reason = if op >= s && op >= d {
                Some(format!(
                    "output padding ({op}) must be smaller than the stride ({s}) or the dilation ({d})"
                ))
            } else {
                (size < 1).then(|| {
                    format!(
                        "the padding removes 2·{pad} = {} cells from a {}-cell result, leaving nothing",
                        2 * pad,
                        size + 2 * pad
                    )
                })
            };
            OutputSize {
                size,
                formula,
                reason,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conv_len_matches_the_lecture_examples() {
        // 4x4 input, 3x3 filter, stride 1 -> 2x2; 8x8 with 3x3 -> 6x6.
        assert_eq!(conv_len(4, &AxisParams::new(3, 1, 0, 1)), Some(2));
        assert_eq!(conv_len(8, &AxisParams::new(3, 1, 0, 1)), Some(6));
        // 7x7 input, 3x3 filter, stride 2 -> 3x3; stride 3 does not fit evenly: floor gives 2.
        assert_eq!(conv_len(7, &AxisParams::new(3, 2, 0, 1)), Some(3));
        assert_eq!(conv_len(7, &AxisParams::new(3, 3, 0, 1)), Some(2));
        // AlexNet CONV1: 227 input, 11x11 at stride 4 -> 55.
        assert_eq!(conv_len(227, &AxisParams::new(11, 4, 0, 1)), Some(55));
        // Kernel larger than padded input.
        assert_eq!(conv_len(2, &AxisParams::new(5, 1, 1, 1)), None);
    }

    #[test]
    fn transposed_len_inverts_a_stride_two_convolution() {
        // PyTorch docs: ConvTranspose2d(k=3, s=2, p=1, output_padding=1) doubles 4 -> 8.
        let p = AxisParams {
            output_padding: 1,
            ..AxisParams::new(3, 2, 1, 1)
        };
        assert_eq!(conv_transpose_len(4, &p), Some(8));
        // Wider than 32 bits: reported, not wrapped (usize is 32-bit on wasm32).
        let wide = AxisParams::new(1, 1 << 20, 0, 1);
        assert_eq!(conv_transpose_len(4098, &wide), Some(4097 * (1 << 20) + 1));
        assert_eq!(conv_transpose_len(1, &AxisParams::new(1, 1, 1, 1)), None);
    }

    #[test]
    fn output_size_explains_an_empty_output() {
        let r = output_size(SizeKind::Conv, 4, &AxisParams::new(3, 1, 0, 3)).unwrap();
        assert_eq!(r.size, -2); // ⌊(4 − 3·2 − 1)/1⌋ + 1
        assert!(r.reason.unwrap().contains("span 3·(3−1) + 1 = 7"));
        let ok = output_size(SizeKind::Conv, 4, &AxisParams::new(3, 1, 0, 1)).unwrap();
        assert_eq!(ok.formula, "⌊(4 + 2·0 − 1·(3−1) − 1)/1⌋ + 1 = 2");
        assert_eq!(ok.reason, None);
    }
}

//! The plain tensor that crosses the JS boundary: a flat `f32` buffer and its shape.
//!
//! Layout is row-major (C order), as in PyTorch and `Float32Array` views: for shape
//! `[C, H, W]` the element `(c, y, x)` is at `data[(c * H + y) * W + x]`. Ops take their inputs
//! unbatched (`[C, H, W]` for 2-D, `[C, L]` for 1-D) and add burn's batch axis themselves.

use crate::error::{Code, ParamError};
use crate::params::MAX_INT_PARAM;

/// Upper bound on the number of elements of any input or output (16 Mi floats = 64 MiB, e.g. a
/// 4096×4096 image), so a mistyped size fails with a message instead of exhausting the wasm
/// heap (an allocation failure aborts a WebAssembly instance).
pub const MAX_ELEMENTS: usize = 1 << 24;

/// Upper bound on the multiply-accumulates of one call (256 Mi: well under a second for
/// convolution, a few for pooling windows and scatters), which also bounds the unfolded (im2col)
/// buffers a backend may allocate for it: `O·OH·OW·(C/groups)·KH·KW`.
pub const MAX_MACS: u64 = 1 << 28;

/// Fails when one call would do more than [`MAX_MACS`] multiply-accumulates.
pub fn check_work(op: &'static str, macs: u64) -> Result<(), ParamError> {
    if macs > MAX_MACS {
        return Err(ParamError::new(
            op,
            "input",
            format!(
                "this call needs {macs} multiply-accumulates, more than the {MAX_MACS} allowed in the browser: use a smaller input or kernel"
            ),
        )
        .with_code(Code::TooLarge)
        .with_got(macs)
        .with_limit(MAX_MACS));
    }
    Ok(())
}

#[derive(Debug, Clone, PartialEq)]
pub struct HostTensor {
    pub data: Vec<f32>,
    pub shape: Vec<usize>,
}

impl HostTensor {
    /// Wraps `data` with `shape` without checking; see [`HostTensor::check`].
    pub fn new(data: Vec<f32>, shape: Vec<usize>) -> Self {
        Self { data, shape }
    }

    /// Number of elements the shape describes.
    pub fn numel(&self) -> usize {
        self.shape.iter().product()
    }

    /// Checks that this tensor has `rank` axes (named by `layout`, e.g. `"[C, H, W]"`), that
    /// every axis is at least 1, and that `data` holds exactly as many values as the shape says.
    pub fn check(
        &self,
        op: &'static str,
        param: &str,
        rank: usize,
        layout: &str,
    ) -> Result<(), ParamError> {
        if self.shape.len() != rank {
            return Err(ParamError::new(
                op,
                param,
                format!(
                    "expected a {rank}-D shape {layout}, got {}-D shape {:?}",
                    self.shape.len(),
                    self.shape
                ),
            )
            .with_code(Code::ShapeMismatch)
            .with_expected(rank)
            .with_got(self.shape.clone()));
        }
        if let Some(axis) = self.shape.iter().position(|&d| d == 0 || d > MAX_INT_PARAM) {
            return Err(ParamError::new(
                op,
                param,
                format!(
                    "every axis of {layout} must be between 1 and {MAX_INT_PARAM}, got {:?} (axis {axis})",
                    self.shape
                ),
            )
            .with_got(self.shape.clone())
            .with_limit(MAX_INT_PARAM));
        }
        let numel = element_count(op, param, &self.shape)?;
        check_len(op, param, &self.shape, numel, self.data.len())
    }
}

/// The number of values `shape` describes, or an error naming `param` when it is over
/// [`MAX_ELEMENTS`]. The binding layer calls this before it copies any data.
pub fn element_count(op: &'static str, param: &str, shape: &[usize]) -> Result<usize, ParamError> {
    shape
        .iter()
        .try_fold(1usize, |acc, &d| acc.checked_mul(d))
        .filter(|&n| n <= MAX_ELEMENTS)
        .ok_or_else(|| {
            ParamError::new(
                op,
                param,
                format!("shape {shape:?} has more than {MAX_ELEMENTS} elements"),
            )
            .with_code(Code::TooLarge)
            .with_got(shape.to_vec())
            .with_limit(MAX_ELEMENTS)
        })
}

/// Fails unless `len` values fill `shape` (`numel` of them) exactly; the binding layer calls
/// this before it copies any data.
pub fn check_len(
    op: &'static str,
    param: &str,
    shape: &[usize],
    numel: usize,
    len: usize,
) -> Result<(), ParamError> {
    if len == numel {
        return Ok(());
    }
    Err(ParamError::new(
        op,
        param,
        format!("shape {shape:?} needs {numel} values, but data has {len}"),
    )
    .with_code(Code::ShapeMismatch)
    .with_expected(numel)
    .with_got(len))
}

/// Fails when an output of `shape` would exceed [`MAX_ELEMENTS`].
pub fn check_output_size(op: &'static str, param: &str, shape: &[usize]) -> Result<(), ParamError> {
    let numel = shape
        .iter()
        .try_fold(1usize, |acc, &d| acc.checked_mul(d))
        .filter(|&n| n <= MAX_ELEMENTS);
    if numel.is_none() {
        return Err(ParamError::new(
            op,
            param,
            format!("the output {shape:?} would have more than {MAX_ELEMENTS} elements"),
        )
        .with_code(Code::TooLarge)
        .with_got(shape.to_vec())
        .with_limit(MAX_ELEMENTS));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_names_the_parameter_for_rank_zero_axis_and_length_mismatch() {
        let t = HostTensor::new(vec![0.0; 4], vec![2, 2]);
        assert_eq!(
            t.check("op", "input", 3, "[C, H, W]").unwrap_err().param,
            "input"
        );
        let t = HostTensor::new(vec![], vec![1, 0, 2]);
        assert!(
            t.check("op", "input", 3, "[C, H, W]")
                .unwrap_err()
                .message
                .contains("axis 1")
        );
        let t = HostTensor::new(vec![0.0; 5], vec![1, 2, 2]);
        let e = t.check("op", "weight", 3, "[C, H, W]").unwrap_err();
        assert_eq!(e.param, "weight");
        assert!(e.message.contains("needs 4 values, but data has 5"), "{e}");
    }
}

//! What the page may change in a table: the input's size and the stride/padding of single
//! layers, read from the options object `inferShapes` receives.

use super::OP;
use crate::error::ParamError;
use crate::params::RawOptions;

/// A user's change to one convolution or pooling layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LayerOverride {
    pub stride: Option<[usize; 2]>,
    pub padding: Option<[usize; 2]>,
}

/// What the page may change: the input's `[H, W]` and per-layer stride/padding, keyed by
/// layer path (`"conv1"`, `"layer2.0.conv1"`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InferOptions {
    pub input_size: Option<[usize; 2]>,
    pub overrides: Vec<(String, LayerOverride)>,
}

impl InferOptions {
    /// Validates the options as they come from JS: `top` holds `inputSize` (a number or
    /// `[h, w]`), `overrides` one `{stride?, padding?}` per layer path. Errors name
    /// `inputSize` or `<path>.<param>`.
    pub fn parse(top: &RawOptions, overrides: &[(String, RawOptions)]) -> Result<Self, ParamError> {
        top.check_known(OP, &["inputSize", "overrides"])?;
        let input_size = optional_pair(top, "inputSize", 1)?;
        let mut out = Vec::with_capacity(overrides.len());
        for (path, raw) in overrides {
            let named = |mut e: ParamError| {
                e.param = format!("{path}.{}", e.param);
                e
            };
            raw.check_known(OP, &["stride", "padding"]).map_err(named)?;
            let stride = optional_pair(raw, "stride", 1).map_err(named)?;
            let padding = optional_pair(raw, "padding", 0).map_err(named)?;
            out.retain(|(p, _): &(String, LayerOverride)| p != path);
            out.push((path.clone(), LayerOverride { stride, padding }));
        }
        Ok(Self {
            input_size,
            overrides: out,
        })
    }

    /// Options that change only the input size.
    pub fn input(h: usize, w: usize) -> Self {
        Self {
            input_size: Some([h, w]),
            overrides: Vec::new(),
        }
    }

    /// Adds a stride/padding change of the layer at `path`.
    pub fn with(
        mut self,
        path: &str,
        stride: Option<[usize; 2]>,
        padding: Option<[usize; 2]>,
    ) -> Self {
        self.overrides
            .push((path.to_string(), LayerOverride { stride, padding }));
        self
    }
}

/// `key` as an `[h, w]` pair of whole numbers `>= min`, or `None` when absent.
fn optional_pair(
    opts: &RawOptions,
    key: &str,
    min: usize,
) -> Result<Option<[usize; 2]>, ParamError> {
    match opts.get(key) {
        None => Ok(None),
        Some(_) => opts.pair(OP, key, [min, min], min).map(Some),
    }
}

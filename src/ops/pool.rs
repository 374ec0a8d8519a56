//! Max and average pooling ("subsampling") of one image: small ones on the direct path
//! ([`crate::ops::direct`]), the rest by burn.
//!
//! Same numbers as `torch.nn.functional.max_pool2d` / `avg_pool2d` with their defaults
//! (`ceil_mode=False`, and for average pooling `count_include_pad=True`: a window that
//! overlaps the zero padding still divides by `KH·KW`). Max pooling treats padding as `−∞`, so
//! it never wins. As in PyTorch, padding may be at most half the kernel, so that every window
//! covers at least one real pixel.

use burn::tensor::module;
use burn::tensor::ops::{AvgPoolOptions, MaxPoolOptions};
use serde::{Deserialize, Serialize};

use crate::backend::{Backend, download, upload};
use crate::error::{Code, ParamError, Result};
use crate::ops::conv::axis_name;
use crate::ops::direct::{self, PoolGeometry, Route};
use crate::ops::shape::{AxisParams, conv_len};
use crate::params::RawOptions;
use crate::tensor::{HostTensor, check_work};

/// Max or average pooling: the one such type, used by the ops, the architecture specs (where
/// it is the `mode` of a pooling layer, `"max"` or `"avg"` in JS) and LeNet-5's variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PoolMode {
    Max,
    Avg,
}

impl PoolMode {
    /// `"max"` or `"avg"`.
    pub fn name(self) -> &'static str {
        match self {
            PoolMode::Max => "max",
            PoolMode::Avg => "avg",
        }
    }
}

/// Hyperparameters of a 2-D pooling, `[h, w]` per field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolParams {
    pub mode: PoolMode,
    pub kernel: [usize; 2],
    pub stride: [usize; 2],
    pub padding: [usize; 2],
}

impl PoolParams {
    /// Pooling with stride = kernel and no padding (PyTorch's defaults).
    pub fn new(mode: PoolMode, kernel: [usize; 2]) -> Self {
        Self {
            mode,
            kernel,
            stride: kernel,
            padding: [0, 0],
        }
    }

    /// Option keys `pool2d` accepts from JS.
    pub const OPTION_KEYS: &'static [&'static str] = &["mode", "kernel", "stride", "padding"];

    /// Reads `{mode: 'max'|'avg', kernel, stride? (= kernel), padding? (= 0)}`.
    pub fn from_options(opts: &RawOptions) -> Result<Self, ParamError> {
        const OP: &str = "pool2d";
        opts.check_known(OP, Self::OPTION_KEYS)?;
        let mode = match opts.text(OP, "mode")? {
            Some("max") => PoolMode::Max,
            Some("avg") => PoolMode::Avg,
            Some(other) => {
                return Err(ParamError::new(
                    OP,
                    "mode",
                    format!("expected 'max' or 'avg', got {other:?}"),
                ));
            }
            None => {
                return Err(ParamError::new(OP, "mode", "is required: 'max' or 'avg'")
                    .with_code(Code::Required));
            }
        };
        if opts.get("kernel").is_none() {
            return Err(ParamError::new(
                OP,
                "kernel",
                "is required: a whole number >= 1 or an [h, w] pair",
            )
            .with_code(Code::Required));
        }
        let kernel = opts.pair(OP, "kernel", [1, 1], 1)?;
        Ok(Self {
            mode,
            kernel,
            stride: opts.pair(OP, "stride", kernel, 1)?,
            padding: opts.pair(OP, "padding", [0, 0], 0)?,
        })
    }

    /// The parameters of spatial axis `i`.
    pub fn axis(&self, i: usize) -> AxisParams {
        AxisParams::new(self.kernel[i], self.stride[i], self.padding[i], 1)
    }
}

/// Validates a pooling call of `op`; returns the output `[OH, OW]`.
pub(crate) fn check_pool(
    op: &'static str,
    input: &HostTensor,
    p: &PoolParams,
) -> Result<[usize; 2], ParamError> {
    input.check(op, "input", 3, "[C, H, W]")?;
    let mut out = [0; 2];
    for (i, o) in out.iter_mut().enumerate() {
        let axis = p.axis(i);
        if axis.kernel == 0 || axis.stride == 0 {
            return Err(ParamError::new(
                op,
                "kernel",
                "kernel and stride must be >= 1",
            ));
        }
        if 2 * axis.padding > axis.kernel {
            return Err(ParamError::new(
                op,
                "padding",
                format!(
                    "must be at most half the kernel along {} (⌊{}/2⌋ = {}), got {}",
                    axis_name(2, i),
                    axis.kernel,
                    axis.kernel / 2,
                    axis.padding
                ),
            ));
        }
        let len = input.shape[1 + i];
        *o = conv_len(len, &axis).ok_or_else(|| {
            ParamError::new(
                op,
                "kernel",
                format!(
                    "the {}-wide window is larger than the padded input {} ({len} + 2·{} = {}): no output",
                    axis.kernel,
                    axis_name(2, i),
                    axis.padding,
                    len + 2 * axis.padding
                ),
            )
        })?;
    }
    let window = p.kernel[0] as u64 * p.kernel[1] as u64;
    check_work(op, (input.shape[0] * out[0] * out[1]) as u64 * window)?;
    Ok(out)
}

/// 2-D max or average pooling of one image, every channel separately: on the direct path
/// ([`crate::ops::direct`]) when it pays, else by burn.
///
/// # Shapes
/// - `input`: `[C, H, W]`
/// - returns `[C, OH, OW]` with `OH = ⌊(H + 2P − K)/S⌋ + 1` (likewise `OW`)
pub fn pool2d(backend: Backend, input: &HostTensor, p: &PoolParams) -> Result<HostTensor> {
    pool2d_on(Route::Auto, backend, input, p)
}

/// [`pool2d`] on a chosen [`Route`] (the tests compare the routes).
///
/// # Shapes
/// As [`pool2d`].
pub fn pool2d_on(
    route: Route,
    backend: Backend,
    input: &HostTensor,
    p: &PoolParams,
) -> Result<HostTensor> {
    let [oh, ow] = check_pool("pool2d", input, p)?;
    let c = input.shape[0];
    let shape = [c, input.shape[1], input.shape[2]];
    let g = PoolGeometry::new(*p, shape)?;
    if route.takes_direct(|| direct::pool::pays(&g)) {
        return Ok(HostTensor::new(
            direct::pool2d(&input.data, &g)?,
            vec![c, oh, ow],
        ));
    }
    let device = backend.device();
    let x = upload(&input.data, [1, c, shape[1], shape[2]], &device); // [1, c, h, w]
    let y = match p.mode {
        PoolMode::Max => module::max_pool2d(
            x,
            MaxPoolOptions::new(p.kernel)
                .with_stride(p.stride)
                .with_padding(p.padding),
        ),
        PoolMode::Avg => module::avg_pool2d(
            x,
            AvgPoolOptions::new(p.kernel)
                .with_stride(p.stride)
                .with_padding(p.padding)
                .with_count_include_pad(true),
        ),
    }; // [1, c, oh, ow]
    Ok(HostTensor::new(download(y)?, vec![c, oh, ow]))
}

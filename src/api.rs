//! The JavaScript-shaped entry points: tensors plus an options object in, a tensor out.
//!
//! Each function here is what one export of `pkg/convscope.js` does, minus the copying of JS
//! values; [`crate::bindings`] only converts. Keeping them in the pure core lets `cargo test`
//! check option parsing and every error message natively.

use crate::backend::Backend;
use crate::error::{Code, ParamError, Result};
use crate::ops::conv::{ConvParams, conv1d, conv2d};
use crate::ops::conv_transpose::{ConvTransposeParams, conv_transpose1d, conv_transpose2d};
use crate::ops::pool::{PoolParams, pool2d};
use crate::ops::shape::{AxisParams, OutputSize, SizeKind, output_size};
use crate::params::RawOptions;
use crate::tensor::HostTensor;

/// Defines export `$name(backend, input, weight, opts)`: options read by
/// `$params::from_options($op, ..)` (bias included), then `$run`. The four convolutions differ
/// only in those three.
macro_rules! weighted_op {
    ($(#[$doc:meta])* $name:ident: $params:ty, $op:literal, $run:path) => {
        $(#[$doc])*
        pub fn $name(
            backend: Backend,
            input: &HostTensor,
            weight: &HostTensor,
            opts: &RawOptions,
        ) -> Result<HostTensor> {
            let (p, bias) = <$params>::from_options($op, opts)?;
            $run(backend, input, weight, bias.as_deref(), &p)
        }
    };
}

weighted_op!(
    /// `conv2d(input, weight, {bias?, stride?, padding?, dilation?, groups?})`.
    conv2d_js: ConvParams<2>, "conv2d", conv2d
);
weighted_op!(
    /// `conv1d(input, weight, {bias?, stride?, padding?, dilation?, groups?})`.
    conv1d_js: ConvParams<1>, "conv1d", conv1d
);
weighted_op!(
    /// `convTranspose2d(input, weight, {bias?, stride?, padding?, outputPadding?, dilation?,
    /// groups?})`.
    conv_transpose2d_js: ConvTransposeParams<2>, "convTranspose2d", conv_transpose2d
);
weighted_op!(
    /// `convTranspose1d(input, weight, {bias?, stride?, padding?, outputPadding?, dilation?,
    /// groups?})`.
    conv_transpose1d_js: ConvTransposeParams<1>, "convTranspose1d", conv_transpose1d
);

/// `pool2d(input, {mode, kernel, stride?, padding?})`.
pub fn pool2d_js(backend: Backend, input: &HostTensor, opts: &RawOptions) -> Result<HostTensor> {
    let p = PoolParams::from_options(opts)?;
    pool2d(backend, input, &p)
}

/// Option keys `outputSize` accepts from JS.
pub const OUTPUT_SIZE_KEYS: &[&str] = &[
    "kind",
    "input",
    "kernel",
    "stride",
    "padding",
    "dilation",
    "outputPadding",
];

/// `outputSize({kind?: 'conv'|'pool'|'transposed', input, kernel, stride?, padding?,
/// dilation?, outputPadding?})`: one axis's output size and its formula with the numbers in.
pub fn output_size_js(opts: &RawOptions) -> Result<OutputSize, ParamError> {
    const OP: &str = "outputSize";
    opts.check_known(OP, OUTPUT_SIZE_KEYS)?;
    let kind = SizeKind::parse(OP, opts.text(OP, "kind")?.unwrap_or("conv"))?;
    let required = |key: &str| -> Result<usize, ParamError> {
        match opts.get(key) {
            Some(_) => opts.int(OP, key, 1, 1),
            None => Err(ParamError::new(OP, key, "is required: a whole number >= 1")
                .with_code(Code::Required)),
        }
    };
    let input = required("input")?;
    let kernel = required("kernel")?;
    let default_stride = if kind == SizeKind::Pool { kernel } else { 1 };
    let p = AxisParams {
        kernel,
        stride: opts.int(OP, "stride", default_stride, 1)?,
        padding: opts.int(OP, "padding", 0, 0)?,
        dilation: opts.int(OP, "dilation", 1, 1)?,
        output_padding: opts.int(OP, "outputPadding", 0, 0)?,
    };
    if kind == SizeKind::Pool && p.dilation != 1 {
        return Err(ParamError::new(
            OP,
            "dilation",
            "pooling here has no dilation; expected 1",
        ));
    }
    output_size(kind, input, &p)
}

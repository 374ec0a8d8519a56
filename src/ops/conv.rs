//! Convolution in 1-D and 2-D, computed by burn, with PyTorch's semantics.
//!
//! Same numbers as `torch.nn.functional.conv1d` / `conv2d`: cross-correlation (the kernel is
//! not flipped), zero padding on both sides of each spatial axis, dilation spreading the kernel
//! taps `D` apart, grouped channels, and the output size rounded down
//! (`⌊(W + 2P − D(K−1) − 1)/S⌋ + 1`, see [`crate::ops::shape`]).
//!
//! Every argument is validated here before burn sees it: burn panics on inconsistent shapes,
//! and a panic inside WebAssembly kills the module.

use burn::tensor::Tensor;
use burn::tensor::module;
use burn::tensor::ops::ConvOptions;

use crate::backend::{Backend, download, upload};
use crate::error::{Code, ParamError, Result};
use crate::ops::shape::{AxisParams, conv_len};
use crate::params::RawOptions;
use crate::tensor::{HostTensor, check_output_size, check_work};

/// Hyperparameters of an `N`-D convolution, one entry per spatial axis (`[h, w]` for 2-D).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConvParams<const N: usize> {
    pub stride: [usize; N],
    pub padding: [usize; N],
    pub dilation: [usize; N],
    pub groups: usize,
}

impl<const N: usize> Default for ConvParams<N> {
    fn default() -> Self {
        Self {
            stride: [1; N],
            padding: [0; N],
            dilation: [1; N],
            groups: 1,
        }
    }
}

impl<const N: usize> ConvParams<N> {
    /// Option keys `conv1d`/`conv2d` accept from JS.
    pub const OPTION_KEYS: &'static [&'static str] =
        &["bias", "stride", "padding", "dilation", "groups"];

    /// Reads `{bias?, stride?, padding?, dilation?, groups?}` (PyTorch's defaults: no bias,
    /// 1, 0, 1, 1) and returns the parameters and the bias.
    pub fn from_options(
        op: &'static str,
        opts: &RawOptions,
    ) -> Result<(Self, Option<Vec<f32>>), ParamError> {
        opts.check_known(op, Self::OPTION_KEYS)?;
        let params = Self {
            stride: opts.axes(op, "stride", [1; N], 1)?,
            padding: opts.axes(op, "padding", [0; N], 0)?,
            dilation: opts.axes(op, "dilation", [1; N], 1)?,
            groups: opts.int(op, "groups", 1, 1)?,
        };
        Ok((params, opts.floats(op, "bias")?))
    }

    /// The parameters of spatial axis `i` for a kernel `kernel` taps wide.
    pub fn axis(&self, i: usize, kernel: usize) -> AxisParams {
        AxisParams::new(kernel, self.stride[i], self.padding[i], self.dilation[i])
    }
}

/// Names of spatial axes for messages.
pub(crate) fn axis_name(n: usize, i: usize) -> &'static str {
    match (n, i) {
        (1, _) => "length",
        (_, 0) => "height",
        _ => "width",
    }
}

/// Checked shapes of one convolution call.
pub(crate) struct ConvShapes<const N: usize> {
    pub channels: usize,
    pub out_channels: usize,
    pub input: [usize; N],
    pub kernel: [usize; N],
    pub output: [usize; N],
}

/// Validates a convolution call and computes its output shape.
pub(crate) fn check_conv<const N: usize>(
    op: &'static str,
    input: &HostTensor,
    weight: &HostTensor,
    bias: Option<&[f32]>,
    p: &ConvParams<N>,
) -> Result<ConvShapes<N>, ParamError> {
    let (in_layout, w_layout) = if N == 1 {
        ("[C, L]", "[O, C/groups, K]")
    } else {
        ("[C, H, W]", "[O, C/groups, KH, KW]")
    };
    input.check(op, "input", N + 1, in_layout)?;
    weight.check(op, "weight", N + 2, w_layout)?;
    let channels = input.shape[0];
    let out_channels = weight.shape[0];
    let g = p.groups;
    if !channels.is_multiple_of(g) {
        return Err(ParamError::new(
            op,
            "groups",
            format!("groups ({g}) must divide the input channels C = {channels}"),
        ));
    }
    if !out_channels.is_multiple_of(g) {
        return Err(ParamError::new(
            op,
            "groups",
            format!(
                "groups ({g}) must divide the output channels O = weight.shape[0] = {out_channels}"
            ),
        ));
    }
    if weight.shape[1] != channels / g {
        return Err(ParamError::new(
            op,
            "weight",
            format!(
                "expected weight.shape[1] = C/groups = {channels}/{g} = {} (the input has {channels} channels), got {}",
                channels / g,
                weight.shape[1]
            ),
        )
        .with_code(Code::ShapeMismatch)
        .with_expected(channels / g)
        .with_got(weight.shape[1]));
    }
    if let Some(b) = bias
        && b.len() != out_channels
    {
        return Err(ParamError::new(
            op,
            "bias",
            format!(
                "expected one value per output channel ({out_channels}), got {}",
                b.len()
            ),
        )
        .with_code(Code::ShapeMismatch)
        .with_expected(out_channels)
        .with_got(b.len()));
    }
    let mut shapes = ConvShapes {
        channels,
        out_channels,
        input: [0; N],
        kernel: [0; N],
        output: [0; N],
    };
    for i in 0..N {
        let (len, k) = (input.shape[1 + i], weight.shape[2 + i]);
        let axis = p.axis(i, k);
        shapes.input[i] = len;
        shapes.kernel[i] = k;
        shapes.output[i] = conv_len(len, &axis).ok_or_else(|| {
            ParamError::new(
                op,
                "weight",
                format!(
                    "the kernel's {} extent D(K−1)+1 = {}·({k}−1)+1 = {} is larger than the padded input {len} + 2·{} = {}: no output",
                    axis_name(N, i),
                    axis.dilation,
                    axis.dilated_kernel(),
                    axis.padding,
                    len + 2 * axis.padding
                ),
            )
        })?;
    }
    let mut out_shape = vec![out_channels];
    out_shape.extend_from_slice(&shapes.output);
    check_output_size(op, "input", &out_shape)?;
    let per_output =
        (channels / g) as u64 * shapes.kernel.iter().map(|&k| k as u64).product::<u64>();
    check_work(
        op,
        out_shape.iter().map(|&d| d as u64).product::<u64>() * per_output,
    )?;
    Ok(shapes)
}

/// Uploads one checked call's batched input (`[1, C, …]`), kernel and bias, runs `op` on them
/// and returns its output without the batch axis: `out_shape`. Shared by the convolutions
/// and transposed convolutions.
pub(crate) fn run_batched<const D: usize>(
    backend: Backend,
    (input, input_shape): (&[f32], [usize; D]),
    (kernel, kernel_shape): (&[f32], [usize; D]),
    bias: Option<&[f32]>,
    out_shape: Vec<usize>,
    op: impl FnOnce(Tensor<D>, Tensor<D>, Option<Tensor<1>>) -> Tensor<D>,
) -> Result<HostTensor> {
    let device = backend.device();
    let x = upload(input, input_shape, &device);
    let k = upload(kernel, kernel_shape, &device);
    let b = bias.map(|b| upload(b, [b.len()], &device)); // [o]
    Ok(HostTensor::new(download(op(x, k, b))?, out_shape))
}

/// 2-D convolution of one image, as `torch.nn.functional.conv2d`.
///
/// # Shapes
/// - `input`: `[C, H, W]`
/// - `weight`: `[O, C/groups, KH, KW]`
/// - `bias`: `[O]`
/// - returns `[O, OH, OW]` with `OH = ⌊(H + 2P − D(KH−1) − 1)/S⌋ + 1` (likewise `OW`)
pub fn conv2d(
    backend: Backend,
    input: &HostTensor,
    weight: &HostTensor,
    bias: Option<&[f32]>,
    p: &ConvParams<2>,
) -> Result<HostTensor> {
    let s = check_conv("conv2d", input, weight, bias, p)?;
    let ([h, w], [kh, kw], [oh, ow]) = (s.input, s.kernel, s.output);
    let options = ConvOptions::new(p.stride, p.padding, p.dilation, p.groups);
    run_batched(
        backend,
        (&input.data, [1, s.channels, h, w]),
        (
            &weight.data,
            [s.out_channels, s.channels / p.groups, kh, kw],
        ),
        bias,
        vec![s.out_channels, oh, ow],
        |x, k, b| module::conv2d(x, k, b, options), // [1, o, oh, ow]
    )
}

/// 1-D convolution of one sequence, as `torch.nn.functional.conv1d` (e.g. a 3-gram detector
/// sliding over word vectors, one channel per embedding dimension).
///
/// # Shapes
/// - `input`: `[C, L]`
/// - `weight`: `[O, C/groups, K]`
/// - `bias`: `[O]`
/// - returns `[O, OL]` with `OL = ⌊(L + 2P − D(K−1) − 1)/S⌋ + 1`
pub fn conv1d(
    backend: Backend,
    input: &HostTensor,
    weight: &HostTensor,
    bias: Option<&[f32]>,
    p: &ConvParams<1>,
) -> Result<HostTensor> {
    let s = check_conv("conv1d", input, weight, bias, p)?;
    let ([l], [k], [ol]) = (s.input, s.kernel, s.output);
    let options = ConvOptions::new(p.stride, p.padding, p.dilation, p.groups);
    run_batched(
        backend,
        (&input.data, [1, s.channels, l]),
        (&weight.data, [s.out_channels, s.channels / p.groups, k]),
        bias,
        vec![s.out_channels, ol],
        |x, k, b| module::conv1d(x, k, b, options), // [1, o, ol]
    )
}

//! Convolution in 1-D and 2-D, computed by burn, with PyTorch's semantics.
//!
//! Same numbers as `torch.nn.functional.conv1d` / `conv2d`: cross-correlation (the kernel is
//! not flipped), zero padding on both sides of each spatial axis, dilation spreading the kernel
//! taps `D` apart, grouped channels, and the output size rounded down
//! (`⌊(W + 2P − D(K−1) − 1)/S⌋ + 1`, see [`crate::ops::shape`]).
//!
//! Small problems, where burn's cost per call is most of the time, run on the direct path
//! ([`crate::ops::direct`]); burn computes the rest and is the reference of the tests.
//!
//! Every argument is validated here before burn or the direct path sees it: burn panics on inconsistent shapes,
//! and a panic inside WebAssembly kills the module.

use burn::tensor::Tensor;
use burn::tensor::module;
use burn::tensor::ops::ConvOptions;

use crate::backend::{Backend, download, upload};
use crate::error::{Code, ParamError, Result};
use crate::ops::direct::{self, ConvGeometry, Route};
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
        Self::read_shared(op, opts)
    }

    /// The options convolutions and transposed convolutions share (the caller has checked the
    /// keys): the parameters and the bias.
    pub(crate) fn read_shared(
        op: &'static str,
        opts: &RawOptions,
    ) -> Result<(Self, Option<Vec<f32>>), ParamError> {
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

/// Checked shapes of one convolution or transposed convolution call.
pub(crate) struct ConvShapes<const N: usize> {
    pub channels: usize,
    pub out_channels: usize,
    pub input: [usize; N],
    pub kernel: [usize; N],
    pub output: [usize; N],
}

impl<const N: usize> ConvShapes<N> {
    /// Shapes of `channels` → `out_channels` with every spatial extent still 0 (filled by
    /// the checks, axis by axis).
    pub(crate) fn new(channels: usize, out_channels: usize) -> Self {
        Self {
            channels,
            out_channels,
            input: [0; N],
            kernel: [0; N],
            output: [0; N],
        }
    }

    /// The output's shape: `[O, …output]`.
    pub(crate) fn out_shape(&self) -> Vec<usize> {
        let mut shape = vec![self.out_channels];
        shape.extend_from_slice(&self.output);
        shape
    }

    /// Taps of one kernel: the product of its spatial extents.
    pub(crate) fn kernel_taps(&self) -> u64 {
        self.kernel.iter().map(|&k| k as u64).product()
    }
}

/// Checks the ranks of an `N`-D (transposed) convolution's `input` (`[C, L]` or `[C, H, W]`)
/// and `weight` (`weight_layouts`: how messages name its axes in 1-D and in 2-D).
pub(crate) fn check_ranks<const N: usize>(
    op: &'static str,
    input: &HostTensor,
    weight: &HostTensor,
    weight_layouts: [&str; 2],
) -> Result<(), ParamError> {
    let in_layout = if N == 1 { "[C, L]" } else { "[C, H, W]" };
    input.check(op, "input", N + 1, in_layout)?;
    weight.check(op, "weight", N + 2, weight_layouts[N - 1])
}

/// Validates a convolution call and computes its output shape.
pub(crate) fn check_conv<const N: usize>(
    op: &'static str,
    input: &HostTensor,
    weight: &HostTensor,
    bias: Option<&[f32]>,
    p: &ConvParams<N>,
) -> Result<ConvShapes<N>, ParamError> {
    check_ranks::<N>(
        op,
        input,
        weight,
        ["[O, C/groups, K]", "[O, C/groups, KH, KW]"],
    )?;
    let channels = input.shape[0];
    let out_channels = weight.shape[0];
    let g = p.groups;
    check_groups_divide_input(op, g, channels)?;
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
    check_bias(op, bias, out_channels, &out_channels.to_string())?;
    let mut shapes = ConvShapes::new(channels, out_channels);
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
    let out_shape = shapes.out_shape();
    check_output_size(op, "input", &out_shape)?;
    let per_output = (channels / g) as u64 * shapes.kernel_taps();
    check_work(
        op,
        out_shape.iter().map(|&d| d as u64).product::<u64>() * per_output,
    )?;
    Ok(shapes)
}

/// Refuses `groups` that do not divide the input's `channels` (both kinds of convolution).
pub(crate) fn check_groups_divide_input(
    op: &'static str,
    g: usize,
    channels: usize,
) -> Result<(), ParamError> {
    if channels.is_multiple_of(g) {
        return Ok(());
    }
    Err(ParamError::new(
        op,
        "groups",
        format!("groups ({g}) must divide the input channels C = {channels}"),
    ))
}

/// Refuses a `bias` that has not one value per output channel; `described` says how the
/// message names that count (e.g. `6`, or `weight.shape[1]·groups = 6`).
pub(crate) fn check_bias(
    op: &'static str,
    bias: Option<&[f32]>,
    out_channels: usize,
    described: &str,
) -> Result<(), ParamError> {
    match bias {
        Some(b) if b.len() != out_channels => Err(ParamError::new(
            op,
            "bias",
            format!(
                "expected one value per output channel ({described}), got {}",
                b.len()
            ),
        )
        .with_code(Code::ShapeMismatch)
        .with_expected(out_channels)
        .with_got(b.len())),
        _ => Ok(()),
    }
}

/// Uploads one checked call's input with a batch axis (`[1, C, …]`), its kernel (`weight`
/// as it is) and bias, runs `op` on them and returns its output without the batch axis
/// (`[O, …output]`). Shared by the convolutions and the transposed convolutions.
///
/// # Shapes
/// - `input`: `[C, …]` (`D − 1` axes); `weight`: `D` axes; `bias`: `[O]`
/// - `op` maps `[1, C, …]` to `[1, O, …output]`
pub(crate) fn run_batched<const N: usize, const D: usize>(
    backend: Backend,
    input: &HostTensor,
    weight: &HostTensor,
    bias: Option<&[f32]>,
    shapes: &ConvShapes<N>,
    op: impl FnOnce(Tensor<D>, Tensor<D>, Option<Tensor<1>>) -> Tensor<D>,
) -> Result<HostTensor> {
    let device = backend.device();
    let batched: [usize; D] = std::array::from_fn(|i| if i == 0 { 1 } else { input.shape[i - 1] });
    let kernel: [usize; D] = std::array::from_fn(|i| weight.shape[i]);
    let x = upload(&input.data, batched, &device);
    let k = upload(&weight.data, kernel, &device);
    let b = bias.map(|b| upload(b, [b.len()], &device)); // [o]
    Ok(HostTensor::new(download(op(x, k, b))?, shapes.out_shape()))
}

/// `t` with an axis of length 1 inserted before its last one: a 1-D call's input `[C, L]` or
/// weight `[A, B, K]` as the 2-D call on an image of height 1 (`[C, 1, L]`, `[A, B, 1, K]`).
pub(crate) fn height_one(t: &HostTensor) -> HostTensor {
    let mut shape = t.shape.clone();
    shape.insert(shape.len().saturating_sub(1), 1);
    HostTensor::new(t.data.clone(), shape)
}

/// A 2-D call's output on an image of height 1 (`[O, 1, OL]`) as the 1-D output `[O, OL]`.
pub(crate) fn drop_height(mut t: HostTensor) -> HostTensor {
    if t.shape.len() == 3 {
        t.shape.remove(1);
    }
    t
}

/// 2-D convolution of one image, as `torch.nn.functional.conv2d`: small problems on the
/// direct path ([`crate::ops::direct`]), the rest by burn.
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
    conv2d_on(Route::Auto, backend, (input, weight, bias), p)
}

/// [`conv2d`] on a chosen [`Route`] (the tests compare the routes): checks the call, then
/// runs it on the direct path or by burn.
///
/// # Shapes
/// As [`conv2d`]; `operands` are `(input, weight, bias)`.
pub fn conv2d_on(
    route: Route,
    backend: Backend,
    (input, weight, bias): (&HostTensor, &HostTensor, Option<&[f32]>),
    p: &ConvParams<2>,
) -> Result<HostTensor> {
    let s = check_conv("conv2d", input, weight, bias, p)?;
    let [c, h, w] = [s.channels, s.input[0], s.input[1]];
    let kernel = [s.out_channels, c / p.groups, s.kernel[0], s.kernel[1]];
    let g = ConvGeometry::new([c, h, w], kernel, *p)?;
    if route.takes_direct(|| direct::conv::pays(&g)) {
        let out = direct::conv2d(&input.data, &weight.data, bias, &g)?;
        return Ok(HostTensor::new(out, s.out_shape()));
    }
    let options = ConvOptions::new(p.stride, p.padding, p.dilation, p.groups);
    run_batched(backend, input, weight, bias, &s, |x, k, b| {
        module::conv2d(x, k, b, options) // [1, o, oh, ow]
    })
}

/// 1-D convolution of one sequence, as `torch.nn.functional.conv1d` (e.g. a 3-gram detector
/// sliding over word vectors, one channel per embedding dimension): the 2-D convolution of
/// an image of height 1.
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
    check_conv("conv1d", input, weight, bias, p)?; // messages about [C, L] and the length
    let p2 = ConvParams {
        stride: [1, p.stride[0]],
        padding: [0, p.padding[0]],
        dilation: [1, p.dilation[0]],
        groups: p.groups,
    };
    let operands = (&height_one(input), &height_one(weight), bias);
    Ok(drop_height(conv2d_on(Route::Auto, backend, operands, &p2)?))
}

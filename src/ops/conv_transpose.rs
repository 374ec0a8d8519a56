//! Transposed convolution ("deconvolution", learnable up-sampling) in 1-D and 2-D, by burn.
//!
//! Same numbers as `torch.nn.functional.conv_transpose1d` / `conv_transpose2d`: every input
//! value scatters a copy of the kernel, scaled by that value, into the output at stride `S`;
//! overlapping copies add up; then `P` cells are cropped from each border and `OP`
//! (`outputPadding`) cells added at the end. Output size per axis:
//! `(W − 1)·S − 2P + D(K−1) + OP + 1` (see [`crate::ops::shape`]).

use burn::tensor::module;
use burn::tensor::ops::ConvTransposeOptions;

use crate::backend::Backend;
use crate::error::{Code, ParamError, Result};
use crate::ops::conv::{
    ConvParams, ConvShapes, axis_name, check_bias, check_groups_divide_input, check_ranks,
    drop_height, height_one, run_batched,
};
use crate::ops::shape::{AxisParams, conv_transpose_len};
use crate::params::RawOptions;
use crate::tensor::{HostTensor, check_output_size, check_work};

/// Hyperparameters of an `N`-D transposed convolution, one entry per spatial axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConvTransposeParams<const N: usize> {
    pub stride: [usize; N],
    pub padding: [usize; N],
    pub output_padding: [usize; N],
    pub dilation: [usize; N],
    pub groups: usize,
}

impl<const N: usize> Default for ConvTransposeParams<N> {
    fn default() -> Self {
        Self {
            stride: [1; N],
            padding: [0; N],
            output_padding: [0; N],
            dilation: [1; N],
            groups: 1,
        }
    }
}

impl<const N: usize> ConvTransposeParams<N> {
    /// Option keys the transposed convolutions accept from JS.
    pub const OPTION_KEYS: &'static [&'static str] = &[
        "bias",
        "stride",
        "padding",
        "outputPadding",
        "dilation",
        "groups",
    ];

    /// Reads `{bias?, stride?, padding?, outputPadding?, dilation?, groups?}` (defaults: no
    /// bias, 1, 0, 0, 1, 1).
    pub fn from_options(
        op: &'static str,
        opts: &RawOptions,
    ) -> Result<(Self, Option<Vec<f32>>), ParamError> {
        opts.check_known(op, Self::OPTION_KEYS)?;
        let (conv, bias) = ConvParams::<N>::read_shared(op, opts)?;
        let params = Self {
            output_padding: opts.axes(op, "outputPadding", [0; N], 0)?,
            stride: conv.stride,
            padding: conv.padding,
            dilation: conv.dilation,
            groups: conv.groups,
        };
        Ok((params, bias))
    }

    /// The parameters of spatial axis `i` for a kernel `kernel` taps wide.
    pub fn axis(&self, i: usize, kernel: usize) -> AxisParams {
        AxisParams {
            output_padding: self.output_padding[i],
            ..AxisParams::new(kernel, self.stride[i], self.padding[i], self.dilation[i])
        }
    }
}

impl ConvTransposeParams<1> {
    /// The same settings for the 2-D op on an image of height 1 (the length is the width).
    fn on_height_one(&self) -> ConvTransposeParams<2> {
        ConvTransposeParams {
            stride: [1, self.stride[0]],
            padding: [0, self.padding[0]],
            output_padding: [0, self.output_padding[0]],
            dilation: [1, self.dilation[0]],
            groups: self.groups,
        }
    }
}

fn check_transpose<const N: usize>(
    op: &'static str,
    input: &HostTensor,
    weight: &HostTensor,
    bias: Option<&[f32]>,
    p: &ConvTransposeParams<N>,
) -> Result<ConvShapes<N>, ParamError> {
    check_ranks::<N>(
        op,
        input,
        weight,
        ["[C, O/groups, K]", "[C, O/groups, KH, KW]"],
    )?;
    let channels = input.shape[0];
    let g = p.groups;
    if weight.shape[0] != channels {
        return Err(ParamError::new(
            op,
            "weight",
            format!(
                "expected weight.shape[0] = C = {channels} (the input's channels), got {}",
                weight.shape[0]
            ),
        )
        .with_code(Code::ShapeMismatch)
        .with_expected(channels)
        .with_got(weight.shape[0]));
    }
    check_groups_divide_input(op, g, channels)?;
    let out_channels = weight.shape[1] * g;
    check_bias(
        op,
        bias,
        out_channels,
        &format!("weight.shape[1]·groups = {out_channels}"),
    )?;
    let mut shapes = ConvShapes::new(channels, out_channels);
    for i in 0..N {
        let (len, k) = (input.shape[1 + i], weight.shape[2 + i]);
        let axis = p.axis(i, k);
        // PyTorch's rule: the extra cells must fall inside one stride (or dilation) step.
        if axis.output_padding >= axis.stride && axis.output_padding >= axis.dilation {
            return Err(ParamError::new(
                op,
                "outputPadding",
                format!(
                    "must be smaller than the stride ({}) or the dilation ({}) along {}, got {}",
                    axis.stride,
                    axis.dilation,
                    axis_name(N, i),
                    axis.output_padding
                ),
            ));
        }
        shapes.input[i] = len;
        shapes.kernel[i] = k;
        let out = conv_transpose_len(len, &axis).ok_or_else(|| {
            let full = (len as u64 - 1) * axis.stride as u64
                + axis.dilation as u64 * (k as u64 - 1)
                + axis.output_padding as u64
                + 1;
            ParamError::new(
                op,
                "padding",
                format!(
                    "cropping 2·{} = {} cells from the {full}-cell {} leaves an output smaller than 1",
                    axis.padding,
                    2 * axis.padding,
                    axis_name(N, i)
                ),
            )
        })?;
        shapes.output[i] = usize::try_from(out)
            .ok()
            .filter(|&n| n <= crate::tensor::MAX_ELEMENTS)
            .ok_or_else(|| {
                ParamError::new(
                    op,
                    "stride",
                    format!(
                        "the output would be {out} cells long along {}, more than the {} allowed",
                        axis_name(N, i),
                        crate::tensor::MAX_ELEMENTS
                    ),
                )
                .with_code(Code::TooLarge)
            })?;
    }
    check_output_size(op, "input", &shapes.out_shape())?;
    // Every input value scatters a (O/groups)·KH·KW kernel copy.
    let per_input = (out_channels / g) as u64 * shapes.kernel_taps();
    check_work(op, input.numel() as u64 * per_input)?;
    Ok(shapes)
}

/// 1-D transposed convolution of one sequence, as `torch.nn.functional.conv_transpose1d`:
/// the 2-D one of an image of height 1.
///
/// # Shapes
/// - `input`: `[C, L]`
/// - `weight`: `[C, O/groups, K]`
/// - `bias`: `[O]`
/// - returns `[O, OL]` with `OL = (L − 1)·S − 2P + D(K−1) + OP + 1`
pub fn conv_transpose1d(
    backend: Backend,
    input: &HostTensor,
    weight: &HostTensor,
    bias: Option<&[f32]>,
    p: &ConvTransposeParams<1>,
) -> Result<HostTensor> {
    let p2 = p.on_height_one();
    check_transpose("convTranspose1d", input, weight, bias, p)?; // messages about [C, L]
    let (x, w) = (height_one(input), height_one(weight));
    Ok(drop_height(conv_transpose2d(backend, &x, &w, bias, &p2)?))
}

/// 2-D transposed convolution of one image, as `torch.nn.functional.conv_transpose2d`.
///
/// # Shapes
/// - `input`: `[C, H, W]`
/// - `weight`: `[C, O/groups, KH, KW]`
/// - `bias`: `[O]`
/// - returns `[O, OH, OW]` with `OH = (H − 1)·S − 2P + D(KH−1) + OP + 1` (likewise `OW`)
pub fn conv_transpose2d(
    backend: Backend,
    input: &HostTensor,
    weight: &HostTensor,
    bias: Option<&[f32]>,
    p: &ConvTransposeParams<2>,
) -> Result<HostTensor> {
    let s = check_transpose("convTranspose2d", input, weight, bias, p)?;
    let options =
        ConvTransposeOptions::new(p.stride, p.padding, p.output_padding, p.dilation, p.groups);
    run_batched(backend, input, weight, bias, &s, |x, k, b| {
        module::conv_transpose2d(x, k, b, options) // [1, o, oh, ow]
    })
}

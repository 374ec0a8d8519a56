//! One output value of a convolution or pooling, opened up: the window it reads, the kernel,
//! the element-wise products, the partial sum per input channel, the total, the bias and the
//! pre-activation `z` (or, for pooling, the window and what it keeps).
//!
//! The same rule serves the student page (LeNet-5's units, see
//! [`crate::lenet::Network::explain_unit`]) and the playground (`explainConv2d`), for any
//! stride, padding, dilation and groups. Cells of the window that fall in the zero padding
//! are shown as 0. Sums are accumulated in `f64` and rounded once, so they agree with burn's
//! result to within float rounding.

use super::conv::{ConvParams, check_conv};
use super::direct::pool::max_propagating_nan;
use super::pool::{PoolMode, PoolParams, check_pool};
use super::receptive_field::{Region, Span};
use crate::error::{ParamError, Result};
use crate::tensor::HostTensor;

/// The terms of one input channel: `window · kernel`, element-wise, and their sum.
#[derive(Debug, Clone, PartialEq)]
pub struct ChannelTerms {
    /// The input channel.
    pub index: usize,
    /// `[KH·KW]` input values under the kernel, row-major (0 in the padding).
    pub window: Vec<f32>,
    /// `[KH·KW]` weights.
    pub kernel: Vec<f32>,
    /// `[KH·KW]` `window[i] · kernel[i]`.
    pub products: Vec<f32>,
    /// Σ products.
    pub partial: f32,
}

/// One output value of a convolution, term by term.
#[derive(Debug, Clone, PartialEq)]
pub struct ConvUnit {
    /// Rows and columns of the input the (dilated) kernel spans, unclipped: they can reach into
    /// the padding (negative, or past the input's size).
    pub region: Region,
    pub kh: usize,
    pub kw: usize,
    /// The input channels this output channel reads (its group's).
    pub channels: Vec<ChannelTerms>,
    /// Σ partial.
    pub sum: f32,
    pub bias: f32,
    /// `sum + bias`: the pre-activation.
    pub z: f32,
}

/// One output value of a pooling.
#[derive(Debug, Clone, PartialEq)]
pub struct PoolUnit {
    pub region: Region,
    pub kh: usize,
    pub kw: usize,
    /// `[KH·KW]` values of the window, row-major (0 in the padding, which max pooling skips).
    pub window: Vec<f32>,
    pub mode: PoolMode,
    /// The window's maximum, or its sum over `KH·KW` (padding included, as PyTorch).
    pub pooled: f32,
}

/// A weighted sum of a flat input: inputs, weights, products, their sum, the bias and `z`.
#[derive(Debug, Clone, PartialEq)]
pub struct DotTerms {
    pub products: Vec<f32>,
    pub sum: f32,
    pub bias: f32,
    pub z: f32,
}

/// `a[i] · b[i]` and their sum (accumulated in `f64`).
fn products(a: &[f32], b: &[f32]) -> (Vec<f32>, f64) {
    let products: Vec<f32> = a.iter().zip(b).map(|(x, w)| x * w).collect();
    let sum = a
        .iter()
        .zip(b)
        .map(|(&x, &w)| f64::from(x) * f64::from(w))
        .sum();
    (products, sum)
}

/// `inputs · weights + bias`, term by term (a dense unit).
pub fn explain_dot(inputs: &[f32], weights: &[f32], bias: f32) -> DotTerms {
    let (products, sum) = products(inputs, weights);
    DotTerms {
        products,
        sum: sum as f32,
        bias,
        z: (sum + f64::from(bias)) as f32,
    }
}

/// Checks that output unit `(c, y, x)` exists in an output of `[C, H, W]`.
fn check_unit(
    op: &'static str,
    [c, y, x]: [usize; 3],
    [oc, oh, ow]: [usize; 3],
) -> Result<(), ParamError> {
    let bad = |param: &str, what: &str, n: usize, v: usize| {
        Err(ParamError::new(
            op,
            param,
            format!("the output has {what} 0..{n}, got {v}"),
        ))
    };
    if c >= oc {
        return bad("c", "channels", oc, c);
    }
    if y >= oh {
        return bad("y", "rows", oh, y);
    }
    if x >= ow {
        return bad("x", "columns", ow, x);
    }
    Ok(())
}

/// The input rows or columns `start + k·step` for `k < n` (step = dilation), with their span.
fn taps(out: usize, stride: usize, padding: usize, dilation: usize, n: usize) -> (Span, Vec<i64>) {
    let start = (out * stride) as i64 - padding as i64;
    let at: Vec<i64> = (0..n).map(|k| start + (k * dilation) as i64).collect();
    let end = at.last().map_or(start, |&l| l + 1);
    (Span { start, end }, at)
}

/// Values of channel `ch` of `input` (`[C, H, W]`) at rows `ys` × columns `xs`; `None` in
/// the padding.
fn gather(input: &HostTensor, ch: usize, ys: &[i64], xs: &[i64]) -> Vec<Option<f32>> {
    let (h, w) = (input.shape[1] as i64, input.shape[2] as i64);
    ys.iter()
        .flat_map(|&y| xs.iter().map(move |&x| (y, x)))
        .map(|(y, x)| {
            ((0..h).contains(&y) && (0..w).contains(&x))
                .then(|| input.data[(ch * h as usize + y as usize) * w as usize + x as usize])
        })
        .collect()
}

/// Output value `(c, y, x)` of `conv2d(input, weight, {bias, …p})`, term by term.
///
/// # Shapes
/// - `input`: `[C, H, W]`; `weight`: `[O, C/groups, KH, KW]`; `bias`: `[O]`
/// - `unit`: `[c, y, x]` with `c < O`, `(y, x)` inside the `[OH, OW]` output
pub fn explain_conv2d(
    op: &'static str,
    input: &HostTensor,
    weight: &HostTensor,
    bias: Option<&[f32]>,
    p: &ConvParams<2>,
    unit: [usize; 3],
) -> Result<ConvUnit> {
    let s = check_conv(op, input, weight, bias, p)?;
    check_unit(op, unit, [s.out_channels, s.output[0], s.output[1]])?;
    let [c, y, x] = unit;
    let [kh, kw] = s.kernel;
    let (ry, ys) = taps(y, p.stride[0], p.padding[0], p.dilation[0], kh);
    let (rx, xs) = taps(x, p.stride[1], p.padding[1], p.dilation[1], kw);
    let per_group = s.channels / p.groups;
    let group = c / (s.out_channels / p.groups);
    let k = kh * kw;
    let mut total = 0.0f64;
    let channels = (0..per_group)
        .map(|j| {
            let index = group * per_group + j;
            let window: Vec<f32> = gather(input, index, &ys, &xs)
                .into_iter()
                .map(|v| v.unwrap_or(0.0))
                .collect();
            let at = (c * per_group + j) * k;
            let kernel = weight.data[at..at + k].to_vec();
            let (products, partial) = products(&window, &kernel);
            total += partial;
            ChannelTerms {
                index,
                window,
                kernel,
                products,
                partial: partial as f32,
            }
        })
        .collect();
    let b = bias.map_or(0.0, |b| b[c]);
    Ok(ConvUnit {
        region: Region { y: ry, x: rx },
        kh,
        kw,
        channels,
        sum: total as f32,
        bias: b,
        z: (total + f64::from(b)) as f32,
    })
}

/// Output value `(c, y, x)` of `pool2d(input, p)`, with its window.
///
/// # Shapes
/// - `input`: `[C, H, W]`; `unit`: `[c, y, x]` inside the `[C, OH, OW]` output
pub fn explain_pool2d(
    op: &'static str,
    input: &HostTensor,
    p: &PoolParams,
    unit: [usize; 3],
) -> Result<PoolUnit> {
    let [oh, ow] = check_pool(op, input, p)?;
    check_unit(op, unit, [input.shape[0], oh, ow])?;
    let [c, y, x] = unit;
    let [kh, kw] = p.kernel;
    let (ry, ys) = taps(y, p.stride[0], p.padding[0], 1, kh);
    let (rx, xs) = taps(x, p.stride[1], p.padding[1], 1, kw);
    let cells = gather(input, c, &ys, &xs);
    let pooled = match p.mode {
        // At most half the kernel is padding, so every window holds a real value. A NaN in
        // the window makes the maximum NaN: the step `pool2d` folds with.
        PoolMode::Max => cells
            .iter()
            .flatten()
            .copied()
            .fold(f32::NEG_INFINITY, max_propagating_nan),
        PoolMode::Avg => {
            let sum: f64 = cells.iter().flatten().map(|&v| f64::from(v)).sum();
            (sum / (kh * kw) as f64) as f32
        }
    };
    Ok(PoolUnit {
        region: Region { y: ry, x: rx },
        kh,
        kw,
        window: cells.into_iter().map(|v| v.unwrap_or(0.0)).collect(),
        mode: p.mode,
        pooled,
    })
}

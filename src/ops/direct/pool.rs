//! 2-D max and average pooling of one image in plain loops (PyTorch's `max_pool2d` /
//! `avg_pool2d` with `ceil_mode=False`, `count_include_pad=True`).

use crate::error::{Error, Result};
use crate::ops::pool::{PoolMode, PoolParams};
use crate::ops::shape::{AxisParams, conv_len};

/// The largest pooling (window taps) sent to the direct path by [`pays`]: every pooling the
/// ops accept ([`crate::tensor::MAX_MACS`]), since the plain loops were faster than burn-flex
/// at every size measured (docs/performance.md, "The ops on the direct path").
pub const MAX_DIRECT_TAPS: u64 = crate::tensor::MAX_MACS;

/// The checked geometry of one pooling of one image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolGeometry {
    pub params: PoolParams,
    /// Input `[C, H, W]`.
    pub input: [usize; 3],
    /// `[OH, OW]`, `⌊(H + 2P − K)/S⌋ + 1`.
    pub output: [usize; 2],
}

impl PoolGeometry {
    /// Checks a pooling's settings on an input `[C, H, W]` and computes its output size.
    pub fn new(params: PoolParams, input: [usize; 3]) -> Result<Self> {
        let PoolParams {
            kernel,
            stride,
            padding,
            ..
        } = params;
        let bad = |what: &str| Err(Error::Backend(format!("direct pool2d: {what}")));
        if input.contains(&0) || kernel.contains(&0) || stride.contains(&0) {
            return bad("every extent, kernel and stride must be >= 1");
        }
        let axis = |i: usize| {
            conv_len(
                input[1 + i],
                &AxisParams::new(kernel[i], stride[i], padding[i], 1),
            )
        };
        let (Some(oh), Some(ow)) = (axis(0), axis(1)) else {
            return bad("the window is larger than the padded input");
        };
        Ok(Self {
            params,
            input,
            output: [oh, ow],
        })
    }

    /// Window taps of the call: `C·OH·OW·KH·KW`.
    pub fn taps(&self) -> u64 {
        let [c, ..] = self.input;
        let [kh, kw] = self.params.kernel;
        (c * self.output[0] * self.output[1]) as u64 * (kh * kw) as u64
    }
}

/// Whether a pooling goes the direct way (see [`MAX_DIRECT_TAPS`]).
pub fn pays(g: &PoolGeometry) -> bool {
    g.taps() <= MAX_DIRECT_TAPS
}

/// The larger of `m` and `v`, NaN if either is NaN: max pooling's step (PyTorch's
/// `max_pool2d` propagates NaN; `f32::max` would skip it). Folded from `f32::NEG_INFINITY`.
pub fn max_propagating_nan(m: f32, v: f32) -> f32 {
    if v > m || v.is_nan() { v } else { m }
}

/// The window's rows (or columns) `lo..hi` inside `0..len` for output index `o`.
fn window(o: usize, k: usize, s: usize, p: usize, len: usize) -> (usize, usize) {
    let start = o * s;
    (start.max(p) - p, (start + k).min(len + p).saturating_sub(p))
}

/// Max or average pooling of every channel. Max treats padding as −∞ and propagates NaN; average
/// divides by `KH·KW` also where the window overlaps the padding.
///
/// # Shapes
/// - `x`: `[C, H, W]`; returns `[C, OH, OW]`
pub fn pool2d(x: &[f32], g: &PoolGeometry) -> Result<Vec<f32>> {
    let [c, h, w] = g.input;
    if x.len() != c * h * w {
        return Err(Error::Backend(
            "direct pool2d: the buffer does not match the shape".into(),
        ));
    }
    let p = &g.params;
    let ([kh, kw], [sh, sw], [ph, pw]) = (p.kernel, p.stride, p.padding);
    let [oh, ow] = g.output;
    let count = (kh * kw) as f32;
    let mut out = Vec::with_capacity(c * oh * ow);
    for plane in x.chunks_exact(h * w) {
        for oy in 0..oh {
            let (y0, y1) = window(oy, kh, sh, ph, h);
            let rows = &plane[y0 * w..y1.max(y0) * w];
            for ox in 0..ow {
                let (x0, x1) = window(ox, kw, sw, pw, w);
                let taps = rows.chunks_exact(w).flat_map(|r| &r[x0..x1.max(x0)]);
                out.push(match p.mode {
                    PoolMode::Avg => taps.sum::<f32>() / count,
                    PoolMode::Max => taps.copied().fold(f32::NEG_INFINITY, max_propagating_nan),
                });
            }
        }
    }
    Ok(out)
}

//! 2-D convolution of one image (PyTorch's `conv2d`: stride, zero padding, dilation, groups)
//! as im2col and a matrix product with the bias fused, in plain loops.

use super::{BLOCK, ROWS, dot};
use crate::error::{Error, Result};
use crate::ops::conv::ConvParams;
use crate::ops::shape::{AxisParams, conv_len};

/// The largest problem (multiply-accumulates) sent to the direct path by [`pays`]; above it
/// burn-flex's gemm is as fast or faster, and its cost per call is small beside the work.
/// Measured in docs/performance.md ("The ops on the direct path").
pub const MAX_DIRECT_MACS: u64 = 1 << 22;

/// The largest im2col buffer (floats) the direct path allocates: 16 MiB.
pub const MAX_DIRECT_COLUMN: u64 = 1 << 22;

/// The checked geometry of one 2-D convolution of one image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConvGeometry {
    /// Input `[C, H, W]`.
    pub input: [usize; 3],
    /// Weight `[O, C/groups, KH, KW]`.
    pub weight: [usize; 4],
    pub params: ConvParams<2>,
    /// `[OH, OW]`, PyTorch's `⌊(H + 2P − D(K−1) − 1)/S⌋ + 1`.
    pub output: [usize; 2],
}

impl ConvGeometry {
    /// Checks a convolution's shapes and settings and computes its output size.
    ///
    /// # Shapes
    /// - `input`: `[C, H, W]`; `weight`: `[O, C/groups, KH, KW]`
    pub fn new(input: [usize; 3], weight: [usize; 4], params: ConvParams<2>) -> Result<Self> {
        let ConvParams {
            stride,
            padding,
            dilation,
            groups,
        } = params;
        let bad = |what: &str| Err(Error::Backend(format!("direct conv2d: {what}")));
        let [c, h, w] = input;
        let [o, cg, kh, kw] = weight;
        let positive = [c, h, w, o, cg, kh, kw, groups];
        if positive.contains(&0) || stride.contains(&0) || dilation.contains(&0) {
            return bad("every extent, stride, dilation and groups must be >= 1");
        }
        if c % groups != 0 || o % groups != 0 || cg != c / groups {
            return bad("the channels do not split into the groups");
        }
        let axis = |i: usize, len: usize, k: usize| {
            conv_len(len, &AxisParams::new(k, stride[i], padding[i], dilation[i]))
        };
        let (Some(oh), Some(ow)) = (axis(0, h, kh), axis(1, w, kw)) else {
            return bad("the dilated kernel is larger than the padded input");
        };
        Ok(Self {
            input,
            weight,
            params,
            output: [oh, ow],
        })
    }

    /// A valid (no padding), stride-1, undilated, ungrouped convolution: LeNet-5's layers.
    pub fn valid(input: [usize; 3], weight: [usize; 4]) -> Result<Self> {
        Self::new(input, weight, ConvParams::default())
    }

    /// Multiply-accumulates of the call: `O·OH·OW·(C/groups)·KH·KW`.
    pub fn macs(&self) -> u64 {
        self.out_numel() as u64 * self.depth() as u64
    }

    /// Values of the output `[O, OH, OW]`.
    pub fn out_numel(&self) -> usize {
        self.weight[0] * self.output[0] * self.output[1]
    }

    /// Rows of one group's im2col matrix: `(C/groups)·KH·KW`.
    fn depth(&self) -> usize {
        self.weight[1] * self.weight[2] * self.weight[3]
    }

    /// Whether im2col is the input itself (1×1 kernel, stride 1, no padding).
    fn is_pointwise(&self) -> bool {
        let p = &self.params;
        self.weight[2..] == [1, 1] && p.stride == [1, 1] && p.padding == [0, 0]
    }
}

/// Whether a convolution is small enough that the direct path is faster than burn's (whose
/// set-up costs tens of µs per call) and its im2col buffer stays small.
pub fn pays(g: &ConvGeometry) -> bool {
    let column = g.depth() as u64 * (g.output[0] * g.output[1]) as u64;
    g.macs() <= MAX_DIRECT_MACS && column <= MAX_DIRECT_COLUMN
}

/// Convolution plus bias.
///
/// # Shapes
/// - `x`: `[C, H, W]`; `w`: `[O, C/groups, KH, KW]`; `bias`: `[O]`
/// - returns `[O, OH, OW]` (see [`ConvGeometry::output`])
pub fn conv2d(x: &[f32], w: &[f32], bias: Option<&[f32]>, g: &ConvGeometry) -> Result<Vec<f32>> {
    let [c, h, wd] = g.input;
    let [o, ..] = g.weight;
    let depth = g.depth();
    if x.len() != c * h * wd || w.len() != o * depth || bias.is_some_and(|b| b.len() != o) {
        return Err(Error::Backend(
            "direct conv2d: buffers do not match the shapes".into(),
        ));
    }
    let n = g.output[0] * g.output[1];
    let (cg, og) = (c / g.params.groups, o / g.params.groups);
    let zeros = vec![0.0f32; if bias.is_none() { o } else { 0 }];
    let bias = bias.unwrap_or(&zeros);
    let mut out = vec![0.0f32; o * n];
    let mut col = if g.is_pointwise() {
        Vec::new()
    } else {
        vec![0.0f32; depth * n]
    };
    let groups = x
        .chunks_exact(cg * h * wd)
        .zip(w.chunks_exact(og * depth))
        .zip(bias.chunks_exact(og))
        .zip(out.chunks_exact_mut(og * n));
    for (((xg, wg), bg), dst) in groups {
        let col: &[f32] = if g.is_pointwise() {
            xg
        } else {
            im2col(xg, g, &mut col);
            &col
        };
        if n == 1 {
            // One output position (a kernel covering the input, a dense layer): dot products.
            for ((wo, b), d) in wg.chunks_exact(depth).zip(bg).zip(dst.iter_mut()) {
                *d = dot(wo, col) + b;
            }
        } else {
            matmul_bias(wg, bg, col, depth, n, dst);
        }
    }
    Ok(out)
}

/// The output columns `lo..hi` whose input column `x·S + off − P` lies in `0..width`.
fn valid_columns(
    off: usize,
    stride: usize,
    pad: usize,
    width: usize,
    out: usize,
) -> (usize, usize) {
    let lo = if off >= pad {
        0
    } else {
        (pad - off).div_ceil(stride)
    };
    let hi = if width + pad <= off {
        0
    } else {
        (width - 1 + pad - off) / stride + 1
    };
    let hi = hi.min(out);
    (lo.min(hi), hi)
}

/// `col[(c·KH + ky)·KW + kx][y·OW + x] = x[c][y·S − P + ky·D][x·S − P + kx·D]` (0 outside).
///
/// # Shapes
/// - `xg`: `[C/groups, H, W]`; `col`: `[(C/groups)·KH·KW, OH·OW]`
pub(crate) fn im2col(xg: &[f32], g: &ConvGeometry, col: &mut [f32]) {
    let [_, h, w] = g.input;
    let [_, _, kh, kw] = g.weight;
    let p = &g.params;
    let ([sh, sw], [ph, pw], [dh, dw]) = (p.stride, p.padding, p.dilation);
    let [_, ow] = g.output;
    let n = g.output[0] * ow;
    for (d, row) in col.chunks_exact_mut(n).enumerate() {
        let (ci, ky, kx) = (d / (kh * kw), d / kw % kh, d % kw);
        let plane = &xg[ci * h * w..(ci + 1) * h * w];
        let (lo, hi) = valid_columns(kx * dw, sw, pw, w, ow);
        for (oy, dst) in row.chunks_exact_mut(ow).enumerate() {
            let iy = (oy * sh + ky * dh).wrapping_sub(ph);
            if iy >= h {
                dst.fill(0.0); // above or below the image: zero padding
                continue;
            }
            dst[..lo].fill(0.0);
            dst[hi..].fill(0.0);
            if lo == hi {
                continue;
            }
            let src = &plane[iy * w..(iy + 1) * w];
            let x0 = lo * sw + kx * dw - pw;
            if sw == 1 {
                dst[lo..hi].copy_from_slice(&src[x0..x0 + (hi - lo)]);
            } else {
                for (d, s) in dst[lo..hi].iter_mut().zip(src[x0..].iter().step_by(sw)) {
                    *d = *s;
                }
            }
        }
    }
}

/// `out[o][j] = b[o] + Σ_d w[o][d]·col[d][j]` for one group, [`ROWS`] output channels at a
/// time.
///
/// # Shapes
/// - `w`: `[O', depth]`; `b`: `[O']`; `col`: `[depth, n]`; `out`: `[O', n]`
pub(crate) fn matmul_bias(
    w: &[f32],
    b: &[f32],
    col: &[f32],
    depth: usize,
    n: usize,
    out: &mut [f32],
) {
    let mut rows = w
        .chunks_exact(ROWS * depth)
        .zip(b.chunks_exact(ROWS))
        .zip(out.chunks_exact_mut(ROWS * n));
    for ((w, b), dst) in rows.by_ref() {
        rows_times_col::<ROWS>(w, b, col, dst);
    }
    let done = (w.len() / depth) / ROWS * ROWS;
    let rest = w[done * depth..]
        .chunks_exact(depth)
        .zip(&b[done..])
        .zip(out[done * n..].chunks_exact_mut(n));
    for ((w, b), dst) in rest {
        rows_times_col::<1>(w, std::slice::from_ref(b), col, dst);
    }
}

/// `R` output channels of [`matmul_bias`], in blocks of [`BLOCK`] columns.
///
/// # Shapes
/// - `w`: `[R, depth]`; `b`: `[R]`; `col`: `[depth, n]`; `out`: `[R, n]`
#[inline(always)]
fn rows_times_col<const R: usize>(w: &[f32], b: &[f32], col: &[f32], out: &mut [f32]) {
    let (depth, n) = (w.len() / R, out.len() / R);
    // The R weights of each row of `col` side by side: `[depth, R]`.
    let mut wt = vec![0.0f32; depth * R];
    for (r, wr) in w.chunks_exact(depth).enumerate() {
        for (t, &v) in wt[r..].iter_mut().step_by(R).zip(wr) {
            *t = v;
        }
    }
    let full = n / BLOCK * BLOCK;
    for n0 in (0..full).step_by(BLOCK) {
        let mut acc = [[0.0f32; BLOCK]; R];
        for (wv, row) in wt.chunks_exact(R).zip(col.chunks_exact(n)) {
            // Fixed-size copies: constant trip counts keep `acc` in (simd) registers.
            let wv: [f32; R] = std::array::from_fn(|r| wv[r]);
            let block: [f32; BLOCK] = std::array::from_fn(|l| row[n0 + l]);
            for r in 0..R {
                for l in 0..BLOCK {
                    acc[r][l] += wv[r] * block[l];
                }
            }
        }
        store(&acc, b, n0, BLOCK, n, out);
    }
    if full < n {
        let len = n - full;
        let mut acc = [[0.0f32; BLOCK]; R];
        for (wv, row) in wt.chunks_exact(R).zip(col.chunks_exact(n)) {
            for (a, &wv) in acc.iter_mut().zip(wv) {
                for (a, s) in a.iter_mut().zip(&row[full..]) {
                    *a += wv * s;
                }
            }
        }
        store(&acc, b, full, len, n, out);
    }
}

/// Writes `len` lanes of each accumulator row plus its bias at column `n0` of `out` `[R, n]`.
#[inline(always)]
fn store<const R: usize>(
    acc: &[[f32; BLOCK]; R],
    b: &[f32],
    n0: usize,
    len: usize,
    n: usize,
    out: &mut [f32],
) {
    for ((a, b), dst) in acc.iter().zip(b).zip(out.chunks_exact_mut(n)) {
        for (d, a) in dst[n0..n0 + len].iter_mut().zip(a) {
            *d = a + b;
        }
    }
}

//! The host loops behind training's custom operations ([`super::custom_ops`]): tanh, 2×2
//! stride-2 average pooling and a valid stride-1 convolution, forward and backward, on
//! row-major f32 buffers. Plain loops over slices that rustc vectorises with simd128; the
//! convolution reuses the direct kernels of [`crate::ops::direct::conv`] (im2col and a small
//! matrix product with the bias fused).
//!
//! Every function trusts only the dimensions it is given: buffers of another length give an
//! output of the right length (zeros where the input was short) instead of a panic; the
//! callers check the lengths beforehand.

use crate::lenet::direct::tanh as tanh_one;
use crate::ops::direct::conv::{ConvGeometry, im2col, matmul_bias};

/// `tanh(x)` elementwise (the branch-free rational function of the direct path, within 5e-7
/// of the exact value).
pub fn tanh(x: &[f32]) -> Vec<f32> {
    x.iter().map(|&v| tanh_one(v)).collect()
}

/// tanh's backward pass from its output: `g · (1 − y²)`.
pub fn tanh_backward(y: &[f32], g: &[f32]) -> Vec<f32> {
    y.iter().zip(g).map(|(&y, &g)| g * (1.0 - y * y)).collect()
}

/// Calls `row(at, o)` for each output row of 2×2 pooling on `planes` planes of `h × w`: `at`
/// indexes its pair of input rows (in `[planes, h, w]`), `o` its first output (in
/// `[planes, h/2, w/2]`).
#[inline(always)]
fn for_each_row_pair(planes: usize, h: usize, w: usize, mut row: impl FnMut(usize, usize)) {
    let (oh, ow) = (h / 2, w / 2);
    for p in 0..planes {
        for y in 0..oh {
            row(p * h * w + 2 * y * w, (p * oh + y) * ow);
        }
    }
}

/// 2×2 average pooling with stride 2 on `planes` planes of `h × w` (h, w even).
///
/// # Shapes
/// - `x`: `[planes, h, w]`; returns `[planes, h/2, w/2]`
pub fn avg_pool(x: &[f32], planes: usize, h: usize, w: usize) -> Vec<f32> {
    let ow = w / 2;
    let mut out = vec![0.0f32; planes * (h / 2) * ow];
    for_each_row_pair(planes, h, w, |at, o| {
        let (r0, r1) = x[at..at + 2 * w].split_at(w);
        let cells = r0.chunks_exact(2).zip(r1.chunks_exact(2));
        for (d, (a, b)) in out[o..o + ow].iter_mut().zip(cells) {
            *d = ((a[0] + a[1]) + (b[0] + b[1])) * 0.25;
        }
    });
    out
}

/// The backward pass of [`avg_pool`]: each output gradient spread as a quarter over its 2×2
/// window.
///
/// # Shapes
/// - `g`: `[planes, h/2, w/2]`; returns `[planes, h, w]`
pub fn avg_pool_backward(g: &[f32], planes: usize, h: usize, w: usize) -> Vec<f32> {
    let ow = w / 2;
    let mut out = vec![0.0f32; planes * h * w];
    for_each_row_pair(planes, h, w, |at, o| {
        let (r0, r1) = out[at..at + 2 * w].split_at_mut(w);
        let cells = r0.chunks_exact_mut(2).zip(r1.chunks_exact_mut(2));
        for (&g, (a, b)) in g[o..o + ow].iter().zip(cells) {
            let q = g * 0.25;
            (a[0], a[1], b[0], b[1]) = (q, q, q, q);
        }
    });
    out
}

/// A batch of valid, stride-1 convolutions with bias, one im2col and matrix product per
/// image.
///
/// # Shapes
/// - `x`: `[b, C, H, W]` (`g.input` = `[C, H, W]`); `w`: `[O, C, K, K]`; `bias`: `[O]`
/// - returns `[b, O, OH, OW]`
pub fn conv_forward(x: &[f32], w: &[f32], bias: &[f32], b: usize, g: &ConvGeometry) -> Vec<f32> {
    let [c, h, wd] = g.input;
    let (o, depth, n) = dims(g);
    let mut out = vec![0.0f32; b * o * n];
    if w.len() != o * depth || bias.len() != o {
        return out;
    }
    let mut col = vec![0.0f32; depth * n];
    for (img, dst) in x.chunks_exact(c * h * wd).zip(out.chunks_exact_mut(o * n)) {
        im2col(img, g, &mut col);
        matmul_bias(w, bias, &col, depth, n, dst);
    }
    out
}

/// The input gradient of [`conv_forward`]: per image `Wᵀ · g` (the gradient of im2col's
/// columns) added back onto the pixels each column was cut from (col2im).
///
/// # Shapes
/// - `w`: `[O, C, K, K]`; `grad`: `[b, O, OH, OW]`; returns `[b, C, H, W]`
pub fn conv_input_grad(w: &[f32], grad: &[f32], b: usize, g: &ConvGeometry) -> Vec<f32> {
    let [c, h, wd] = g.input;
    let [_, _, kh, kw] = g.weight;
    let [_, ow] = g.output;
    let (o, depth, n) = dims(g);
    let mut out = vec![0.0f32; b * c * h * wd];
    if w.len() != o * depth || ow == 0 {
        return out;
    }
    // Wᵀ: `[depth, O]`.
    let mut wt = vec![0.0f32; depth * o];
    for (oi, row) in w.chunks_exact(depth).enumerate() {
        for (d, &v) in row.iter().enumerate() {
            wt[d * o + oi] = v;
        }
    }
    let zeros = vec![0.0f32; depth];
    let mut dcol = vec![0.0f32; depth * n];
    for (gi, dx) in grad
        .chunks_exact(o * n)
        .zip(out.chunks_exact_mut(c * h * wd))
    {
        matmul_bias(&wt, &zeros, gi, o, n, &mut dcol);
        for (d, row) in dcol.chunks_exact(n).enumerate() {
            let (ci, ky, kx) = (d / (kh * kw), d / kw % kh, d % kw);
            let plane = &mut dx[ci * h * wd..(ci + 1) * h * wd];
            for (oy, src) in row.chunks_exact(ow).enumerate() {
                let start = (oy + ky) * wd + kx;
                for (p, s) in plane[start..start + ow].iter_mut().zip(src) {
                    *p += s;
                }
            }
        }
    }
    out
}

/// The weight and bias gradients of [`conv_forward`]: `Σ_images g · colsᵀ` and the sums of
/// `g` over images and positions.
///
/// # Shapes
/// - `x`: `[b, C, H, W]`; `grad`: `[b, O, OH, OW]`; returns (`[O, C, K, K]`, `[O]`)
pub fn conv_param_grads(
    x: &[f32],
    grad: &[f32],
    b: usize,
    g: &ConvGeometry,
) -> (Vec<f32>, Vec<f32>) {
    let [c, h, wd] = g.input;
    let (o, depth, n) = dims(g);
    let mut dbias = vec![0.0f32; o];
    // Accumulated transposed, `[depth, O]`: cols `[depth, n]` · gᵀ `[n, O]` per image.
    let mut dwt = vec![0.0f32; depth * o];
    let (mut col, mut gt, mut part) = (
        vec![0.0f32; depth * n],
        vec![0.0f32; n * o],
        vec![0.0f32; depth * o],
    );
    let zeros = vec![0.0f32; depth];
    let images = x
        .chunks_exact(c * h * wd)
        .zip(grad.chunks_exact(o * n))
        .take(b);
    for (img, gi) in images {
        for (oi, (row, db)) in gi.chunks_exact(n).zip(dbias.iter_mut()).enumerate() {
            *db += row.iter().sum::<f32>();
            for (j, &v) in row.iter().enumerate() {
                gt[j * o + oi] = v;
            }
        }
        im2col(img, g, &mut col);
        matmul_bias(&col, &zeros, &gt, n, o, &mut part);
        for (a, p) in dwt.iter_mut().zip(&part) {
            *a += p;
        }
    }
    let mut dw = vec![0.0f32; o * depth];
    for (d, row) in dwt.chunks_exact(o).enumerate() {
        for (oi, &v) in row.iter().enumerate() {
            dw[oi * depth + d] = v;
        }
    }
    (dw, dbias)
}

/// Output channels, im2col rows and output positions of `g`.
fn dims(g: &ConvGeometry) -> (usize, usize, usize) {
    let [o, cg, kh, kw] = g.weight;
    (o, cg * kh * kw, g.output[0] * g.output[1])
}

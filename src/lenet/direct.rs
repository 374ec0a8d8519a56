//! LeNet-5's forward pass for one image in plain loops over the trained weights: what the page
//! runs on every stroke.
//!
//! burn's forward ([`super::network::LeNet5::forward_trace`]) is the definition and stays the
//! reference (native tests compare the two on MNIST images); this path computes the same
//! layers without burn's per-operation cost (a tensor, an allocation and a dtype dispatch for
//! each of the ~20 operations, im2col + gemm set-up for channel counts of 1 and 6), which
//! dominates a network of 0.4 MFLOP (docs/performance.md). The convolutions and the pooling are
//! [`crate::ops::direct`]'s, the ones `conv2d` / `pool2d` run for small problems (im2col and
//! one small matrix product with the bias fused, in simd128 blocks); the dense layers and
//! the activations are here. The sums are added in a different order than burn's
//! (differences of a few float ulps); tanh is a rational approximation ([`tanh`]).

use super::layers::{LAYERS, LayerKind, PADDED_SIDE};
use super::network::Variant;
use super::tensors::{LayerParams, Tensors};
use crate::error::{Error, Result};
use crate::ops::direct::{self, ConvGeometry, PoolGeometry};
use crate::ops::pool::{PoolMode, PoolParams};

/// Every layer's values for one image, flat, `[C, H, W]` row-major.
#[derive(Debug, Clone, Default)]
pub struct DirectTrace {
    pub c1_pre: Vec<f32>, // [6, 28, 28]
    pub c1: Vec<f32>,
    pub s2: Vec<f32>,     // [6, 14, 14]
    pub c3_pre: Vec<f32>, // [16, 10, 10]
    pub c3: Vec<f32>,
    pub s4: Vec<f32>,     // [16, 5, 5]
    pub c5_pre: Vec<f32>, // [120]
    pub c5: Vec<f32>,
    pub f6_pre: Vec<f32>, // [84]
    pub f6: Vec<f32>,
    pub logits: Vec<f32>, // [10]
    pub probabilities: Vec<f32>,
}

/// The trained weights of one network, as [`Direct::trace`] reads them.
#[derive(Debug, Clone)]
pub struct Direct {
    variant: Variant,
    params: Tensors,
    /// Kernel (= stride) of S2 and S4.
    pool: [usize; 2],
}

impl Direct {
    /// The forward pass of `variant` with parameters `params` (checked: square, valid
    /// convolutions, dense layers whose bias matches).
    pub fn new(variant: Variant, params: Tensors) -> Result<Self> {
        // Each layer's kind in the layer table: a convolution's weight is [O, C, K, K], a dense
        // layer's [out, in].
        for (name, l) in params.layers() {
            let kind = LAYERS
                .iter()
                .find(|s| s.name.eq_ignore_ascii_case(name))
                .map(|s| s.kind);
            let ok = match (kind, l.shape.as_slice()) {
                (Some(LayerKind::Conv), &[o, _, kh, kw]) => kh == kw && l.bias.len() == o,
                (Some(LayerKind::Dense), &[_, out]) => l.bias.len() == out,
                _ => false,
            };
            if !ok || l.weight.len() != l.shape.iter().product::<usize>() {
                return Err(Error::Backend(format!(
                    "{name}: only square kernels, a bias per output, weights of their shape"
                )));
            }
        }
        Ok(Self {
            variant,
            params,
            pool: [LAYERS[2].kernel(), LAYERS[4].kernel()],
        })
    }

    pub fn variant(&self) -> Variant {
        self.variant
    }

    /// The parameters it computes with.
    pub fn params(&self) -> &Tensors {
        &self.params
    }

    fn activate(&self, pre: &[f32]) -> Vec<f32> {
        match self.variant {
            Variant::Classic => pre.iter().map(|&v| tanh(v)).collect(),
            Variant::Modern => pre.iter().map(|&v| if v > 0.0 { v } else { 0.0 }).collect(),
        }
    }

    /// One forward pass keeping every layer.
    ///
    /// # Shapes
    /// - `x`: `[32 * 32]`, the padded and normalised input ([`super::network::prepare_input`])
    /// - returns [`DirectTrace`]: C1 `[6, 28, 28]` … logits and probabilities `[10]`
    pub fn trace(&self, x: &[f32]) -> Result<DirectTrace> {
        if x.len() != PADDED_SIDE * PADDED_SIDE {
            return Err(Error::Backend(format!(
                "direct forward: input of {} values, expected {}",
                x.len(),
                PADDED_SIDE * PADDED_SIDE
            )));
        }
        let mode = self.variant.pool_mode();
        let p = &self.params;
        let mut t = DirectTrace::default();
        let side1; // 28
        (t.c1_pre, side1) = conv(x, PADDED_SIDE, &p.c1)?; // [6, 28, 28]
        t.c1 = self.activate(&t.c1_pre);
        let (s2, side2) = pool(&t.c1, [p.c1.shape[0], side1], self.pool[0], mode)?;
        t.s2 = s2; // [6, 14, 14]
        let side3; // 10
        (t.c3_pre, side3) = conv(&t.s2, side2, &p.c3)?; // [16, 10, 10]
        t.c3 = self.activate(&t.c3_pre);
        let (s4, side4) = pool(&t.c3, [p.c3.shape[0], side3], self.pool[1], mode)?;
        t.s4 = s4; // [16, 5, 5]
        if side4 != p.c5.shape[2] {
            return Err(Error::Backend("C5's kernel must cover S4".into()));
        }
        // C5's kernel covers S4 whole: one dot product per output channel.
        t.c5_pre = conv(&t.s4, side4, &p.c5)?.0; // [120]
        t.c5 = self.activate(&t.c5_pre);
        t.f6_pre = dense(&t.c5, &p.f6)?; // [84]
        t.f6 = self.activate(&t.f6_pre);
        t.logits = dense(&t.f6, &p.output)?; // [10]
        t.probabilities = softmax(&t.logits);
        Ok(t)
    }
}

/// Valid, stride-1 convolution plus bias ([`direct::conv2d`]); an error when the kernel is
/// larger than the input.
///
/// # Shapes
/// - `x`: `[C, S, S]`; returns (`[O, S−K+1, S−K+1]`, `S−K+1`)
fn conv(x: &[f32], side: usize, cw: &LayerParams) -> Result<(Vec<f32>, usize)> {
    let &[o, c, kh, kw] = cw.shape.as_slice() else {
        return Err(Error::Backend("direct conv: weight shape".into()));
    };
    let g = ConvGeometry::valid([c, side, side], [o, c, kh, kw])?;
    Ok((
        direct::conv2d(x, &cw.weight, Some(&cw.bias), &g)?,
        g.output[0],
    ))
}

/// `kernel`×`kernel` pooling with stride `kernel`, no padding ([`direct::pool2d`]).
///
/// # Shapes
/// - `x`: `[C, S, S]` (`[c, side]`); returns (`[C, S/k, S/k]`, `S/k`)
fn pool(x: &[f32], [c, side]: [usize; 2], k: usize, mode: PoolMode) -> Result<(Vec<f32>, usize)> {
    let params = PoolParams {
        mode,
        kernel: [k, k],
        stride: [k, k],
        padding: [0, 0],
    };
    let g = PoolGeometry::new(params, [c, side, side])?;
    Ok((direct::pool2d(x, &g)?, g.output[0]))
}

/// `x · W + b` for burn's `[in, out]` weight layout.
///
/// # Shapes
/// - `x`: `[in]`; returns `[out]`
fn dense(x: &[f32], dw: &LayerParams) -> Result<Vec<f32>> {
    let &[n_in, n_out] = dw.shape.as_slice() else {
        return Err(Error::Backend("direct dense: weight shape".into()));
    };
    if x.len() != n_in {
        return Err(Error::Backend("direct dense: input shape".into()));
    }
    let mut out = vec![0.0f32; n_out];
    for (i, &xv) in x.iter().enumerate() {
        let row = &dw.weight[i * n_out..(i + 1) * n_out];
        for (o, &wv) in out.iter_mut().zip(row) {
            *o += xv * wv;
        }
    }
    for (o, &b) in out.iter_mut().zip(&dw.bias) {
        *o += b;
    }
    Ok(out)
}

/// tanh as a rational function, branch-free so that it vectorises: `x·P(x²) / Q(x²)` with
/// Eigen's coefficients (`generic_fast_tanh_float`), x clamped to ±7.99881 where tanh is 1 in
/// f32. Against f64 tanh on 2.4 M points in [−12, 12]: max error 5e-7 absolute, 5e-7 relative
/// (tests/direct_forward.rs). libm's `tanhf`, which burn-flex calls per element, is ~8× slower here
/// and was 60 % of the forward pass (docs/performance.md).
#[inline]
pub fn tanh(x: f32) -> f32 {
    const A: [f32; 7] = [
        4.893_524_6e-3,
        6.372_619_3e-4,
        1.485_722_4e-5,
        5.122_297e-8,
        -8.604_672e-11,
        2.000_188e-13,
        -2.760_768_5e-16,
    ];
    const B: [f32; 4] = [4.893_525e-3, 2.268_434_6e-3, 1.185_347e-4, 1.198_258_4e-6];
    let x = x.clamp(-7.998_811_7, 7.998_811_7);
    let x2 = x * x;
    let p = A.iter().rev().fold(0.0, |acc, &a| acc * x2 + a) * x;
    let q = B.iter().rev().fold(0.0, |acc, &b| acc * x2 + b);
    p / q
}

/// `exp(x − max) / Σ exp(x − max)`, as burn's `softmax`.
fn softmax(x: &[f32]) -> Vec<f32> {
    let max = x.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let e: Vec<f32> = x.iter().map(|v| (v - max).exp()).collect();
    let sum: f32 = e.iter().sum();
    e.iter().map(|v| v / sum).collect()
}

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

use burn::module::Param;
use burn::nn::Linear;
use burn::nn::conv::Conv2d;
use burn::tensor::Tensor;

use super::layers::{LAYERS, PADDED_SIDE};
use super::network::{LeNet5, Variant};
use crate::backend::download;
use crate::error::{Error, Result};
use crate::ops::direct::{self, ConvGeometry, PoolGeometry};
use crate::ops::pool::PoolMode;

/// A valid, stride-1 convolution's weights.
#[derive(Debug, Clone)]
struct ConvWeights {
    /// `[O, C·K·K]`, row-major (burn's `[O, C, K, K]` flattened).
    w: Vec<f32>,
    /// `[O]`.
    b: Vec<f32>,
    c_in: usize,
    c_out: usize,
    k: usize,
}

/// A dense layer's weights.
#[derive(Debug, Clone)]
struct DenseWeights {
    /// `[in, out]`, row-major (burn's `Linear` layout).
    w: Vec<f32>,
    /// `[out]`.
    b: Vec<f32>,
    n_in: usize,
    n_out: usize,
}

fn bias_of(name: &str, bias: &Option<Param<Tensor<1>>>) -> Result<Vec<f32>> {
    let b = bias
        .as_ref()
        .ok_or_else(|| Error::Backend(format!("{name} has no bias")))?;
    download(b.val())
}

impl ConvWeights {
    fn new(name: &str, conv: &Conv2d) -> Result<Self> {
        let w = conv.weight.val();
        let [c_out, c_in, kh, kw] = w.dims();
        if kh != kw || conv.stride != [1, 1] || conv.dilation != [1, 1] || conv.groups != 1 {
            return Err(Error::Backend(format!(
                "{name}: only square, stride-1, ungrouped kernels"
            )));
        }
        let b = bias_of(name, &conv.bias)?;
        Ok(Self {
            w: download(w)?,
            b,
            c_in,
            c_out,
            k: kh,
        })
    }
}

impl DenseWeights {
    fn new(name: &str, dense: &Linear) -> Result<Self> {
        let w = dense.weight.val();
        let [n_in, n_out] = w.dims();
        let b = bias_of(name, &dense.bias)?;
        if b.len() != n_out {
            return Err(Error::Backend(format!("{name}: bias is not [{n_out}]")));
        }
        Ok(Self {
            w: download(w)?,
            b,
            n_in,
            n_out,
        })
    }
}

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

/// The trained weights of one network, laid out for [`Direct::trace`].
#[derive(Debug, Clone)]
pub struct Direct {
    variant: Variant,
    c1: ConvWeights,
    c3: ConvWeights,
    c5: ConvWeights,
    f6: DenseWeights,
    output: DenseWeights,
    /// Kernel (= stride) of S2 and S4.
    pool: [usize; 2],
}

impl Direct {
    /// Reads the weights out of a loaded network (once, at load).
    pub fn new(model: &LeNet5) -> Result<Self> {
        Ok(Self {
            variant: model.variant,
            c1: ConvWeights::new("C1", &model.c1)?,
            c3: ConvWeights::new("C3", &model.c3)?,
            c5: ConvWeights::new("C5", &model.c5)?,
            f6: DenseWeights::new("F6", &model.f6)?,
            output: DenseWeights::new("output", &model.output)?,
            pool: [LAYERS[2].kernel(), LAYERS[4].kernel()],
        })
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
        let mut t = DirectTrace::default();
        let side1 = PADDED_SIDE + 1 - self.c1.k; // 28
        t.c1_pre = conv(x, PADDED_SIDE, &self.c1)?; // [6, 28, 28]
        t.c1 = self.activate(&t.c1_pre);
        let (s2, side2) = pool(&t.c1, [self.c1.c_out, side1], self.pool[0], mode)?;
        t.s2 = s2; // [6, 14, 14]
        let side3 = side2 + 1 - self.c3.k; // 10
        t.c3_pre = conv(&t.s2, side2, &self.c3)?; // [16, 10, 10]
        t.c3 = self.activate(&t.c3_pre);
        let (s4, side4) = pool(&t.c3, [self.c3.c_out, side3], self.pool[1], mode)?;
        t.s4 = s4; // [16, 5, 5]
        if side4 != self.c5.k {
            return Err(Error::Backend("C5's kernel must cover S4".into()));
        }
        // C5's kernel covers S4 whole: one dot product per output channel.
        t.c5_pre = conv(&t.s4, side4, &self.c5)?; // [120]
        t.c5 = self.activate(&t.c5_pre);
        t.f6_pre = dense(&t.c5, &self.f6)?; // [84]
        t.f6 = self.activate(&t.f6_pre);
        t.logits = dense(&t.f6, &self.output)?; // [10]
        t.probabilities = softmax(&t.logits);
        Ok(t)
    }
}

/// Valid, stride-1 convolution plus bias ([`direct::conv2d`]).
///
/// # Shapes
/// - `x`: `[C, S, S]`; returns `[O, S−K+1, S−K+1]`
fn conv(x: &[f32], side: usize, cw: &ConvWeights) -> Result<Vec<f32>> {
    let g = ConvGeometry::valid([cw.c_in, side, side], [cw.c_out, cw.c_in, cw.k, cw.k])?;
    direct::conv2d(x, &cw.w, Some(&cw.b), &g)
}

/// `kernel`×`kernel` pooling with stride `kernel`, no padding ([`direct::pool2d`]).
///
/// # Shapes
/// - `x`: `[C, S, S]` (`[c, side]`); returns (`[C, S/k, S/k]`, `S/k`)
fn pool(x: &[f32], [c, side]: [usize; 2], k: usize, mode: PoolMode) -> Result<(Vec<f32>, usize)> {
    let g = PoolGeometry::new(mode, [c, side, side], [k, k], [k, k], [0, 0])?;
    Ok((direct::pool2d(x, &g)?, g.output[0]))
}

/// `x · W + b` for burn's `[in, out]` weight layout.
///
/// # Shapes
/// - `x`: `[in]`; returns `[out]`
fn dense(x: &[f32], dw: &DenseWeights) -> Result<Vec<f32>> {
    if x.len() != dw.n_in {
        return Err(Error::Backend("direct dense: input shape".into()));
    }
    let mut out = vec![0.0f32; dw.n_out];
    for (i, &xv) in x.iter().enumerate() {
        let row = &dw.w[i * dw.n_out..(i + 1) * dw.n_out];
        for (o, &wv) in out.iter_mut().zip(row) {
            *o += xv * wv;
        }
    }
    for (o, &b) in out.iter_mut().zip(&dw.b) {
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

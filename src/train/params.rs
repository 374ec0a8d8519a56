//! LeNet-5's parameters on the host: seeded initialisation, reading them out of a network,
//! building a burn network from them (on the training or the inference device), and folding
//! batch normalisation into the layer before it.
//!
//! Layouts are burn's: conv weights `[O, C, KH, KW]`, dense weights `[in, out]`.

use burn::module::Param;
use burn::nn::Linear;
use burn::nn::conv::Conv2d;
use burn::tensor::{Device, Tensor};

use crate::backend::{download, upload};
use crate::data::rng::Rng;
use crate::error::Result;
use crate::lenet::{LAYERS, LeNet5, Variant};

/// Positions in [`LAYERS`] of the five layers with weights: C1, C3, C5, F6, output.
pub const WEIGHTED: [usize; 5] = [1, 3, 5, 6, 7];

/// One weighted layer's parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct HostLayer {
    pub weight: Vec<f32>,
    pub bias: Vec<f32>,
}

/// A batch-norm layer's affine parameters and running statistics, one value per channel.
#[derive(Debug, Clone, PartialEq)]
pub struct HostNorm {
    pub gamma: Vec<f32>,
    pub beta: Vec<f32>,
    pub mean: Vec<f32>,
    pub var: Vec<f32>,
}

/// The shape of weighted layer `i` (index into [`WEIGHTED`]) and its fan-in.
pub fn weight_shape(i: usize) -> (Vec<usize>, usize) {
    let at = WEIGHTED[i];
    let (spec, below) = (&LAYERS[at], &LAYERS[at - 1]);
    let out = spec.shape[0];
    if at <= 5 {
        let (k, c) = (spec.kernel(), below.shape[0]);
        (vec![out, c, k, k], c * k * k)
    } else {
        let inputs: usize = below.shape.iter().product();
        (vec![inputs, out], inputs)
    }
}

/// Fresh parameters: every weight and bias uniform in ±1/√fan_in (PyTorch's and burn's
/// default for conv and linear layers), drawn from `rng`.
pub fn init(rng: &mut Rng) -> Vec<HostLayer> {
    (0..WEIGHTED.len())
        .map(|i| {
            let (shape, fan_in) = weight_shape(i);
            let bound = 1.0 / (fan_in as f32).sqrt();
            let n: usize = shape.iter().product();
            let out = LAYERS[WEIGHTED[i]].shape[0];
            let weight = (0..n).map(|_| rng.uniform(-bound, bound)).collect();
            let bias = (0..out).map(|_| rng.uniform(-bound, bound)).collect();
            HostLayer { weight, bias }
        })
        .collect()
}

fn bias_of(b: &Option<Param<Tensor<1>>>) -> Result<Vec<f32>> {
    match b {
        Some(b) => download(b.val()),
        None => Ok(Vec::new()),
    }
}

/// The parameters of `net`, read back to the host.
pub fn read(net: &LeNet5) -> Result<Vec<HostLayer>> {
    let conv = |c: &Conv2d| -> Result<HostLayer> {
        Ok(HostLayer {
            weight: download(c.weight.val())?,
            bias: bias_of(&c.bias)?,
        })
    };
    let dense = |l: &Linear| -> Result<HostLayer> {
        Ok(HostLayer {
            weight: download(l.weight.val())?,
            bias: bias_of(&l.bias)?,
        })
    };
    Ok(vec![
        conv(&net.c1)?,
        conv(&net.c3)?,
        conv(&net.c5)?,
        dense(&net.f6)?,
        dense(&net.output)?,
    ])
}

/// A network of `variant` on `device` holding `layers` (checked shapes: they come from
/// [`init`], [`read`] or [`fold`]).
pub fn build(layers: &[HostLayer], variant: Variant, device: &Device) -> LeNet5 {
    let mut net = LeNet5::zeroed(variant, device);
    let param4 = |l: &HostLayer, i: usize| {
        let (s, _) = weight_shape(i);
        Param::from_tensor(upload(&l.weight, [s[0], s[1], s[2], s[3]], device))
    };
    let param2 = |l: &HostLayer, i: usize| {
        let (s, _) = weight_shape(i);
        Param::from_tensor(upload(&l.weight, [s[0], s[1]], device))
    };
    let bias = |l: &HostLayer| Some(Param::from_tensor(upload(&l.bias, [l.bias.len()], device)));
    net.c1.weight = param4(&layers[0], 0);
    net.c1.bias = bias(&layers[0]);
    net.c3.weight = param4(&layers[1], 1);
    net.c3.bias = bias(&layers[1]);
    net.c5.weight = param4(&layers[2], 2);
    net.c5.bias = bias(&layers[2]);
    net.f6.weight = param2(&layers[3], 3);
    net.f6.bias = bias(&layers[3]);
    net.output.weight = param2(&layers[4], 4);
    net.output.bias = bias(&layers[4]);
    net
}

/// Folds batch normalisation `norm` (evaluation mode: running statistics, `eps`) into the
/// layer before it: `γ·(Wx + b − μ)/√(σ² + ε) + β` becomes `W'x + b'` with
/// `W' = W·s`, `b' = (b − μ)·s + β`, `s = γ/√(σ² + ε)` per output channel. Computed in f64.
pub fn fold(layer: &HostLayer, norm: &HostNorm, eps: f64, conv: bool) -> HostLayer {
    let out = layer.bias.len();
    let scale: Vec<f64> = (0..out)
        .map(|o| norm.gamma[o] as f64 / (norm.var[o] as f64 + eps).sqrt())
        .collect();
    let weight = layer
        .weight
        .iter()
        .enumerate()
        .map(|(i, &w)| {
            // conv [O, C, K, K]: channel = i / (C·K·K); dense [in, out]: channel = i % out.
            let o = if conv {
                i / (layer.weight.len() / out)
            } else {
                i % out
            };
            (w as f64 * scale[o]) as f32
        })
        .collect();
    let bias = (0..out)
        .map(|o| {
            ((layer.bias[o] as f64 - norm.mean[o] as f64) * scale[o] + norm.beta[o] as f64) as f32
        })
        .collect();
    HostLayer { weight, bias }
}

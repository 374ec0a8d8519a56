//! The adapted network: LeNet-5 whose output layer is a new head of `n` classes, where it is
//! cut, what is frozen, and the features cached below the cut.
//!
//! Training always starts at a [`Cut`]: the layers below it are frozen (no gradient, no
//! optimiser state: `Module::no_grad` on them), so their output for an image never changes
//! and is computed once per image ([`features`]); a step runs only the layers above it
//! ([`tail`]) on the cached values. That is why a feature-extraction step costs a fraction of
//! a full training step (README "Transfer learning" has the measured ratio).

use burn::module::{Module, Param};
use burn::nn::Linear;
use burn::tensor::{Device, Tensor};

use super::model::{activate, pool};
use super::params::{self, HostLayer};
use crate::backend::{download, upload};
use crate::data::rng::Rng;
use crate::error::Result;
use crate::lenet::{CLASSES, IMAGE_PIXELS, LAYERS, LeNet5, PADDED_SIDE, Variant, prepare_input};

/// Inputs of F6 = 84 features per image at the head.
pub const HEAD_INPUTS: usize = 84;
/// Bias of the outputs a padded head does not use: their probability is exactly 0 in f32
/// (`exp(−10⁴)` underflows) and the value is exact in f16.
pub const UNUSED_BIAS: f32 = -1.0e4;
/// Images per forward pass when computing features or evaluating.
const CHUNK: usize = 256;

/// Where the trainable layers start: the layer whose output is cached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cut {
    /// Nothing frozen: the prepared 32×32 input.
    Input,
    /// C1 frozen: S2's maps `[6, 14, 14]`.
    S2,
    /// C1, C3 frozen: S4's maps `[16, 5, 5]`.
    S4,
    /// The whole base and F6 frozen: F6's 84 values.
    F6,
}

impl Cut {
    /// The per-image shape of the cached values.
    pub fn shape(self) -> [usize; 3] {
        match self {
            Cut::Input => [1, PADDED_SIDE, PADDED_SIDE],
            Cut::S2 => LAYERS[2].shape,
            Cut::S4 => LAYERS[4].shape,
            Cut::F6 => [HEAD_INPUTS, 1, 1],
        }
    }

    pub fn size(self) -> usize {
        self.shape().iter().product()
    }

    /// The weighted layers frozen at this cut (of C1, C3, C5, F6; the head never is).
    pub fn frozen(self) -> &'static [&'static str] {
        match self {
            Cut::Input => &[],
            Cut::S2 => &["C1"],
            Cut::S4 => &["C1", "C3"],
            Cut::F6 => &["C1", "C3", "C5", "F6"],
        }
    }
}

/// Values of many images at a cut.
///
/// # Shapes
/// - `data`: `[n * cut.size()]`
#[derive(Debug, Clone, PartialEq)]
pub struct Features {
    pub cut: Cut,
    pub data: Vec<f32>,
    pub n: usize,
}

/// A new head of `n` classes: weights and biases uniform in ±1/√84 (PyTorch's default),
/// weight in burn's `[in, out]` layout.
pub fn new_head(n: usize, rng: &mut Rng) -> HostLayer {
    let bound = 1.0 / (HEAD_INPUTS as f32).sqrt();
    HostLayer {
        weight: (0..HEAD_INPUTS * n)
            .map(|_| rng.uniform(-bound, bound))
            .collect(),
        bias: (0..n).map(|_| rng.uniform(-bound, bound)).collect(),
    }
}

/// A network of `variant` on `device` with C1…F6 from `base` (its first four layers) and
/// `head` (`n` outputs) as the output layer.
pub fn build(base: &[HostLayer], head: &HostLayer, variant: Variant, device: &Device) -> LeNet5 {
    let mut layers = base[..4].to_vec();
    // A 10-way placeholder for `params::build`, replaced below.
    layers.push(pad_head(head));
    let mut net = params::build(&layers, variant, device);
    let n = head.bias.len();
    net.output = Linear {
        weight: Param::from_tensor(upload(&head.weight, [HEAD_INPUTS, n], device)),
        bias: Some(Param::from_tensor(upload(&head.bias, [n], device))),
    };
    net
}

/// The head as a 10-way output layer: the `n` classes first, then unused outputs with zero
/// weights and bias [`UNUSED_BIAS`], so a standard LeNet-5 weights file can hold it.
pub fn pad_head(head: &HostLayer) -> HostLayer {
    let n = head.bias.len();
    let mut weight = vec![0.0f32; HEAD_INPUTS * CLASSES];
    for i in 0..HEAD_INPUTS {
        weight[i * CLASSES..i * CLASSES + n].copy_from_slice(&head.weight[i * n..(i + 1) * n]);
    }
    let mut bias = vec![UNUSED_BIAS; CLASSES];
    bias[..n].copy_from_slice(&head.bias);
    HostLayer { weight, bias }
}

/// `net` with the layers below `cut` frozen (`no_grad`: no gradient, no optimiser state) and
/// the others trainable.
pub fn freeze(mut net: LeNet5, cut: Cut) -> LeNet5 {
    net.c1 = net.c1.set_require_grad(cut < Cut::S2);
    net.c3 = net.c3.set_require_grad(cut < Cut::S4);
    net.c5 = net.c5.set_require_grad(cut < Cut::F6);
    net.f6 = net.f6.set_require_grad(cut < Cut::F6);
    net.output = net.output.set_require_grad(true);
    net
}

/// The values at `cut` of images `ink` (`[k * 784]`, ink in [0, 1]) computed by `net`'s
/// layers below the cut, on `device` (a plain, non-autodiff device).
pub fn features(net: &LeNet5, cut: Cut, ink: &[f32], device: &Device) -> Result<Features> {
    let n = ink.len() / IMAGE_PIXELS;
    let mut data = Vec::with_capacity(n * cut.size());
    for chunk in ink.chunks(CHUNK * IMAGE_PIXELS) {
        let b = chunk.len() / IMAGE_PIXELS;
        let x: Vec<f32> = chunk
            .chunks_exact(IMAGE_PIXELS)
            .flat_map(prepare_input)
            .collect();
        if cut == Cut::Input {
            data.extend(x);
            continue;
        }
        let t = net.forward_trace(upload(&x, [b, 1, PADDED_SIDE, PADDED_SIDE], device));
        data.extend(match cut {
            Cut::S2 => download(t.s2)?,
            Cut::S4 => download(t.s4)?,
            _ => download(t.f6)?,
        });
    }
    Ok(Features { cut, data, n })
}

/// Rows `idx` of `f` as the tail's input on `device`.
///
/// # Shapes
/// - returns `[b, C, H, W]` for maps, or `[b, 84, 1, 1]` at F6 (reshaped by [`tail`])
pub fn gather(f: &Features, idx: &[u32], device: &Device) -> Tensor<4> {
    let s = f.cut.size();
    let mut x = Vec::with_capacity(idx.len() * s);
    for &i in idx {
        x.extend_from_slice(&f.data[i as usize * s..(i as usize + 1) * s]);
    }
    let [c, h, w] = f.cut.shape();
    upload(&x, [idx.len(), c, h, w], device)
}

/// Class scores from the values at `cut`, running only the layers above it (training's
/// activations and pooling, [`super::model`]).
///
/// # Shapes
/// - `x`: `[b, C, H, W]` as [`gather`] makes it; returns `[b, n]`
pub fn tail(net: &LeNet5, cut: Cut, x: Tensor<4>) -> Tensor<2> {
    let f6: Tensor<2> = if cut == Cut::F6 {
        x.flatten(1, 3) // [b, 84]
    } else {
        let mut x = x;
        if cut == Cut::Input {
            x = pool(net, 2, activate(net, net.c1.forward(x))); // [b, 6, 14, 14]
        }
        if cut <= Cut::S2 {
            x = pool(net, 4, activate(net, net.c3.forward(x))); // [b, 16, 5, 5]
        }
        let c5 = activate(net, net.c5.forward(x).flatten(1, 3)); // [b, 120]
        activate(net, net.f6.forward(c5)) // [b, 84]
    };
    net.output.forward(f6)
}

/// Class scores of every image of `f` with `net` (evaluation: a plain device), row-major.
///
/// # Shapes
/// - returns `[f.n * n]`
pub fn logits(net: &LeNet5, f: &Features, device: &Device) -> Result<Vec<f32>> {
    let all: Vec<u32> = (0..f.n as u32).collect();
    let mut out = Vec::new();
    for chunk in all.chunks(CHUNK) {
        out.extend(download(tail(net, f.cut, gather(f, chunk, device)))?);
    }
    Ok(out)
}

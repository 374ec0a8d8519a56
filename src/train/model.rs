//! The network being trained: LeNet-5 ([`crate::lenet::LeNet5`], the same layers and
//! activations the student page runs) with optional batch normalisation after C1, C3, C5 and
//! F6 (before the activation) and optional dropout after C5 and F6. Inference never sees
//! these layers: [`TrainNet::export`] folds batch normalisation into the layer before it and
//! drops dropout (the identity at inference), giving a plain `LeNet5`.

use burn::module::{Module, Param, RunningState};
use burn::nn::BatchNorm;
use burn::tensor::{Device, Tensor};

use super::conv_matmul::{conv_as_dense, conv_on_patches};
use super::custom_ops;
use super::params::{self, HostLayer, HostNorm};
use crate::backend::{download, upload};
use crate::error::Result;
use crate::lenet::{LAYERS, LeNet5, Variant};
use crate::ops::pool::PoolMode;

/// PyTorch's and burn's batch-norm defaults.
pub const BN_EPS: f64 = 1e-5;
pub const BN_MOMENTUM: f64 = 0.1;

/// Channels of the four normalised layers: C1, C3, C5, F6.
const NORMED: [usize; 4] = [1, 3, 5, 6];

/// Dropout masks for one batch, already scaled by `1/(1 − p)` (inverted dropout).
///
/// # Shapes
/// - `c5`: `[b, 120]`, `f6`: `[b, 84]`
pub struct Masks {
    pub c5: Tensor<2>,
    pub f6: Tensor<2>,
}

#[derive(Module, Debug)]
pub struct TrainNet {
    pub net: LeNet5,
    pub bn1: Option<BatchNorm>,
    pub bn3: Option<BatchNorm>,
    pub bn5: Option<BatchNorm>,
    pub bn6: Option<BatchNorm>,
}

/// A batch-norm layer of `n` channels in its initial state (γ = 1, β = 0, running mean 0 and
/// variance 1), built directly so that burn-nn's initialisers are not linked.
fn batch_norm(n: usize, device: &Device) -> BatchNorm {
    BatchNorm {
        gamma: Param::from_tensor(Tensor::ones([n], device)),
        beta: Param::from_tensor(Tensor::zeros([n], device)),
        training: Param::from_bool(true),
        running_mean: RunningState::new(Tensor::zeros([n], device)),
        running_var: RunningState::new(Tensor::ones([n], device)),
        momentum: BN_MOMENTUM,
        epsilon: BN_EPS,
    }
}

/// S2/S4 for training: the variant's 2×2 stride-2 pooling. Average pooling is the custom
/// operation [`custom_ops::avg_pool_2x2`] (one pass forward and backward; burn's
/// `avg_pool2d` backward is several times slower on the CPU backends); max pooling is burn's.
///
/// # Shapes
/// - `x`: `[b, c, h, w]` (h, w even); returns `[b, c, h/2, w/2]`
pub(crate) fn pool(net: &LeNet5, at: usize, x: Tensor<4>) -> Tensor<4> {
    if net.variant.pool_mode() != PoolMode::Avg || LAYERS[at].kernel() != 2 {
        return net.subsample(&LAYERS[at], x);
    }
    custom_ops::avg_pool_2x2(x)
}

/// The variant's activation for training. tanh is the custom operation
/// [`custom_ops::tanh`]: burn's `tanh` (within 5e-7) in one vectorised pass forward and one
/// pass backward (`g·(1 − y²)` from the saved output), where burn's backward recomputes tanh
/// and squares it with `powi` (see README "The training module").
pub(crate) fn activate<const D: usize>(net: &LeNet5, x: Tensor<D>) -> Tensor<D> {
    match net.variant {
        Variant::Classic => custom_ops::tanh(x),
        Variant::Modern => net.activate(x),
    }
}

fn norm<const D: usize>(bn: &Option<BatchNorm>, x: Tensor<D>) -> Tensor<D> {
    match bn {
        Some(bn) => bn.forward(x),
        None => x,
    }
}

impl TrainNet {
    /// A network holding `layers`, with fresh batch-norm layers when `batch_norm`.
    pub fn new(layers: &[HostLayer], variant: Variant, batch_norm: bool, device: &Device) -> Self {
        let bn =
            |i: usize| batch_norm.then(|| self::batch_norm(LAYERS[NORMED[i]].shape[0], device));
        Self {
            net: params::build(layers, variant, device),
            bn1: bn(0),
            bn3: bn(1),
            bn5: bn(2),
            bn6: bn(3),
        }
    }

    /// Class scores before softmax. Batch norm uses batch statistics on the autodiff device
    /// (training) and running statistics after [`Module::valid`]; `masks` apply dropout.
    /// While gradients are tracked, C1 runs on the input's patches; C3 always runs as the
    /// custom convolution ([`custom_ops::conv_valid`]) and C5 as a dense layer
    /// ([`super::conv_matmul`]): the same sums, a faster backward pass.
    ///
    /// # Shapes
    /// - `x`: `[b, 1, 32, 32]` (see [`crate::lenet::prepare_input`]); returns `[b, 10]`
    pub fn forward(&self, x: Tensor<4>, masks: Option<&Masks>) -> Tensor<2> {
        let n = &self.net;
        // The input's values, to cut C1's patches, only while C1 learns (else burn's conv).
        let host =
            n.c1.weight
                .val()
                .is_require_grad()
                .then(|| download(x.clone()).ok())
                .flatten();
        let c1 = match host {
            Some(pixels) => conv_on_patches(&n.c1, &pixels, x.dims(), &x.device()),
            None => n.c1.forward(x),
        };
        let c1 = activate(n, norm(&self.bn1, c1)); // [b, 6, 28, 28]
        let s2 = pool(n, 2, c1); // [b, 6, 14, 14]
        let c3 = custom_ops::conv_valid(&n.c3, s2);
        let c3 = activate(n, norm(&self.bn3, c3)); // [b, 16, 10, 10]
        let s4 = pool(n, 4, c3); // [b, 16, 5, 5]
        let c5 = conv_as_dense(&n.c5, s4); // [b, 120]
        let mut c5 = activate(n, norm(&self.bn5, c5));
        if let Some(m) = masks {
            c5 = c5 * m.c5.clone();
        }
        let mut f6 = activate(n, norm(&self.bn6, n.f6.forward(c5))); // [b, 84]
        if let Some(m) = masks {
            f6 = f6 * m.f6.clone();
        }
        n.output.forward(f6) // [b, 10]
    }

    /// The five weighted layers as inference uses them: batch norm (running statistics) folded
    /// into C1, C3, C5 and F6.
    pub fn folded(&self) -> Result<Vec<HostLayer>> {
        let mut layers = params::read(&self.net)?;
        for (i, bn) in [&self.bn1, &self.bn3, &self.bn5, &self.bn6]
            .into_iter()
            .enumerate()
        {
            if let Some(bn) = bn {
                let stats = HostNorm {
                    gamma: download(bn.gamma.val())?,
                    beta: download(bn.beta.val())?,
                    mean: download(bn.running_mean.value())?,
                    var: download(bn.running_var.value())?,
                };
                layers[i] = params::fold(&layers[i], &stats, bn.epsilon, i < 3);
            }
        }
        Ok(layers)
    }

    /// The inference network (plain `LeNet5` on `device`) computing what this one computes in
    /// evaluation mode.
    pub fn export(&self, device: &Device) -> Result<LeNet5> {
        Ok(params::build(&self.folded()?, self.net.variant, device))
    }
}

/// Dropout masks for a batch of `b`: each unit kept with probability `1 − p` and scaled by
/// `1/(1 − p)`, drawn from `rng`.
pub fn dropout_masks(b: usize, p: f64, rng: &mut crate::data::rng::Rng, device: &Device) -> Masks {
    let keep = 1.0 - p;
    let scale = (1.0 / keep) as f32;
    let mut draw = |n: usize| -> Vec<f32> {
        (0..b * n)
            .map(|_| {
                if (rng.unit() as f64) < keep {
                    scale
                } else {
                    0.0
                }
            })
            .collect()
    };
    let (c5, f6) = (LAYERS[5].shape[0], LAYERS[6].shape[0]);
    Masks {
        c5: upload(&draw(c5), [b, c5], device),
        f6: upload(&draw(f6), [b, f6], device),
    }
}

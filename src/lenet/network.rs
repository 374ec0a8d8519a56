//! LeNet-5 (LeCun, Bottou, Bengio, Haffner 1998), as one burn module that serves both native
//! training (`src/bin/train.rs`) and in-browser inference.
//!
//! The layer sizes come from [`super::layers::LAYERS`]:
//! input 1@28×28 padded to 32×32, C1, S2, C3, S4, C5, F6, output.
//!
//! C3 is connected to all six S2 maps (the "dense" C3 that modern re-implementations use; the
//! 1998 paper's sparse connection table is not used), which gives 61,706 parameters.
//! Two variants share the layer shapes:
//! - [`Variant::Classic`]: tanh after C1, C3, C5 and F6, average-pool subsampling, as in 1998
//!   (plain tanh and parameter-free averaging instead of the paper's scaled tanh and trainable
//!   subsampling coefficients);
//! - [`Variant::Modern`]: ReLU and max pooling.
//!
//! The input is MNIST-like: row-major 28×28, ink = 1, background = 0. [`prepare_input`] pads
//! it to LeNet's 32×32 with background and normalises it with the MNIST training-set mean and
//! standard deviation; everything that calls the network goes through it.

use burn::module::{Module, Param};
use burn::nn::conv::{Conv2d, Conv2dConfig};
use burn::nn::{Linear, LinearConfig, PaddingConfig2d};
use burn::tensor::activation::{relu, softmax};
use burn::tensor::module::{avg_pool2d, max_pool2d};
use burn::tensor::ops::{AvgPoolOptions, MaxPoolOptions};
use burn::tensor::{Device, Tensor};

use super::layers::{
    IMAGE_SIDE, INPUT_PADDING, LAYERS, LayerSpec, MNIST_MEAN, MNIST_STD, PADDED_SIDE,
};
use crate::architecture::spec::Activation;
use crate::ops::pool::PoolMode;

/// Which of the two trained networks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Variant {
    /// tanh + average pooling (LeCun et al. 1998).
    #[default]
    Classic,
    /// ReLU + max pooling.
    Modern,
}

impl Variant {
    pub const ALL: [Variant; 2] = [Variant::Classic, Variant::Modern];

    pub fn name(self) -> &'static str {
        match self {
            Variant::Classic => "classic",
            Variant::Modern => "modern",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "classic" => Some(Variant::Classic),
            "modern" => Some(Variant::Modern),
            _ => None,
        }
    }

    /// The activation after C1, C3, C5 and F6.
    pub fn activation(self) -> Activation {
        match self {
            Variant::Classic => Activation::Tanh,
            Variant::Modern => Activation::Relu,
        }
    }

    /// Name of the activation function, for labels: `"tanh"` or `"relu"`.
    pub fn activation_name(self) -> &'static str {
        self.activation().name()
    }

    /// The subsampling of S2 and S4.
    pub fn pool_mode(self) -> PoolMode {
        match self {
            Variant::Classic => PoolMode::Avg,
            Variant::Modern => PoolMode::Max,
        }
    }
}

/// Pads a 28×28 image (ink = 1) to 32×32 with background and normalises it.
///
/// # Shapes
/// - `pixels`: `[28 * 28]`, row-major, values in [0, 1]
/// - returns `[32 * 32]`, row-major, `(x − mean) / std`
pub fn prepare_input(pixels: &[f32]) -> Vec<f32> {
    let background = (0.0 - MNIST_MEAN) / MNIST_STD;
    let mut out = vec![background; PADDED_SIDE * PADDED_SIDE];
    for (y, row) in pixels.chunks_exact(IMAGE_SIDE).enumerate().take(IMAGE_SIDE) {
        let dst = (y + INPUT_PADDING) * PADDED_SIDE + INPUT_PADDING;
        for (o, &v) in out[dst..dst + IMAGE_SIDE].iter_mut().zip(row) {
            *o = (v - MNIST_MEAN) / MNIST_STD;
        }
    }
    out
}

/// Every intermediate tensor of one forward pass, batch first.
#[derive(Debug, Clone)]
pub struct Trace {
    pub c1_pre: Tensor<4>, // [b, 6, 28, 28]
    pub c1: Tensor<4>,     // [b, 6, 28, 28]
    pub s2: Tensor<4>,     // [b, 6, 14, 14]
    pub c3_pre: Tensor<4>, // [b, 16, 10, 10]
    pub c3: Tensor<4>,     // [b, 16, 10, 10]
    pub s4: Tensor<4>,     // [b, 16, 5, 5]
    pub c5_pre: Tensor<2>, // [b, 120]
    pub c5: Tensor<2>,     // [b, 120]
    pub f6_pre: Tensor<2>, // [b, 84]
    pub f6: Tensor<2>,     // [b, 84]
    pub logits: Tensor<2>, // [b, 10]
}

/// The network. Build with [`LeNet5Config::init`]; load weights with [`crate::lenet::weights`].
#[derive(Module, Debug)]
pub struct LeNet5 {
    pub c1: Conv2d,
    pub c3: Conv2d,
    pub c5: Conv2d,
    pub f6: Linear,
    pub output: Linear,
    #[module(skip)]
    pub variant: Variant,
}

/// Configuration of [`LeNet5`]: only the variant; the layer sizes are LeNet-5's.
#[derive(Debug, Clone, Copy, Default)]
pub struct LeNet5Config {
    pub variant: Variant,
}

impl LeNet5Config {
    pub fn new(variant: Variant) -> Self {
        Self { variant }
    }

    /// A freshly initialised network (random weights; burn's default Kaiming-uniform init).
    pub fn init(&self, device: &Device) -> LeNet5 {
        let conv = |i: usize| {
            let k = LAYERS[i].kernel();
            Conv2dConfig::new([LAYERS[i - 1].shape[0], LAYERS[i].shape[0]], [k, k]).init(device)
        };
        let dense = |i: usize| {
            let inputs = LAYERS[i - 1].shape.iter().product();
            LinearConfig::new(inputs, LAYERS[i].shape[0]).init(device)
        };
        LeNet5::assemble(self.variant, conv, dense)
    }
}

impl LeNet5 {
    /// The network of `variant` whose layer at position `i` of [`LAYERS`] (input, C1, S2, C3,
    /// S4, C5, F6, output) is `conv(i)` for C1, C3, C5 and `dense(i)` for F6 and output.
    fn assemble(
        variant: Variant,
        conv: impl Fn(usize) -> Conv2d,
        dense: impl Fn(usize) -> Linear,
    ) -> LeNet5 {
        LeNet5 {
            c1: conv(1),
            c3: conv(3),
            c5: conv(5),
            f6: dense(6),
            output: dense(7),
            variant,
        }
    }

    /// A network of `variant` whose parameters are zeros: the skeleton trained weights are
    /// loaded into. Unlike [`LeNet5Config::init`] it does not reach burn-nn's parameter
    /// initialisers, whose orthogonal initialiser links a QR decomposition for every dtype
    /// (~0.5 MB of wasm, docs/performance.md).
    pub fn zeroed(variant: Variant, device: &Device) -> LeNet5 {
        let conv = |i: usize| {
            let (k, c_in, c_out) = (
                LAYERS[i].kernel(),
                LAYERS[i - 1].shape[0],
                LAYERS[i].shape[0],
            );
            Conv2d {
                weight: Param::from_tensor(Tensor::zeros([c_out, c_in, k, k], device)),
                bias: Some(Param::from_tensor(Tensor::zeros([c_out], device))),
                stride: [1, 1],
                kernel_size: [k, k],
                dilation: [1, 1],
                groups: 1,
                padding: PaddingConfig2d::Valid,
            }
        };
        let dense = |i: usize| {
            let inputs: usize = LAYERS[i - 1].shape.iter().product();
            let outputs = LAYERS[i].shape[0];
            Linear {
                weight: Param::from_tensor(Tensor::zeros([inputs, outputs], device)),
                bias: Some(Param::from_tensor(Tensor::zeros([outputs], device))),
            }
        };
        LeNet5::assemble(variant, conv, dense)
    }
}

impl LeNet5 {
    pub(crate) fn activate<const D: usize>(&self, x: Tensor<D>) -> Tensor<D> {
        match self.variant {
            Variant::Classic => x.tanh(),
            Variant::Modern => relu(x),
        }
    }

    /// Pooling layer `spec` (S2, S4): the variant's mode, kernel = stride.
    pub(crate) fn subsample(&self, spec: &LayerSpec, x: Tensor<4>) -> Tensor<4> {
        let k = spec.kernel();
        match self.variant.pool_mode() {
            PoolMode::Avg => avg_pool2d(x, AvgPoolOptions::new([k, k])),
            PoolMode::Max => max_pool2d(x, MaxPoolOptions::new([k, k])),
        }
    }

    /// Runs the network and keeps every layer's output (and the pre-activation sums of the
    /// layers that have weights).
    ///
    /// # Shapes
    /// - `x`: `[b, 1, 32, 32]`, already prepared by [`prepare_input`]
    /// - returns a [`Trace`] whose `logits` are `[b, 10]`
    pub fn forward_trace(&self, x: Tensor<4>) -> Trace {
        let c1_pre = self.c1.forward(x); // [b, 6, 28, 28]
        let c1 = self.activate(c1_pre.clone());
        let s2 = self.subsample(&LAYERS[2], c1.clone()); // [b, 6, 14, 14]
        let c3_pre = self.c3.forward(s2.clone()); // [b, 16, 10, 10]
        let c3 = self.activate(c3_pre.clone());
        let s4 = self.subsample(&LAYERS[4], c3.clone()); // [b, 16, 5, 5]
        let c5_pre: Tensor<2> = self.c5.forward(s4.clone()).flatten(1, 3); // [b, 120]
        let c5 = self.activate(c5_pre.clone());
        let f6_pre = self.f6.forward(c5.clone()); // [b, 84]
        let f6 = self.activate(f6_pre.clone());
        let logits = self.output.forward(f6.clone()); // [b, 10]
        Trace {
            c1_pre,
            c1,
            s2,
            c3_pre,
            c3,
            s4,
            c5_pre,
            c5,
            f6_pre,
            f6,
            logits,
        }
    }

    /// Class scores before softmax.
    ///
    /// # Shapes
    /// - `x`: `[b, 1, 32, 32]` (see [`prepare_input`]); returns `[b, 10]`
    pub fn forward(&self, x: Tensor<4>) -> Tensor<2> {
        self.forward_trace(x).logits
    }

    /// Class probabilities.
    ///
    /// # Shapes
    /// - `x`: `[b, 1, 32, 32]`; returns `[b, 10]`, rows summing to 1
    pub fn probabilities(&self, x: Tensor<4>) -> Tensor<2> {
        softmax(self.forward(x), 1)
    }
}

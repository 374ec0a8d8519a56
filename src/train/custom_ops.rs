//! Training's custom operations, registered with burn through its backend-extension mechanism:
//! tanh, 2×2 stride-2 average pooling and a valid stride-1 convolution with bias (C3), each a
//! single pass of [`super::kernels`] forward and backward instead of a composition of burn
//! operations (a profile of a classic training step had burn's C3 convolution forward at
//! 15 %, its weight gradient at 10 % and its input gradient at 9 %).
//!
//! [`TrainOps`] is implemented by burn-flex and burn-ndarray (forward: read the values, run the
//! loop, wrap the result) and by burn's `Autodiff` over them with handwritten backward passes
//! ([`super::custom_autodiff`]). The functions at the end ([`tanh`], [`avg_pool_2x2`],
//! [`conv_valid`]) are what the model calls: they check that their input fits the custom
//! operation and otherwise run burn's own operation, so nothing here can panic on a shape.

// burn-ndarray is deprecated in burn 0.22 and kept on purpose (src/backend.rs).
#![allow(deprecated)]

use burn::backend::tensor::FloatTensor;
use burn::backend::{Backend, DType, Dispatch, TensorMetadata, backend_extension};
use burn::nn::PaddingConfig2d;
use burn::nn::conv::Conv2d;
use burn::tensor::Tensor;
use burn::tensor::module::avg_pool2d;
use burn::tensor::ops::AvgPoolOptions;

use super::host::Host;
use super::kernels;
use crate::ops::direct::conv::ConvGeometry;

/// The custom training operations on a backend's primitives.
#[backend_extension(
    Flex: cfg(feature = "flex"),
    NdArray: cfg(feature = "ndarray"),
    Autodiff
)]
pub trait TrainOps: Backend {
    /// `tanh(x)` elementwise.
    fn train_tanh(x: FloatTensor<Self>) -> FloatTensor<Self>;

    /// 2×2 average pooling with stride 2.
    ///
    /// # Shapes
    /// - `x`: `[b, c, h, w]`, h and w even; returns `[b, c, h/2, w/2]`
    fn train_avg_pool_2x2(x: FloatTensor<Self>) -> FloatTensor<Self>;

    /// Valid, stride-1, undilated, ungrouped convolution plus bias.
    ///
    /// # Shapes
    /// - `x`: `[b, C, H, W]`; `weight`: `[O, C, K, K]`; `bias`: `[O]`
    /// - returns `[b, O, H−K+1, W−K+1]`
    fn train_conv_valid(
        x: FloatTensor<Self>,
        weight: FloatTensor<Self>,
        bias: FloatTensor<Self>,
    ) -> FloatTensor<Self>;
}

/// The forward passes on a host backend (the bodies of the flex and ndarray implementations).
pub(crate) mod forward {
    use super::*;

    pub fn tanh<B: Host>(x: FloatTensor<B>) -> FloatTensor<B> {
        let y = B::with_values(&x, kernels::tanh);
        B::from_values(y, x.shape().as_slice(), &x.device())
    }

    pub fn avg_pool_2x2<B: Host>(x: FloatTensor<B>) -> FloatTensor<B> {
        let (b, c, h, w) = dims4(&x.shape());
        let y = B::with_values(&x, |v| kernels::avg_pool(v, b * c, h, w));
        B::from_values(y, &[b, c, h / 2, w / 2], &x.device())
    }

    pub fn conv_valid<B: Host>(
        x: FloatTensor<B>,
        weight: FloatTensor<B>,
        bias: FloatTensor<B>,
    ) -> FloatTensor<B> {
        let (b, g) = geometry(&x.shape(), &weight.shape());
        let [o, ..] = g.weight;
        let y = B::with_values(&x, |xv| {
            B::with_values(&weight, |wv| {
                B::with_values(&bias, |bv| kernels::conv_forward(xv, wv, bv, b, &g))
            })
        });
        B::from_values(y, &[b, o, g.output[0], g.output[1]], &x.device())
    }
}

/// `[b, c, h, w]` of a shape already checked to have four dimensions (zeros otherwise).
pub(crate) fn dims4(shape: &burn::backend::Shape) -> (usize, usize, usize, usize) {
    match shape.as_slice() {
        &[b, c, h, w] => (b, c, h, w),
        _ => (0, 0, 0, 0),
    }
}

/// The batch size and one image's geometry of a convolution whose shapes
/// [`conv_valid`] checked (a degenerate 1×1 geometry otherwise).
pub(crate) fn geometry(
    x: &burn::backend::Shape,
    w: &burn::backend::Shape,
) -> (usize, ConvGeometry) {
    let (b, c, h, wd) = dims4(x);
    let (o, cw, kh, kw) = dims4(w);
    match ConvGeometry::valid([c, h, wd], [o, cw, kh, kw]) {
        Ok(g) => (b, g),
        // Nothing runs on a batch of 0.
        Err(_) => (
            0,
            ConvGeometry {
                input: [1, 1, 1],
                weight: [1, 1, 1, 1],
                params: Default::default(),
                output: [1, 1],
            },
        ),
    }
}

/// `TrainOps` on an inner backend: the forward passes of [`forward`] (the same for every
/// backend that implements [`Host`]).
macro_rules! train_ops_on {
    ($backend:ty) => {
        impl TrainOps for $backend {
            fn train_tanh(x: FloatTensor<Self>) -> FloatTensor<Self> {
                forward::tanh::<Self>(x)
            }
            fn train_avg_pool_2x2(x: FloatTensor<Self>) -> FloatTensor<Self> {
                forward::avg_pool_2x2::<Self>(x)
            }
            fn train_conv_valid(
                x: FloatTensor<Self>,
                weight: FloatTensor<Self>,
                bias: FloatTensor<Self>,
            ) -> FloatTensor<Self> {
                forward::conv_valid::<Self>(x, weight, bias)
            }
        }
    };
}

#[cfg(feature = "flex")]
train_ops_on!(burn::backend::Flex);
#[cfg(feature = "ndarray")]
train_ops_on!(burn::backend::NdArray);

/// Whether the custom operations can take `x` (f32 values; other float types run burn's).
fn custom<const D: usize>(x: &Tensor<D>) -> bool {
    x.dtype() == DType::F32
}

/// `tanh(x)`, burn's `tanh` in one pass forward and backward (`g·(1 − y²)` from the output).
pub fn tanh<const D: usize>(x: Tensor<D>) -> Tensor<D> {
    if !custom(&x) {
        return x.tanh();
    }
    Tensor::from_dispatch(<Dispatch as TrainOps>::train_tanh(x.into_dispatch()))
}

/// `avg_pool2d` with a 2×2 kernel and stride 2 (no padding), in one pass forward and
/// backward. Odd sizes run burn's `avg_pool2d`.
///
/// # Shapes
/// - `x`: `[b, c, h, w]`; returns `[b, c, ⌊h/2⌋, ⌊w/2⌋]`
pub fn avg_pool_2x2(x: Tensor<4>) -> Tensor<4> {
    let [b, c, h, w] = x.dims();
    if !custom(&x) || h % 2 != 0 || w % 2 != 0 || b * c * h * w == 0 {
        return avg_pool2d(x, AvgPoolOptions::new([2, 2]));
    }
    Tensor::from_dispatch(<Dispatch as TrainOps>::train_avg_pool_2x2(
        x.into_dispatch(),
    ))
}

/// `conv.forward(x)` for a valid, stride-1, undilated, ungrouped convolution with bias (C3)
/// on the direct kernels, forward and backward; any other convolution runs burn's.
///
/// # Shapes
/// - `x`: `[b, C, H, W]`; returns `[b, O, H−K+1, W−K+1]`
pub fn conv_valid(conv: &Conv2d, x: Tensor<4>) -> Tensor<4> {
    let [b, c, h, w] = x.dims();
    let weight = conv.weight.val();
    let [_, cw, kh, kw] = weight.dims();
    let plain = conv.stride == [1, 1]
        && conv.dilation == [1, 1]
        && conv.groups == 1
        && matches!(
            conv.padding,
            PaddingConfig2d::Valid | PaddingConfig2d::Explicit(0, 0, 0, 0)
        );
    let fits = b > 0 && cw == c && kh <= h && kw <= w;
    let Some(bias) = conv.bias.as_ref().map(|p| p.val()) else {
        return conv.forward(x);
    };
    let one_bias_each = bias.dims()[0] == weight.dims()[0];
    if !(plain && fits && one_bias_each && custom(&x) && custom(&weight) && custom(&bias))
        || ConvGeometry::valid([c, h, w], weight.dims()).is_err()
    {
        return conv.forward(x);
    }
    Tensor::from_dispatch(<Dispatch as TrainOps>::train_conv_valid(
        x.into_dispatch(),
        weight.into_dispatch(),
        bias.into_dispatch(),
    ))
}

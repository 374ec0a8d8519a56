//! Training's custom operations (`convscope::train::custom_ops`: tanh, 2×2 average pooling, C3's
//! valid convolution) against burn's own operations on every compiled backend: the same
//! forward values, and the same gradients as burn's autodiff of the reference operation, which
//! in turn agree with central finite differences of the custom forward pass.
#![cfg(feature = "train")]

use burn::tensor::module::{avg_pool2d, conv2d};
use burn::tensor::ops::{AvgPoolOptions, ConvOptions};
use burn::tensor::{Device, Tensor, TensorData};
use convscope::Backend;
use convscope::train::custom_ops::{avg_pool_2x2, conv_valid, tanh};

/// Deterministic values in about [−2.5, 2.5] (wide enough for tanh's saturation).
fn values(n: usize, seed: usize) -> Vec<f32> {
    (0..n)
        .map(|i| (((i * 7919 + seed * 104_729) % 1009) as f32 / 1009.0 - 0.5) * 5.0)
        .collect()
}

fn tensor<const D: usize>(dims: [usize; D], seed: usize, device: &Device) -> Tensor<D> {
    let n = dims.iter().product();
    Tensor::from_data(TensorData::new(values(n, seed), dims), device)
}

fn host<const D: usize>(t: Tensor<D>) -> Vec<f32> {
    t.into_data().try_to_vec::<f32>().unwrap()
}

/// `got` equals `want` within `tol` relative to the largest value of `want` (gradients are
/// sums of hundreds of products that partly cancel: their rounding follows the terms' size,
/// not the result's).
fn assert_close(got: &[f32], want: &[f32], tol: f32, what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: lengths");
    let scale = 1.0 + want.iter().fold(0.0f32, |m, w| m.max(w.abs()));
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!((g - w).abs() <= tol * scale, "{what}[{i}]: {g} vs {w}");
    }
}

/// `Σ y · weights` with fixed pseudo-random weights: a scalar whose gradient reaches every
/// output with a different factor.
fn weigh<const D: usize>(y: Tensor<D>) -> Tensor<1> {
    let (dims, device) = (y.dims(), y.device());
    (y * tensor(dims, 99, &device)).sum()
}

/// `ours` and `reference` on `x` (which requires its gradient): the same output shape, the same
/// values within `tol[0]`, and the same gradient of [`weigh`] with respect to `x` within `tol[1]`.
fn assert_same_forward_and_gradient<const D: usize>(
    x: Tensor<D>,
    ours: impl Fn(Tensor<D>) -> Tensor<D>,
    reference: impl Fn(Tensor<D>) -> Tensor<D>,
    tol: [f32; 2],
    what: &str,
) {
    let (y_ours, y_ref) = (ours(x.clone()), reference(x.clone()));
    assert_eq!(y_ours.dims(), y_ref.dims(), "{what}: shape");
    let forward = host(y_ours.clone());
    assert_close(
        &forward,
        &host(y_ref.clone()),
        tol[0],
        &format!("{what} forward"),
    );
    let g_ours = x.grad(&weigh(y_ours).backward()).unwrap();
    let g_ref = x.grad(&weigh(y_ref).backward()).unwrap();
    assert_close(
        &host(g_ours),
        &host(g_ref),
        tol[1],
        &format!("{what} gradient"),
    );
}

#[test]
fn tanh_forward_and_gradient_equal_burns_tanh_on_every_backend() {
    for backend in Backend::ALL {
        let x = tensor([3, 5, 7, 9], 1, &backend.device().autodiff()).require_grad();
        assert_same_forward_and_gradient(x, tanh, |x| x.tanh(), [1e-6, 1e-5], "tanh");
        // Without autodiff (the evaluation path).
        let plain = tensor([2, 50], 2, &backend.device());
        let forward = host(tanh(plain.clone()));
        assert_close(&forward, &host(plain.tanh()), 1e-6, "tanh, no autodiff");
    }
}

#[test]
fn avg_pool_forward_and_gradient_equal_burns_avg_pool2d_on_every_backend() {
    for backend in Backend::ALL {
        let x = tensor([3, 4, 10, 6], 3, &backend.device().autodiff()).require_grad();
        assert_eq!(avg_pool_2x2(x.clone()).dims(), [3, 4, 5, 3]);
        let reference = |x| avg_pool2d(x, AvgPoolOptions::new([2, 2]));
        assert_same_forward_and_gradient(x, avg_pool_2x2, reference, [1e-6; 2], "pool");
        // Odd sizes fall back to burn's operation (floor, as PyTorch).
        let odd = tensor([1, 2, 5, 7], 4, &backend.device());
        assert_eq!(avg_pool_2x2(odd).dims(), [1, 2, 2, 3]);
    }
}

/// A 6→16 channel 5×5 convolution with bias, as C3 (the layer burn's `Conv2d` holds).
fn c3(device: &Device) -> burn::nn::conv::Conv2d {
    use burn::module::Param;
    let mut conv = burn::nn::conv::Conv2dConfig::new([6, 16], [5, 5]).init(device);
    conv.weight = Param::from_tensor(tensor([16, 6, 5, 5], 5, device).mul_scalar(0.1));
    conv.bias = Some(Param::from_tensor(tensor([16], 6, device)));
    conv
}

#[test]
fn c3_convolution_forward_and_gradients_equal_burns_conv2d_on_every_backend() {
    for backend in Backend::ALL {
        let device = backend.device().autodiff();
        let conv = c3(&device);
        let x = tensor([3, 6, 14, 14], 7, &device).require_grad();
        let ours = conv_valid(&conv, x.clone());
        let bias = conv.bias.as_ref().unwrap();
        // burn's conv2d function itself (not the module, which may take another route).
        let reference = conv2d(
            x.clone(),
            conv.weight.val(),
            Some(bias.val()),
            ConvOptions::new([1, 1], [0, 0], [1, 1], 1),
        );
        assert_eq!(ours.dims(), [3, 16, 10, 10]);
        assert_close(
            &host(ours.clone()),
            &host(reference.clone()),
            1e-5,
            "conv forward",
        );
        let grads_ours = weigh(ours).backward();
        let grads_ref = weigh(reference).backward();
        for (what, a, b) in [
            (
                "input gradient",
                x.grad(&grads_ours).map(host),
                x.grad(&grads_ref).map(host),
            ),
            (
                "weight gradient",
                conv.weight.grad(&grads_ours).map(host),
                conv.weight.grad(&grads_ref).map(host),
            ),
            (
                "bias gradient",
                bias.grad(&grads_ours).map(host),
                bias.grad(&grads_ref).map(host),
            ),
        ] {
            assert_close(&a.unwrap(), &b.unwrap(), 1e-5, what);
        }
        // Without autodiff (the evaluation path).
        let plain = c3(&backend.device());
        let x = tensor([2, 6, 14, 14], 8, &backend.device());
        assert_close(
            &host(conv_valid(&plain, x.clone())),
            &host(plain.forward(x)),
            1e-5,
            "conv forward, no autodiff",
        );
    }
}

/// `d/dθ Σ f(θ)·weights` by central differences in f64 of an f32 function, at a few entries.
fn finite_difference(f: &dyn Fn(&[f32]) -> f64, at: &[f32], entries: &[usize]) -> Vec<f32> {
    let h = 1e-2f32;
    entries
        .iter()
        .map(|&i| {
            let (mut up, mut down) = (at.to_vec(), at.to_vec());
            up[i] += h;
            down[i] -= h;
            ((f(&up) - f(&down)) / (2.0 * h as f64)) as f32
        })
        .collect()
}

#[test]
fn custom_gradients_agree_with_finite_differences_of_the_custom_forward_passes() {
    for backend in Backend::ALL {
        let (plain, device) = (backend.device(), backend.device().autodiff());
        let dims = [2, 6, 8, 8];
        let x0 = values(dims.iter().product(), 11);
        // A small chain of all three operations: conv → tanh → pool, weighed.
        let conv = c3(&plain);
        let chain = |x: Tensor<4>, conv: &burn::nn::conv::Conv2d| {
            weigh(avg_pool_2x2(tanh(conv_valid(conv, x.mul_scalar(0.3)))))
        };
        let f = |x: &[f32]| -> f64 {
            let x = Tensor::from_data(TensorData::new(x.to_vec(), dims), &plain);
            host(chain(x, &conv))[0] as f64
        };
        let x = Tensor::<4>::from_data(TensorData::new(x0.clone(), dims), &device).require_grad();
        let conv_ad = c3(&device);
        let grads = chain(x.clone(), &conv_ad).backward();
        let analytic = host(x.grad(&grads).unwrap());
        let entries = [0, 17, 64, 100, 255, 383, 500, 767];
        let numeric = finite_difference(&f, &x0, &entries);
        let picked: Vec<f32> = entries.iter().map(|&i| analytic[i]).collect();
        assert_close(
            &picked,
            &numeric,
            2e-2,
            "input gradient vs finite differences",
        );
    }
}

//! C1 and C5 of LeNet-5 in training, as matrix products on burn's autodiff: the same
//! convolutions (same parameters, same sums up to float rounding) in a form whose backward
//! pass is one or two matrix products instead of burn's generic convolution backward.
//!
//! - C5 (16@5×5 → 120@1×1) sees its whole input: it is the dense layer `x · Wᵀ` on the
//!   flattened `[b, 400]` input. burn-flex ran it as one matrix-vector product per image and
//!   its backward as a convolution and a transposed convolution.
//! - C1 (1@32×32 → 6@28×28) reads the input, which needs no gradient: its 5×5 patches are
//!   cut on the host once per batch (`[b, 25, 784]`, a constant) and C1 is `W · patches`
//!   per image. burn computes C1's weight gradient as a convolution of the batch with the
//!   output gradient as a 28×28 kernel (an im2col copy of 25 × 25,088 values per step); here
//!   it is `grad · patchesᵀ` summed over the batch.

use burn::nn::conv::Conv2d;
use burn::tensor::{Device, Tensor, TensorData};

/// The `k×k` patches of one-channel images for a stride-1 valid convolution, as the
/// right-hand side of `W · patches`: entry `(i, p)` of image `n` is pixel
/// `(y + i / k, x + i % k)` of that image for output position `p = y · (w − k + 1) + x`.
///
/// # Shapes
/// - `pixels`: `[b, 1, h, w]` row-major; returns `[b, k·k, (h−k+1)·(w−k+1)]`
pub fn patches(pixels: &[f32], b: usize, h: usize, w: usize, k: usize) -> Vec<f32> {
    let (oh, ow) = (h + 1 - k, w + 1 - k);
    let mut out = vec![0.0f32; b * k * k * oh * ow];
    for (img, dst) in pixels
        .chunks_exact(h * w)
        .zip(out.chunks_exact_mut(k * k * oh * ow))
    {
        for (i, row) in dst.chunks_exact_mut(oh * ow).enumerate() {
            let (dy, dx) = (i / k, i % k);
            for (y, out_row) in row.chunks_exact_mut(ow).enumerate() {
                let src = &img[(y + dy) * w + dx..][..ow];
                out_row.copy_from_slice(src);
            }
        }
    }
    out
}

/// A one-input-channel, stride-1, unpadded convolution (C1) as `W · patches` per image, on
/// the input's values `pixels` (row-major, `dims`).
///
/// # Shapes
/// - `pixels`: `dims` = `[b, 1, h, w]`, a constant (no gradient flows into it); returns
///   `[b, out, h−k+1, w−k+1]` for `conv`'s weight `[out, 1, k, k]`
pub fn conv_on_patches(
    conv: &Conv2d,
    pixels: &[f32],
    dims: [usize; 4],
    device: &Device,
) -> Tensor<4> {
    let [b, _, h, w] = dims;
    let [out, _, k, _] = conv.weight.dims();
    let (oh, ow) = (h + 1 - k, w + 1 - k);
    let cols = patches(pixels, b, h, w, k);
    let cols = Tensor::<3>::from_data(TensorData::new(cols, [b, k * k, oh * ow]), device);
    let weight = conv.weight.val().reshape([1, out, k * k]);
    let mut y = weight.matmul(cols); // [b, out, oh·ow]
    if let Some(bias) = &conv.bias {
        y = y + bias.val().reshape([1, out, 1]);
    }
    y.reshape([b, out, oh, ow])
}

/// A convolution whose kernel covers its whole input (C5) as a dense layer.
///
/// # Shapes
/// - `x`: `[b, c, k, k]` for `conv`'s weight `[out, c, k, k]`; returns `[b, out]`
pub fn conv_as_dense(conv: &Conv2d, x: Tensor<4>) -> Tensor<2> {
    let [b, c, kh, kw] = x.dims();
    let [out, ..] = conv.weight.dims();
    let weight = conv.weight.val().reshape([out, c * kh * kw]);
    let y = x.reshape([b, c * kh * kw]).matmul(weight.transpose()); // [b, out]
    match &conv.bias {
        Some(bias) => y + bias.val().reshape([1, out]),
        None => y,
    }
}

#[cfg(test)]
mod tests {
    use burn::module::Param;
    use burn::nn::conv::{Conv2d, Conv2dConfig};
    use burn::tensor::{Device, Tensor, TensorData};

    use super::{conv_as_dense, conv_on_patches, patches};
    use crate::backend::{Backend, download};

    /// A conv layer with the given deterministic weights, tracked on `device`.
    fn conv(out: usize, c: usize, k: usize, device: &Device) -> Conv2d {
        let mut layer = Conv2dConfig::new([c, out], [k, k]).init(device);
        let w: Vec<f32> = (0..out * c * k * k)
            .map(|i| ((i * 7919 % 23) as f32 - 11.0) / 40.0)
            .collect();
        let b: Vec<f32> = (0..out).map(|i| i as f32 / 10.0 - 0.2).collect();
        layer.weight = Param::from_tensor(Tensor::from_data(
            TensorData::new(w, [out, c, k, k]),
            device,
        ));
        layer.bias = Some(Param::from_tensor(Tensor::from_data(
            TensorData::new(b, [out]),
            device,
        )));
        layer
    }

    fn input(dims: [usize; 4], device: &Device) -> Tensor<4> {
        let n = dims.iter().product::<usize>();
        let v: Vec<f32> = (0..n).map(|i| ((i * 31 % 17) as f32 - 8.0) / 8.0).collect();
        Tensor::from_data(TensorData::new(v, dims), device)
    }

    /// Outputs and weight/bias gradients (of `Σ y·g` for a fixed `g`) of burn's conv2d and
    /// of a matmul form agree to float rounding.
    fn same_as_conv2d<const D: usize>(
        layer: &Conv2d,
        x: Tensor<4>,
        form: impl Fn(&Conv2d, Tensor<4>) -> Tensor<D>,
    ) {
        let reference = layer.forward(x.clone());
        let ours = form(layer, x);
        let n = ours.dims().iter().product::<usize>();
        let g: Vec<f32> = (0..n).map(|i| ((i * 13 % 7) as f32 - 3.0) / 3.0).collect();
        let (device, dims) = (ours.device(), ours.dims());
        let weigh =
            |y: Tensor<D>| (y * Tensor::from_data(TensorData::new(g.clone(), dims), &device)).sum();
        let (a, b) = (
            download(reference.clone().reshape(dims)).unwrap(),
            download(ours.clone()).unwrap(),
        );
        let grads_ref = weigh(reference.reshape(dims)).backward();
        let (wr, br) = (
            layer.weight.grad(&grads_ref).unwrap(),
            layer.bias.as_ref().unwrap().grad(&grads_ref).unwrap(),
        );
        let grads = weigh(ours).backward();
        let (wo, bo) = (
            layer.weight.grad(&grads).unwrap(),
            layer.bias.as_ref().unwrap().grad(&grads).unwrap(),
        );
        let close = |x: &[f32], y: &[f32], what: &str| {
            assert_eq!(x.len(), y.len(), "{what}");
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                assert!(
                    (p - q).abs() <= 1e-4 * (1.0 + p.abs()),
                    "{what}[{i}]: {p} vs {q}"
                );
            }
        };
        close(&a, &b, "output");
        close(
            &download(wr).unwrap(),
            &download(wo).unwrap(),
            "weight gradient",
        );
        close(
            &download(br).unwrap(),
            &download(bo).unwrap(),
            "bias gradient",
        );
    }

    #[test]
    fn c1_on_patches_matches_burns_conv2d_in_output_and_gradients() {
        let device = Backend::default().device().autodiff();
        let layer = conv(6, 1, 5, &device);
        same_as_conv2d(&layer, input([3, 1, 12, 12], &device), |l, x| {
            let (d, dims) = (x.device(), x.dims());
            conv_on_patches(l, &download(x).unwrap(), dims, &d)
        });
    }

    #[test]
    fn c5_as_dense_matches_burns_conv2d_in_output_and_gradients() {
        let device = Backend::default().device().autodiff();
        let layer = conv(12, 4, 5, &device);
        same_as_conv2d(&layer, input([3, 4, 5, 5], &device), conv_as_dense);
    }

    #[test]
    fn patches_hold_each_output_positions_window_in_kernel_order() {
        // Two 4×4 images with distinct values, 3×3 kernel → 2×2 outputs.
        let px: Vec<f32> = (0..32).map(|v| v as f32).collect();
        let p = patches(&px, 2, 4, 4, 3);
        assert_eq!(p.len(), 2 * 9 * 4);
        // Image 1, kernel entry (1, 2) (i = 5), output (1, 0) (p = 2): pixel (2, 2) = 16 + 10.
        assert_eq!(p[9 * 4 + 5 * 4 + 2], 26.0);
        // Image 0, kernel entry (0, 0), outputs in row-major order: pixels 0, 1, 4, 5.
        assert_eq!(&p[..4], &[0.0, 1.0, 4.0, 5.0]);
    }
}

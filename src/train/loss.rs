//! Cross-entropy, computed so that it can be checked by hand: mean over the batch of
//! `−log softmax(logits)[label]` (PyTorch's `F.cross_entropy`, `reduction='mean'`).

use burn::tensor::Tensor;
use burn::tensor::activation::log_softmax;

use crate::lenet::CLASSES;

/// Mean cross-entropy of `logits` against one-hot `targets`.
///
/// # Shapes
/// - `logits`, `targets`: `[b, classes]`; returns `[1]`
pub fn cross_entropy(logits: Tensor<2>, targets: Tensor<2>) -> Tensor<1> {
    let b = logits.dims()[0] as f64;
    (log_softmax(logits, 1) * targets).sum().neg().div_scalar(b)
}

/// Per-image cross-entropy and predicted class from host logits (`[b · 10]`), in f64.
pub fn host_loss_and_prediction(logits: &[f32], labels: &[usize]) -> Vec<(f64, usize)> {
    loss_and_prediction(logits, labels, CLASSES)
}

/// Per-image cross-entropy and predicted class from host logits `[b · n]` (`n` classes), in
/// f64.
pub fn loss_and_prediction<L: Copy + Into<usize>>(
    logits: &[f32],
    labels: &[L],
    n: usize,
) -> Vec<(f64, usize)> {
    logits
        .chunks_exact(n)
        .zip(labels)
        .map(|(row, &label)| {
            let (mut best, mut arg) = (f32::NEG_INFINITY, 0);
            for (c, &v) in row.iter().enumerate() {
                if v > best {
                    (best, arg) = (v, c);
                }
            }
            let m = best as f64;
            let lse = m + row.iter().map(|&v| (v as f64 - m).exp()).sum::<f64>().ln();
            (lse - row[label.into()] as f64, arg)
        })
        .collect()
}

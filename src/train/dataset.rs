//! Training and validation data as plain bytes, and batches made from them.
//!
//! An image is 28×28 `u8` (0 = background, 255 = ink, MNIST's convention), a label one `u8`
//! in 0..10. A batch goes through exactly the preparation inference uses
//! ([`crate::lenet::prepare_input`]: ink scaled to [0, 1], padded to 32×32, normalised with
//! the MNIST mean and standard deviation), after optional augmentation.

use burn::tensor::{Device, Tensor};

use crate::backend::upload;
use crate::data::augment::Augment;
use crate::data::rng::Rng;
use crate::error::{Code, ParamError};
use crate::lenet::{CLASSES, IMAGE_PIXELS, PADDED_SIDE, prepare_input};

use super::config::OP;

/// Checks that `labels` labels (argument `param` of `op`) are one per image of `images`.
pub fn check_label_count(
    op: &'static str,
    param: &str,
    labels: usize,
    images: usize,
) -> Result<(), ParamError> {
    if labels == images {
        return Ok(());
    }
    let why = format!("expected one label per image ({images}), got {labels}");
    Err(ParamError::new(op, param, why)
        .with_code(Code::ShapeMismatch)
        .with_expected(images)
        .with_got(labels))
}

/// How many 28×28 images `len` values (argument `param` of `op`, counted in `unit`: "bytes" or
/// "values") hold: `len` must be a multiple of 784, and not 0 when `at_least_one`.
pub fn image_count(
    op: &'static str,
    param: &str,
    len: usize,
    unit: &str,
    at_least_one: bool,
) -> Result<usize, ParamError> {
    if len.is_multiple_of(IMAGE_PIXELS) && !(at_least_one && len == 0) {
        return Ok(len / IMAGE_PIXELS);
    }
    let k = if at_least_one { "k ≥ 1" } else { "k ≥ 0" };
    let why = format!("expected k·{IMAGE_PIXELS} {unit} (28×28 per image, {k}), got {len}");
    Err(ParamError::new(op, param, why)
        .with_code(Code::ShapeMismatch)
        .with_got(len))
}

/// Checks that every label (argument `param` of `op`) is a class below `classes`.
pub fn check_labels(
    op: &'static str,
    param: &str,
    labels: &[u8],
    classes: usize,
) -> Result<(), ParamError> {
    let Some(i) = labels.iter().position(|&l| l as usize >= classes) else {
        return Ok(());
    };
    let top = classes.saturating_sub(1);
    let why = format!("expected labels 0 to {top}, got {} at index {i}", labels[i]);
    Err(ParamError::new(op, param, why)
        .with_got(labels[i] as f64)
        .with_limit(top))
}

/// Images and labels, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    pixels: Vec<u8>,
    labels: Vec<u8>,
}

impl Dataset {
    /// `pixels`: `n · 784` bytes; `labels`: `n` bytes in 0..10. Errors name `{name}Pixels` /
    /// `{name}Labels` (`name` is `"train"` or `"val"`, as the JS constructor calls them).
    pub fn new(pixels: Vec<u8>, labels: Vec<u8>, name: &str) -> Result<Self, ParamError> {
        let lb = format!("{name}Labels");
        let k = image_count(OP, &format!("{name}Pixels"), pixels.len(), "bytes", false)?;
        check_label_count(OP, &lb, labels.len(), k)?;
        check_labels(OP, &lb, &labels, CLASSES)?;
        Ok(Self { pixels, labels })
    }

    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Image `i`'s 784 bytes.
    pub fn image(&self, i: usize) -> &[u8] {
        &self.pixels[i * IMAGE_PIXELS..(i + 1) * IMAGE_PIXELS]
    }

    pub fn label(&self, i: usize) -> usize {
        self.labels[i] as usize
    }

    /// Image `i` as ink in [0, 1].
    pub fn ink(&self, i: usize) -> Vec<f32> {
        self.image(i).iter().map(|&b| b as f32 / 255.0).collect()
    }
}

/// A batch on its device.
///
/// # Shapes
/// - `x`: `[b, 1, 32, 32]`, prepared; `targets`: `[b, 10]` one-hot; `labels`: `b` classes
/// - `ink`: `[k * 784]`, the first `k` images as the network saw them (augmented, before
///   normalisation; `k` as asked of [`batch`])
pub struct Batch {
    pub x: Tensor<4>,
    pub targets: Tensor<2>,
    pub labels: Vec<usize>,
    pub ink: Vec<f32>,
}

/// The images `idx` of `data` (each augmented with `augment` from `rng` when given), prepared
/// as inference prepares a digit; the first `keep` images' ink is kept for previews.
pub fn batch(
    data: &Dataset,
    idx: &[u32],
    augment: Option<(&Augment, &mut Rng)>,
    keep: usize,
    device: &Device,
) -> Batch {
    let b = idx.len();
    let mut x = Vec::with_capacity(b * PADDED_SIDE * PADDED_SIDE);
    let mut aug = augment.filter(|(a, _)| a.is_active());
    let mut kept = Vec::with_capacity(keep.min(b) * IMAGE_PIXELS);
    for (n, &i) in idx.iter().enumerate() {
        let ink = data.ink(i as usize);
        let ink = match aug.as_mut() {
            Some((a, rng)) => a.apply(&ink, rng),
            None => ink,
        };
        x.extend(prepare_input(&ink));
        if n < keep {
            kept.extend_from_slice(&ink);
        }
    }
    let labels: Vec<usize> = idx.iter().map(|&i| data.label(i as usize)).collect();
    let mut onehot = vec![0.0f32; b * CLASSES];
    for (row, &l) in labels.iter().enumerate() {
        onehot[row * CLASSES + l] = 1.0;
    }
    Batch {
        x: upload(&x, [b, 1, PADDED_SIDE, PADDED_SIDE], device),
        targets: upload(&onehot, [b, CLASSES], device),
        labels,
        ink: kept,
    }
}

//! A transfer-learning task: 2–10 named classes and a few examples of each (drawings as
//! `preprocessDigit` returns them), checked into named errors before anything trains.

use crate::data::preprocess::INK_THRESHOLD;
use crate::error::{Code, ParamError};
use crate::lenet::IMAGE_PIXELS;

use super::dataset::{check_label_count, check_labels, image_count};
use super::transfer_config::OP;

pub const MIN_CLASSES: usize = crate::data::alphabet::MIN_CLASSES;
pub const MAX_CLASSES: usize = crate::data::alphabet::MAX_CLASSES;
/// Longest class name, in characters.
pub const MAX_NAME_CHARS: usize = 32;
/// Most examples in one task (10 classes × 200).
pub const MAX_EXAMPLES: usize = 2000;

/// Checked class names and examples.
///
/// # Shapes
/// - `pixels`: `[k * 784]` ink in [0, 1]; `labels`: `[k]`, each below `classes.len()`
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub classes: Vec<String>,
    pub pixels: Vec<f32>,
    pub labels: Vec<u8>,
}

/// Checks class names (count, empty, too long, duplicates); names are trimmed.
pub fn check_classes(op: &'static str, names: &[String]) -> Result<Vec<String>, ParamError> {
    let n = names.len();
    if !(MIN_CLASSES..=MAX_CLASSES).contains(&n) {
        let (bound, limit, code) = if n < MIN_CLASSES {
            ("least", MIN_CLASSES, Code::TooFewClasses)
        } else {
            ("most", MAX_CLASSES, Code::TooManyClasses)
        };
        let why = format!("expected at {bound} {limit} classes, got {n}");
        return Err(ParamError::new(op, "classNames", why)
            .with_code(code)
            .with_got(n)
            .with_limit(limit));
    }
    let mut out: Vec<String> = Vec::with_capacity(n);
    for (i, name) in names.iter().enumerate() {
        let name = name.trim();
        if name.is_empty() {
            return Err(
                ParamError::new(op, "classNames", format!("class {i} has an empty name"))
                    .with_code(Code::EmptyClassName)
                    .with_got(i),
            );
        }
        if name.chars().count() > MAX_NAME_CHARS {
            let why = format!("class {i}'s name is over {MAX_NAME_CHARS} characters");
            return Err(ParamError::new(op, "classNames", why)
                .with_code(Code::TooLarge)
                .with_got(i)
                .with_limit(MAX_NAME_CHARS));
        }
        if out.iter().any(|o| o == name) {
            let why = format!("the class name {name:?} is given twice");
            return Err(ParamError::new(op, "classNames", why)
                .with_code(Code::DuplicateClassName)
                .with_got(name));
        }
        out.push(name.to_string());
    }
    Ok(out)
}

/// Checks images and labels against `n` classes: `k·784` finite values in [0, 1], `k` labels
/// below `n`, no blank image. Errors name `pixels_param` / `labels_param`.
pub fn check_images(
    op: &'static str,
    (pixels_param, labels_param): (&str, &str),
    pixels: &[f32],
    labels: &[u8],
    n: usize,
) -> Result<(), ParamError> {
    let k = image_count(op, pixels_param, pixels.len(), "values", true)?;
    check_label_count(op, labels_param, labels.len(), k)?;
    check_labels(op, labels_param, labels, n)?;
    if let Some(i) = pixels.iter().position(|v| !(0.0..=1.0).contains(v)) {
        let why = format!(
            "expected ink values in [0, 1], got {} at index {i}",
            crate::error::js_number(pixels[i] as f64)
        );
        return Err(ParamError::new(op, pixels_param, why).with_got(pixels[i] as f64));
    }
    if let Some(i) = (0..k).find(|&i| is_blank(&pixels[i * IMAGE_PIXELS..(i + 1) * IMAGE_PIXELS])) {
        return Err(
            ParamError::new(op, pixels_param, format!("image {i} is blank (no ink)"))
                .with_code(Code::BlankDrawing)
                .with_got(i),
        );
    }
    Ok(())
}

/// Whether a 28×28 image has no ink above the drawing pad's threshold.
pub fn is_blank(pixels: &[f32]) -> bool {
    pixels.iter().all(|&v| v < INK_THRESHOLD)
}

impl Task {
    /// A checked task (see the module docs); every error is named and nothing is kept.
    pub fn new(names: &[String], pixels: Vec<f32>, labels: Vec<u8>) -> Result<Self, ParamError> {
        let classes = check_classes(OP, names)?;
        if pixels.len() > MAX_EXAMPLES * IMAGE_PIXELS {
            let why = format!("expected at most {MAX_EXAMPLES} examples");
            return Err(ParamError::new(OP, "pixels", why)
                .with_code(Code::TooLarge)
                .with_limit(MAX_EXAMPLES));
        }
        check_images(OP, ("pixels", "labels"), &pixels, &labels, classes.len())?;
        if let Some(c) = (0..classes.len()).find(|&c| !labels.contains(&(c as u8))) {
            let why = format!("class {:?} has no example", classes[c]);
            return Err(ParamError::new(OP, "labels", why)
                .with_code(Code::ClassWithoutExamples)
                .with_got(classes[c].as_str()));
        }
        Ok(Self {
            classes,
            pixels,
            labels,
        })
    }

    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }
}

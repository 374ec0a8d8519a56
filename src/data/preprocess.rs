//! Canvas drawing → MNIST-like 28×28 digit.
//!
//! MNIST's digits were size-normalised to fit a 20×20 box (keeping their aspect ratio, with
//! anti-aliasing), then placed in a 28×28 field so that their centre of mass is at the centre
//! (LeCun et al., "The MNIST database" page). A network trained on MNIST expects exactly that,
//! so a student's drawing — any size, anywhere on the pad, any stroke width — goes through the
//! same steps before it reaches LeNet-5:
//!
//! 1. ink per pixel: contrast of its luminance (composited over white) against the background,
//!    taken as the mean luminance of the canvas border; dark-on-light, light-on-dark and
//!    transparent canvases all work;
//! 2. crop to the bounding box of the ink;
//! 3. scale the longer side to 20 px with area averaging (anti-aliased);
//! 4. place in 28×28 with the centre of mass at the centre (14, 14);
//! 5. stretch so the strongest ink is 1 (MNIST strokes saturate at 255).

use crate::data::image::Gray;
use crate::error::{Code, ParamError};
use crate::lenet::{IMAGE_PIXELS, IMAGE_SIDE};

/// Side of the box MNIST digits are scaled into.
pub const DIGIT_BOX: usize = 20;
/// Largest canvas side accepted, px (bounds the memory of the intermediate images).
pub const MAX_CANVAS: usize = 4096;
/// Ink below this (fraction of full contrast) is treated as background noise when cropping.
pub const INK_THRESHOLD: f32 = 0.1;

/// Ink intensity of each pixel of an RGBA canvas, in [0, 1].
///
/// # Shapes
/// - `rgba`: `[height * width * 4]`, row-major, as `ImageData.data`
/// - returns a `width × height` image
pub fn ink(rgba: &[u8], width: usize, height: usize) -> Gray {
    let lum: Vec<f32> = rgba
        .chunks_exact(4)
        .map(|p| {
            let a = p[3] as f32 / 255.0;
            let l = 0.299 * p[0] as f32 + 0.587 * p[1] as f32 + 0.114 * p[2] as f32;
            a * l + (1.0 - a) * 255.0
        })
        .collect();
    let mut border = 0.0f64;
    let mut n = 0usize;
    for y in 0..height {
        for x in 0..width {
            if y == 0 || x == 0 || y + 1 == height || x + 1 == width {
                border += lum[y * width + x] as f64;
                n += 1;
            }
        }
    }
    let bg = (border / n.max(1) as f64) as f32;
    // Full contrast is the distance from the background to the farther extreme.
    let range = bg.max(255.0 - bg).max(1.0);
    Gray {
        width,
        height,
        data: lum
            .iter()
            .map(|&l| ((l - bg).abs() / range).clamp(0.0, 1.0))
            .collect(),
    }
}

/// What [`preprocess_digit`] found.
#[derive(Debug, Clone, PartialEq)]
pub enum Digit {
    /// The 28×28 input for LeNet-5, row-major, ink = 1.
    Pixels(Vec<f32>),
    /// No ink above [`INK_THRESHOLD`]: nothing was drawn.
    Empty,
}

/// Turns an RGBA canvas into an MNIST-like digit (see the module docs).
///
/// # Shapes
/// - `rgba`: `[height * width * 4]`; returns `Digit::Pixels` of `[28 * 28]`
pub fn preprocess_digit(rgba: &[u8], width: usize, height: usize) -> Result<Digit, ParamError> {
    const OP: &str = "preprocessDigit";
    if width == 0 || height == 0 || width > MAX_CANVAS || height > MAX_CANVAS {
        return Err(ParamError::new(
            OP,
            if width == 0 || width > MAX_CANVAS {
                "width"
            } else {
                "height"
            },
            format!(
                "expected a canvas between 1×1 and {MAX_CANVAS}×{MAX_CANVAS}, got {width}×{height}"
            ),
        ));
    }
    if rgba.len() != width * height * 4 {
        return Err(ParamError::new(
            OP,
            "rgba",
            format!(
                "a {width}×{height} canvas has {} RGBA bytes, got {}",
                width * height * 4,
                rgba.len()
            ),
        )
        .with_code(Code::ShapeMismatch)
        .with_expected(width * height * 4)
        .with_got(rgba.len()));
    }
    let ink = ink(rgba, width, height);
    // Bounding box of the ink.
    let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
    for y in 0..height {
        for x in 0..width {
            if ink.get(x, y) >= INK_THRESHOLD {
                x0 = x0.min(x);
                y0 = y0.min(y);
                x1 = x1.max(x + 1);
                y1 = y1.max(y + 1);
            }
        }
    }
    if x0 == usize::MAX {
        return Ok(Digit::Empty);
    }
    let (bw, bh) = (x1 - x0, y1 - y0);
    let cropped = ink.crop(x0, y0, bw, bh);
    // Longer side to 20 px, aspect ratio kept (at least 1 px on the short side).
    let scale = DIGIT_BOX as f32 / bw.max(bh) as f32;
    let sw = ((bw as f32 * scale).round() as usize).clamp(1, DIGIT_BOX);
    let sh = ((bh as f32 * scale).round() as usize).clamp(1, DIGIT_BOX);
    let small = cropped.resize_area(sw, sh);
    // Centre of mass to (14, 14), by whole pixels as in MNIST.
    let (cx, cy) = small
        .center_of_mass()
        .unwrap_or((sw as f32 / 2.0, sh as f32 / 2.0));
    let half = IMAGE_SIDE as f32 / 2.0;
    let ox = (half - cx).round() as i64;
    let oy = (half - cy).round() as i64;
    let mut out = vec![0.0f32; IMAGE_PIXELS];
    for y in 0..sh {
        for x in 0..sw {
            let (tx, ty) = (x as i64 + ox, y as i64 + oy);
            if (0..IMAGE_SIDE as i64).contains(&tx) && (0..IMAGE_SIDE as i64).contains(&ty) {
                out[ty as usize * IMAGE_SIDE + tx as usize] = small.get(x, y);
            }
        }
    }
    let peak = out.iter().cloned().fold(0.0f32, f32::max);
    if peak > 0.0 {
        for v in &mut out {
            *v = (*v / peak).min(1.0);
        }
    }
    Ok(Digit::Pixels(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canvas(
        w: usize,
        h: usize,
        ink_at: impl Fn(usize, usize) -> bool,
        dark_on_light: bool,
    ) -> Vec<u8> {
        let mut out = Vec::with_capacity(w * h * 4);
        for y in 0..h {
            for x in 0..w {
                let on = ink_at(x, y);
                let v = if on == dark_on_light { 0 } else { 255 };
                out.extend_from_slice(&[v, v, v, 255]);
            }
        }
        out
    }

    #[test]
    fn blank_canvas_is_reported_as_empty_not_nan() {
        let c = canvas(50, 40, |_, _| false, true);
        assert_eq!(preprocess_digit(&c, 50, 40), Ok(Digit::Empty));
        let transparent = vec![0u8; 30 * 30 * 4];
        assert_eq!(preprocess_digit(&transparent, 30, 30), Ok(Digit::Empty));
    }

    #[test]
    fn a_tall_bar_anywhere_becomes_a_20_pixel_bar_centred_at_14() {
        for dark in [true, false] {
            // 10 px wide, 200 px tall bar near the right edge of a 400×300 canvas.
            let c = canvas(
                400,
                300,
                |x, y| (350..360).contains(&x) && (50..250).contains(&y),
                dark,
            );
            let Ok(Digit::Pixels(p)) = preprocess_digit(&c, 400, 300) else {
                panic!()
            };
            let rows: Vec<usize> = (0..28)
                .filter(|&y| (0..28).any(|x| p[y * 28 + x] > 0.5))
                .collect();
            assert_eq!(rows.len(), 20, "{dark}");
            assert_eq!((rows[0], rows[19]), (4, 23));
            let cols: Vec<usize> = (0..28)
                .filter(|&x| (0..28).any(|y| p[y * 28 + x] > 0.5))
                .collect();
            assert!(
                cols == vec![13] || cols == vec![14],
                "a 1 px wide bar next to the centre line: {cols:?}"
            );
            assert!(p.iter().all(|v| v.is_finite() && (0.0..=1.0).contains(v)));
        }
    }

    #[test]
    fn wrong_buffer_length_names_rgba() {
        assert_eq!(preprocess_digit(&[0; 10], 2, 2).unwrap_err().param, "rgba");
        assert_eq!(preprocess_digit(&[], 0, 2).unwrap_err().param, "width");
    }
}

//! Data augmentation of one 28×28 digit: the one implementation used by training (random
//! copies of each training image) and by test-time augmentation (`crate::lenet::tta`), meant
//! for demo-set generation too; [`similarity`] and [`dilate`] are its fixed-value parts (the
//! stress set of `examples/tta_eval.rs`). Deterministic for a given [`Rng`] state: the same
//! seed gives the same copies on every platform.
//!
//! One call draws, in this order and each only when its range is not zero: a rotation angle
//! in `±rotation` degrees, a scale in `1 ± scale`, a shift in `±shift` px per axis (one
//! similarity warp about the image centre, bilinear, background outside), then an elastic
//! distortion (Simard, Steinkraus & Platt 2003: a random displacement field smoothed by a
//! Gaussian of `elastic_sigma` px and scaled by `elastic` px), then Gaussian pixel noise of
//! standard deviation `noise`, clamped to [0, 1]. All ranges zero is the identity.

use serde::{Deserialize, Serialize};

use super::image::{Gray, inverse_similarity};
use super::rng::Rng;
use crate::error::ParamError;
use crate::lenet::{IMAGE_PIXELS, IMAGE_SIDE};

/// The ranges of each augmentation; zero switches it off. Defaults: all off.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Augment {
    /// Largest rotation, degrees (uniform in ±rotation).
    pub rotation: f64,
    /// Largest shift per axis, px (uniform in ±shift).
    pub shift: f64,
    /// Largest relative scale change (uniform in 1 ± scale), below 1.
    pub scale: f64,
    /// Elastic distortion strength α, px (0 = off).
    pub elastic: f64,
    /// Smoothness σ of the elastic displacement field, px.
    pub elastic_sigma: f64,
    /// Standard deviation of additive Gaussian noise, in ink units (0 = off).
    pub noise: f64,
}

impl Default for Augment {
    fn default() -> Self {
        Self {
            rotation: 0.0,
            shift: 0.0,
            scale: 0.0,
            elastic: 0.0,
            elastic_sigma: 4.0,
            noise: 0.0,
        }
    }
}

/// Largest accepted values (beyond them a digit is unrecognisable or leaves the field).
const MAX_ROTATION: f64 = 180.0;
const MAX_SHIFT: f64 = 14.0;
const MAX_ELASTIC: f64 = 10.0;
const MAX_SIGMA: f64 = 14.0;
const MAX_NOISE: f64 = 1.0;

impl Augment {
    /// Whether any augmentation is on.
    pub fn is_active(&self) -> bool {
        self.rotation != 0.0
            || self.shift != 0.0
            || self.scale != 0.0
            || self.elastic != 0.0
            || self.noise != 0.0
    }

    /// Checks every range; errors name the parameter as `{prefix}rotation` etc.
    pub fn validate(&self, op: &'static str, prefix: &str) -> Result<(), ParamError> {
        let check = |name: &str, v: f64, lo: f64, hi: f64, hi_open: bool| {
            let ok = v.is_finite() && v >= lo && if hi_open { v < hi } else { v <= hi };
            if ok {
                return Ok(());
            }
            let bound = if hi_open { "below" } else { "at most" };
            Err(ParamError::new(
                op,
                format!("{prefix}{name}"),
                format!(
                    "expected a number from {lo} to {bound} {hi}, got {}",
                    crate::error::js_number(v)
                ),
            )
            .with_got(v)
            .with_limit(hi))
        };
        check("rotation", self.rotation, 0.0, MAX_ROTATION, false)?;
        check("shift", self.shift, 0.0, MAX_SHIFT, false)?;
        check("scale", self.scale, 0.0, 1.0, true)?;
        check("elastic", self.elastic, 0.0, MAX_ELASTIC, false)?;
        check("elasticSigma", self.elastic_sigma, 0.5, MAX_SIGMA, false)?;
        check("noise", self.noise, 0.0, MAX_NOISE, false)
    }

    /// The first step of [`Augment::apply`] alone: the random rotation, scale and shift (all
    /// `apply` does when elastic distortion and noise are off, with the same random draws).
    /// Test-time augmentation uses this, so the wasm module carries no elastic code for it.
    ///
    /// # Shapes
    /// - `pixels`: `[784]`; returns `[784]`
    pub fn apply_warp(&self, pixels: &[f32], rng: &mut Rng) -> Vec<f32> {
        let mut out = pixels.to_vec();
        out.resize(IMAGE_PIXELS, 0.0);
        if self.rotation != 0.0 || self.scale != 0.0 || self.shift != 0.0 {
            let angle = if self.rotation != 0.0 {
                let r = self.rotation as f32;
                rng.uniform(-r, r)
            } else {
                0.0
            };
            let scale = if self.scale != 0.0 {
                let s = self.scale as f32;
                rng.uniform(1.0 - s, 1.0 + s)
            } else {
                1.0
            };
            let (dx, dy) = if self.shift != 0.0 {
                let s = self.shift as f32;
                (rng.uniform(-s, s), rng.uniform(-s, s))
            } else {
                (0.0, 0.0)
            };
            out = similarity(&out, angle, scale, dx, dy);
        }
        out
    }

    /// One augmented copy of `pixels` (28×28 row-major, ink in [0, 1]).
    ///
    /// # Shapes
    /// - `pixels`: `[784]`; returns `[784]`
    pub fn apply(&self, pixels: &[f32], rng: &mut Rng) -> Vec<f32> {
        let mut out = self.apply_warp(pixels, rng);
        if self.elastic != 0.0 {
            out = elastic(
                &gray(out),
                self.elastic as f32,
                self.elastic_sigma as f32,
                rng,
            )
            .data;
        }
        if self.noise != 0.0 {
            for v in &mut out {
                *v = (*v + self.noise as f32 * rng.normal()).clamp(0.0, 1.0);
            }
        }
        out
    }
}

/// `pixels` (28×28) rotated by `angle` degrees and scaled by `scale` about the image centre,
/// then shifted by `(dx, dy)` px: the warp [`Augment::apply`] draws at random, for callers that
/// pick its values themselves (e.g. a stress set of off-centre or small digits).
///
/// # Shapes
/// - `pixels`: `[784]`; returns `[784]`
pub fn similarity(pixels: &[f32], angle: f32, scale: f32, dx: f32, dy: f32) -> Vec<f32> {
    let c = IMAGE_SIDE as f32 / 2.0;
    let inv = inverse_similarity(angle.to_radians(), scale, dx, dy, c, c);
    gray(pixels.to_vec()).warp(IMAGE_SIDE, IMAGE_SIDE, inv).data
}

/// Thicker strokes: grey-scale dilation of `pixels` (28×28) by a 3×3 square (each pixel
/// becomes the largest value around it), about one pixel more stroke on each side.
///
/// # Shapes
/// - `pixels`: `[784]`; returns `[784]`
pub fn dilate(pixels: &[f32]) -> Vec<f32> {
    let n = IMAGE_SIDE as isize;
    let mut out = vec![0.0f32; IMAGE_PIXELS];
    for y in 0..n {
        for x in 0..n {
            let mut m = 0.0f32;
            for sy in (y - 1).max(0)..=(y + 1).min(n - 1) {
                for sx in (x - 1).max(0)..=(x + 1).min(n - 1) {
                    m = m.max(pixels[(sy * n + sx) as usize]);
                }
            }
            out[(y * n + x) as usize] = m;
        }
    }
    out
}

/// Changes the stroke width of a 28×28 digit: by `delta` px on each side of every stroke,
/// thicker for `delta > 0` (grey-level dilation), thinner for `delta < 0` (erosion). Each whole
/// pixel is one pass of the 3×3 cross (a pixel and its four neighbours: max to thicken, min to
/// thin); the fractional part blends the last pass linearly. Deterministic; `0` is the
/// identity. Used by the demo-alphabet generator (`examples/make_alphabets.rs`).
///
/// # Shapes
/// - `pixels`: `[784]`; returns `[784]`
pub fn stroke(pixels: &[f32], delta: f32) -> Vec<f32> {
    let mut out = pixels.to_vec();
    out.resize(IMAGE_PIXELS, 0.0);
    if !delta.is_finite() || delta == 0.0 {
        return out;
    }
    let thicken = delta > 0.0;
    let pass = |src: &[f32]| -> Vec<f32> {
        let side = IMAGE_SIDE as isize;
        let at = |x: isize, y: isize| -> f32 {
            if x < 0 || y < 0 || x >= side || y >= side {
                0.0
            } else {
                src[(y * side + x) as usize]
            }
        };
        let mut dst = vec![0.0f32; IMAGE_PIXELS];
        for y in 0..side {
            for x in 0..side {
                let n = [
                    at(x, y),
                    at(x - 1, y),
                    at(x + 1, y),
                    at(x, y - 1),
                    at(x, y + 1),
                ];
                dst[(y * side + x) as usize] = if thicken {
                    n.iter().cloned().fold(0.0, f32::max)
                } else {
                    n.iter().cloned().fold(1.0, f32::min)
                };
            }
        }
        dst
    };
    let amount = delta.abs().min(MAX_SHIFT as f32);
    for _ in 0..amount.floor() as usize {
        out = pass(&out);
    }
    let frac = amount.fract();
    if frac > 0.0 {
        let next = pass(&out);
        for (o, n) in out.iter_mut().zip(next) {
            *o += frac * (n - *o);
        }
    }
    out
}

fn gray(data: Vec<f32>) -> Gray {
    Gray {
        width: IMAGE_SIDE,
        height: IMAGE_SIDE,
        data,
    }
}

/// A normalised 1-D Gaussian kernel of standard deviation `sigma`, radius ⌈3σ⌉.
fn gaussian(sigma: f32) -> Vec<f32> {
    let r = (3.0 * sigma).ceil() as i32;
    let k: Vec<f32> = (-r..=r)
        .map(|i| (-(i * i) as f32 / (2.0 * sigma * sigma)).exp())
        .collect();
    let s: f32 = k.iter().sum();
    k.into_iter().map(|v| v / s).collect()
}

/// Separable Gaussian smoothing of a `side × side` field, zero outside.
fn smooth(field: &[f32], side: usize, kernel: &[f32]) -> Vec<f32> {
    let r = (kernel.len() / 2) as isize;
    let pass = |src: &[f32], horizontal: bool| -> Vec<f32> {
        let mut dst = vec![0.0f32; src.len()];
        for y in 0..side {
            for x in 0..side {
                let mut acc = 0.0;
                for (k, w) in kernel.iter().enumerate() {
                    let o = k as isize - r;
                    let (sx, sy) = if horizontal {
                        (x as isize + o, y as isize)
                    } else {
                        (x as isize, y as isize + o)
                    };
                    if sx >= 0 && sy >= 0 && (sx as usize) < side && (sy as usize) < side {
                        acc += w * src[sy as usize * side + sx as usize];
                    }
                }
                dst[y * side + x] = acc;
            }
        }
        dst
    };
    pass(&pass(field, true), false)
}

/// Elastic distortion: each output pixel samples the source at its position plus a smooth
/// random displacement (uniform noise in [-1, 1], Gaussian-smoothed, scaled so that its
/// largest component is `alpha` px).
fn elastic(g: &Gray, alpha: f32, sigma: f32, rng: &mut Rng) -> Gray {
    let n = g.width * g.height;
    let kernel = gaussian(sigma);
    let mut fields = [0, 1].map(|_| {
        let noise: Vec<f32> = (0..n).map(|_| rng.uniform(-1.0, 1.0)).collect();
        smooth(&noise, g.width, &kernel)
    });
    let peak = fields
        .iter()
        .flat_map(|f| f.iter())
        .fold(0.0f32, |m, v| m.max(v.abs()));
    if peak > 0.0 {
        for f in &mut fields {
            for v in f.iter_mut() {
                *v *= alpha / peak;
            }
        }
    }
    let mut out = Gray::new(g.width, g.height);
    for y in 0..g.height {
        for x in 0..g.width {
            let i = y * g.width + x;
            out.data[i] = g.sample(x as f32 + 0.5 + fields[0][i], y as f32 + 0.5 + fields[1][i]);
        }
    }
    out
}

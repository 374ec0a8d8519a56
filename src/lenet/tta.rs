//! Test-time augmentation (TTA; the lecture's "Test Time Augmentation": augment at test time,
//! run the model on every copy, combine): a digit is classified as K copies of itself, copy 0
//! the digit as given and copies 1..K shifted, rotated and scaled by
//! [`crate::data::augment::Augment`] (the one augmentation implementation, the same that
//! training uses), and the K probability vectors are combined into one prediction.
//!
//! Copy `i` is drawn from its own random stream (`Rng::stream(seed, i)`), so it depends only on
//! the seed and `i`: the same seed gives the same copies on every platform, and raising K adds
//! copies without changing the earlier ones.
//!
//! Each copy goes through [`Network::probabilities`], the forward pass the page shows for a
//! single drawing, so TTA with K = 1 gives exactly the plain prediction. (burn's batched
//! forward adds the same sums in another order, a few ulps apart, and in this network's size
//! is slower than K direct passes: `examples/tta_eval.rs` measures both.)

use super::inspect::Network;
use super::layers::{CLASSES, IMAGE_PIXELS};
use crate::data::augment::Augment;
use crate::data::rng::Rng;
use crate::error::{Code, ParamError, Result, js_number};
use crate::params::{OptValue, RawOptions};

/// Most copies per prediction (K); each costs one forward pass.
pub const MAX_COPIES: usize = 32;
/// Largest shift per axis, px: beyond it a 20-px digit leaves the 28×28 field.
pub const MAX_SHIFT: f64 = 6.0;
/// Largest rotation, degrees (TTA varies a digit a little; a 6 turned by 180° is a 9).
pub const MAX_ROTATION: f64 = 45.0;
/// Largest relative scale change (scale in 1 ± scale).
pub const MAX_SCALE: f64 = 0.5;
/// Largest seed: JS numbers are exact integers up to 2^53.
pub const MAX_SEED: f64 = 9_007_199_254_740_991.0;

/// How the copies' probabilities become one prediction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rule {
    /// The mean of the K probability vectors (the lecture's "평균하여 최종 결과 도출").
    #[default]
    Mean,
    /// The probability vector of the copy the network is most confident about (highest top
    /// probability; ties: the lower copy index).
    Max,
}

impl Rule {
    /// `'mean'` or `'max'`.
    pub fn name(self) -> &'static str {
        match self {
            Rule::Mean => "mean",
            Rule::Max => "max",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "mean" => Some(Rule::Mean),
            "max" => Some(Rule::Max),
            _ => None,
        }
    }
}

/// What TTA does: K copies, the ranges of their augmentation, the rule and the seed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TtaOptions {
    /// Copies, 1..=[`MAX_COPIES`]; copy 0 is the input itself.
    pub k: usize,
    /// Largest shift per axis, px (uniform in ±shift).
    pub shift: f64,
    /// Largest rotation, degrees (uniform in ±rotation).
    pub rotation: f64,
    /// Largest relative scale change (uniform in 1 ± scale).
    pub scale: f64,
    pub rule: Rule,
    pub seed: u64,
}

impl Default for TtaOptions {
    /// K = 8, ±1 px, ±10°, ±10 %, mean, seed 0: the ranges `examples/tta_eval.rs` chose
    /// (README, "Test-time augmentation").
    fn default() -> Self {
        Self {
            k: 8,
            shift: 1.0,
            rotation: 10.0,
            scale: 0.1,
            rule: Rule::Mean,
            seed: 0,
        }
    }
}

/// The option keys `predictTta` knows.
pub const OPTION_KEYS: &[&str] = &["k", "shift", "rotation", "scale", "rule", "seed"];

/// A number option in `lo..=hi` (finite), or `default` when absent.
fn number(
    op: &'static str,
    opts: &RawOptions,
    key: &str,
    default: f64,
    hi: f64,
) -> Result<f64, ParamError> {
    let v = match opts.get(key) {
        None => return Ok(default),
        Some(OptValue::Num(v)) => *v,
        Some(other) => {
            return Err(ParamError::new(
                op,
                key,
                format!("expected a number, got {}", other.describe()),
            )
            .with_code(match other {
                OptValue::List(_) => Code::WrongType,
                _ => Code::NotANumber,
            })
            .with_got(other.value()));
        }
    };
    let shown = js_number(v);
    if !v.is_finite() || v < 0.0 {
        let why = format!("expected a number from 0 to {hi}, got {shown}");
        return Err(ParamError::new(op, key, why).with_got(v));
    }
    if v > hi {
        let why = format!("expected at most {hi}, got {shown}");
        return Err(ParamError::new(op, key, why)
            .with_code(Code::TooLarge)
            .with_got(v)
            .with_limit(hi));
    }
    Ok(v)
}

/// A whole-number option in `lo..=hi`, or `default` when absent.
fn whole(
    op: &'static str,
    opts: &RawOptions,
    key: &str,
    default: f64,
    lo: f64,
    hi: f64,
) -> Result<f64, ParamError> {
    let v = number(op, opts, key, default, hi)?;
    if v.fract() != 0.0 || v < lo {
        let why = format!(
            "expected a whole number from {lo} to {hi}, got {}",
            js_number(v)
        );
        return Err(ParamError::new(op, key, why).with_got(v).with_limit(lo));
    }
    Ok(v)
}

impl TtaOptions {
    /// Reads and checks an options object (`{k, shift, rotation, scale, rule, seed}`, each
    /// optional, defaults from [`TtaOptions::default`]); every error names its option.
    pub fn from_options(op: &'static str, opts: &RawOptions) -> Result<Self, ParamError> {
        opts.check_known(op, OPTION_KEYS)?;
        let d = Self::default();
        let k = whole(op, opts, "k", d.k as f64, 1.0, MAX_COPIES as f64)? as usize;
        let shift = number(op, opts, "shift", d.shift, MAX_SHIFT)?;
        let rotation = number(op, opts, "rotation", d.rotation, MAX_ROTATION)?;
        let scale = number(op, opts, "scale", d.scale, MAX_SCALE)?;
        let seed = whole(op, opts, "seed", d.seed as f64, 0.0, MAX_SEED)? as u64;
        let rule = match opts.text(op, "rule")? {
            None => d.rule,
            Some(s) => Rule::parse(s).ok_or_else(|| {
                ParamError::new(op, "rule", format!("expected 'mean' or 'max', got {s:?}"))
                    .with_expected(vec!["mean", "max"])
                    .with_got(s)
            })?,
        };
        Ok(Self {
            k,
            shift,
            rotation,
            scale,
            rule,
            seed,
        })
    }

    /// Checks every field (for options built in Rust rather than read from JS), with the same
    /// errors as [`TtaOptions::from_options`].
    pub fn validate(&self, op: &'static str) -> Result<(), ParamError> {
        let raw = RawOptions::new()
            .with("k", self.k)
            .with("shift", self.shift)
            .with("rotation", self.rotation)
            .with("scale", self.scale)
            .with("seed", self.seed as f64);
        Self::from_options(op, &raw).map(|_| ())
    }

    /// The augmentation of copies 1..K.
    pub fn augment(&self) -> Augment {
        Augment {
            rotation: self.rotation,
            shift: self.shift,
            scale: self.scale,
            ..Augment::default()
        }
    }
}

/// One TTA prediction.
#[derive(Debug, Clone, PartialEq)]
pub struct Tta {
    /// The K copies the network saw, `[K * 784]` (copy 0 = the input).
    pub copies: Vec<f32>,
    /// Each copy's class probabilities, `[K * 10]`.
    pub probabilities: Vec<f32>,
    /// The combined probabilities, `[10]`.
    pub combined: Vec<f32>,
    /// The predicted digit: the argmax of `combined` (ties: the lower digit).
    pub digit: usize,
}

/// The index of the largest value (ties: the lower index).
pub fn argmax(p: &[f32]) -> usize {
    let mut best = 0;
    for (i, &v) in p.iter().enumerate() {
        if v > p[best] {
            best = i;
        }
    }
    best
}

/// The K copies of `pixels`: copy 0 the input, copy i ≥ 1 augmented from `Rng::stream(seed, i)`.
///
/// # Shapes
/// - `pixels`: `[784]`; returns `[K * 784]`
pub fn copies(pixels: &[f32], opts: &TtaOptions) -> Vec<f32> {
    let aug = opts.augment();
    let mut out = Vec::with_capacity(opts.k * IMAGE_PIXELS);
    out.extend_from_slice(pixels);
    for i in 1..opts.k {
        out.extend(aug.apply_warp(pixels, &mut Rng::stream(opts.seed, i as u64)));
    }
    out
}

/// Combines K probability vectors under `rule`.
///
/// # Shapes
/// - `probabilities`: `[K * 10]`; returns `[10]`
pub fn combine(probabilities: &[f32], rule: Rule) -> Vec<f32> {
    let rows = probabilities.chunks_exact(CLASSES);
    match rule {
        Rule::Mean => {
            let k = rows.len().max(1) as f32;
            let mut sum = vec![0.0f32; CLASSES];
            for row in rows {
                for (s, &p) in sum.iter_mut().zip(row) {
                    *s += p;
                }
            }
            sum.into_iter().map(|s| s / k).collect()
        }
        Rule::Max => {
            let mut best: Option<&[f32]> = None;
            for row in rows {
                if best.is_none_or(|b| row[argmax(row)] > b[argmax(b)]) {
                    best = Some(row);
                }
            }
            best.map_or_else(|| vec![0.0; CLASSES], <[f32]>::to_vec)
        }
    }
}

/// Classifies `pixels` as K augmented copies combined under `opts.rule`.
///
/// # Shapes
/// - `pixels`: `[784]` (28×28 row-major, ink in [0, 1], a preprocessed digit)
/// - returns copies `[K * 784]`, probabilities `[K * 10]`, combined `[10]`
pub fn predict(net: &Network, pixels: &[f32], opts: &TtaOptions) -> Result<Tta> {
    const OP: &str = "predictTta";
    opts.validate(OP)?;
    // The input is checked (length, finite values) before anything is computed.
    let first = net.probabilities(pixels).map_err(|e| match e {
        crate::Error::Param(mut p) => {
            p.op = OP;
            crate::Error::Param(p)
        }
        other => other,
    })?;
    let copies = copies(pixels, opts);
    let mut probabilities = Vec::with_capacity(opts.k * CLASSES);
    probabilities.extend_from_slice(&first);
    for copy in copies.chunks_exact(IMAGE_PIXELS).skip(1) {
        probabilities.extend(net.probabilities(copy)?);
    }
    let combined = combine(&probabilities, opts.rule);
    let digit = argmax(&combined);
    Ok(Tta {
        copies,
        probabilities,
        combined,
        digit,
    })
}

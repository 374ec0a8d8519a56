//! What a training run is: [`TrainConfig`], with every default declared once here (serde fills
//! missing fields from [`Default`]; JS sees camelCase names), and its validation into named
//! errors before anything runs.

use serde::{Deserialize, Serialize};

use crate::data::augment::Augment;
use crate::error::{Code, ParamError, js_number};
use crate::lenet::Variant;

/// The operation named in configuration errors (the JS constructor `new Trainer(...)`).
pub const OP: &str = "Trainer";

/// The optimiser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OptimizerKind {
    /// Plain stochastic gradient descent.
    Sgd,
    /// SGD with (PyTorch-style, no dampening) momentum.
    Momentum,
    /// Adam (Kingma & Ba 2015).
    Adam,
}

/// Optimiser and its coefficients (`momentum` for `momentum`, `beta1`/`beta2` for `adam`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct OptimizerConfig {
    pub kind: OptimizerKind,
    pub momentum: f64,
    pub beta1: f64,
    pub beta2: f64,
}

impl Default for OptimizerConfig {
    fn default() -> Self {
        Self {
            kind: OptimizerKind::Adam,
            momentum: 0.9,
            beta1: 0.9,
            beta2: 0.999,
        }
    }
}

/// How the learning rate moves over the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ScheduleKind {
    /// `lr` throughout.
    Constant,
    /// `lr · gamma^⌊epoch / every⌋`.
    Step,
    /// Linear warm-up over `warmup` epochs, then cosine decay to 1% of `lr` at `epochs`.
    Cosine,
}

/// The learning-rate schedule and its parameters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct ScheduleConfig {
    pub kind: ScheduleKind,
    /// Step schedule: epochs between decays.
    pub every: usize,
    /// Step schedule: factor per decay.
    pub gamma: f64,
    /// Cosine schedule: warm-up epochs (may be fractional).
    pub warmup: f64,
}

impl Default for ScheduleConfig {
    fn default() -> Self {
        Self {
            kind: ScheduleKind::Cosine,
            every: 2,
            gamma: 0.5,
            warmup: 0.0,
        }
    }
}

/// Early stopping on the validation loss (checked at every epoch end).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct EarlyStoppingConfig {
    pub enabled: bool,
    /// Epochs without an improvement larger than `min_delta` before stopping.
    pub patience: usize,
    pub min_delta: f64,
    /// On stopping, go back to the weights of the best epoch.
    pub restore_best: bool,
}

impl Default for EarlyStoppingConfig {
    fn default() -> Self {
        Self {
            enabled: false,
            patience: 3,
            min_delta: 0.0,
            restore_best: true,
        }
    }
}

/// Reduce-learning-rate-on-plateau on the validation loss.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct ReduceLrConfig {
    pub enabled: bool,
    /// Epochs without an improvement larger than `min_delta` before reducing.
    pub patience: usize,
    /// New rate = old rate · factor (0 < factor < 1).
    pub factor: f64,
    /// Never below this rate.
    pub min_lr: f64,
    pub min_delta: f64,
}

impl Default for ReduceLrConfig {
    fn default() -> Self {
        Self {
            enabled: false,
            patience: 2,
            factor: 0.5,
            min_lr: 1e-5,
            min_delta: 0.0,
        }
    }
}

/// Everything that defines a training run. Defaults: modern LeNet-5 with batch norm, Adam at
/// 3e-3 with cosine decay over 4 epochs, batch 64, all training images, no dropout or L2, no
/// augmentation, no callbacks, seed 1: chosen because it passes 97 % validation accuracy on
/// the training lab's 10,000 + 2,000 images soonest among the settings measured (after
/// ~15,000 images; README "The training module"), within the 60 s the issue allows.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct TrainConfig {
    #[serde(with = "variant_name")]
    pub variant: Variant,
    pub optimizer: OptimizerConfig,
    /// Peak learning rate.
    pub lr: f64,
    pub schedule: ScheduleConfig,
    pub batch_size: usize,
    /// How many training images to use (a seeded choice); `None` (JS `null`): all.
    pub train_images: Option<usize>,
    /// Length of the run in epochs (the cosine schedule's horizon; training ends there).
    pub epochs: usize,
    /// Dropout rate after C5 and F6 (0 = none).
    pub dropout: f64,
    /// L2 weight decay (added to every gradient as `weight_decay · w`).
    pub weight_decay: f64,
    /// Batch normalisation after C1, C3, C5 and F6 (before the activation).
    pub batch_norm: bool,
    pub augment: Augment,
    /// Seeds initialisation, the image subset, shuffling, dropout and augmentation.
    pub seed: u64,
    pub early_stopping: EarlyStoppingConfig,
    pub reduce_lr: ReduceLrConfig,
}

impl Default for TrainConfig {
    fn default() -> Self {
        Self {
            variant: Variant::Modern,
            optimizer: OptimizerConfig::default(),
            lr: 3e-3,
            schedule: ScheduleConfig::default(),
            batch_size: 64,
            train_images: None,
            epochs: 4,
            dropout: 0.0,
            weight_decay: 0.0,
            batch_norm: true,
            augment: Augment::default(),
            seed: 1,
            early_stopping: EarlyStoppingConfig::default(),
            reduce_lr: ReduceLrConfig::default(),
        }
    }
}

/// `variant` as `'classic'` / `'modern'`.
pub(crate) mod variant_name {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    use crate::lenet::Variant;

    pub fn serialize<S: Serializer>(v: &Variant, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(v.name())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Variant, D::Error> {
        let name = String::deserialize(d)?;
        Variant::parse(&name)
            .ok_or_else(|| D::Error::unknown_variant(&name, &["classic", "modern"]))
    }
}

/// Largest batch (keeps one step's memory bounded in the browser).
pub const MAX_BATCH: usize = 1024;
/// Longest run.
pub const MAX_EPOCHS: usize = 1000;

fn bad(param: &str, message: String, got: f64) -> ParamError {
    ParamError::new(OP, param, message).with_got(got)
}

/// `v` must be finite and in `(lo, hi)`/`[lo, hi]` as `lo_open`/`hi_open` say.
fn range(
    param: &str,
    v: f64,
    (lo, lo_open): (f64, bool),
    (hi, hi_open): (f64, bool),
) -> Result<(), ParamError> {
    let ok = v.is_finite()
        && if lo_open { v > lo } else { v >= lo }
        && if hi_open { v < hi } else { v <= hi };
    if ok {
        return Ok(());
    }
    let l = if lo_open { "above" } else { "at least" };
    let h = if hi_open { "below" } else { "at most" };
    let hi_text = if hi.is_finite() {
        format!(" and {h} {}", js_number(hi))
    } else {
        String::new()
    };
    Err(bad(
        param,
        format!(
            "expected a number {l} {}{hi_text}, got {}",
            js_number(lo),
            js_number(v)
        ),
        v,
    ))
}

/// Whole number `v` must be in `[lo, hi]`.
/// A finite number `>= 0`.
fn non_negative(param: &str, v: f64) -> Result<(), ParamError> {
    range(param, v, (0.0, false), (f64::INFINITY, true))
}

fn count(param: &str, v: usize, lo: usize, hi: usize) -> Result<(), ParamError> {
    if (lo..=hi).contains(&v) {
        return Ok(());
    }
    Err(bad(
        param,
        format!("expected a whole number from {lo} to {hi}, got {v}"),
        v as f64,
    )
    .with_limit(if v < lo { lo } else { hi }))
}

impl TrainConfig {
    /// Checks every setting; the error names the first bad one as JS spells it (`batchSize`,
    /// `lr`, `dropout`, `schedule.gamma`, `augment.rotation`, …), code `invalid_value`.
    pub fn validate(&self) -> Result<(), ParamError> {
        let o = &self.optimizer;
        range("lr", self.lr, (0.0, true), (10.0, false))?;
        range("optimizer.momentum", o.momentum, (0.0, false), (1.0, true))?;
        range("optimizer.beta1", o.beta1, (0.0, false), (1.0, true))?;
        range("optimizer.beta2", o.beta2, (0.0, false), (1.0, true))?;
        let s = &self.schedule;
        count("schedule.every", s.every, 1, MAX_EPOCHS)?;
        range("schedule.gamma", s.gamma, (0.0, true), (1.0, false))?;
        range(
            "schedule.warmup",
            s.warmup,
            (0.0, false),
            (self.epochs as f64, false),
        )?;
        count("batchSize", self.batch_size, 1, MAX_BATCH)?;
        if let Some(n) = self.train_images {
            count("trainImages", n, 1, usize::MAX)?;
        }
        count("epochs", self.epochs, 1, MAX_EPOCHS)?;
        range("dropout", self.dropout, (0.0, false), (1.0, true))?;
        range("weightDecay", self.weight_decay, (0.0, false), (1.0, false))?;
        self.augment.validate(OP, "augment.")?;
        let e = &self.early_stopping;
        count("earlyStopping.patience", e.patience, 1, MAX_EPOCHS)?;
        non_negative("earlyStopping.minDelta", e.min_delta)?;
        let r = &self.reduce_lr;
        count("reduceLr.patience", r.patience, 1, MAX_EPOCHS)?;
        range("reduceLr.factor", r.factor, (0.0, true), (1.0, true))?;
        non_negative("reduceLr.minLr", r.min_lr)?;
        non_negative("reduceLr.minDelta", r.min_delta)?;
        Ok(())
    }

    /// Checks the settings that depend on the data: `trainImages` and `batchSize` against the
    /// `train` images available, and that there is something to validate on.
    pub fn validate_for(&self, train: usize, val: usize) -> Result<(), ParamError> {
        self.validate()?;
        let n = self.train_images.unwrap_or(train);
        if n > train {
            return Err(bad(
                "trainImages",
                format!("expected at most the {train} training images given, got {n}"),
                n as f64,
            )
            .with_limit(train));
        }
        if n == 0 {
            return Err(
                ParamError::new(OP, "trainPixels", "expected at least one training image")
                    .with_code(Code::ShapeMismatch),
            );
        }
        if self.batch_size > n {
            return Err(bad(
                "batchSize",
                format!(
                    "expected at most the {n} training images used, got {}",
                    self.batch_size
                ),
                self.batch_size as f64,
            )
            .with_limit(n));
        }
        if val == 0 {
            return Err(
                ParamError::new(OP, "valPixels", "expected at least one validation image")
                    .with_code(Code::ShapeMismatch),
            );
        }
        Ok(())
    }

    /// Training images used per epoch.
    pub fn images_used(&self, available: usize) -> usize {
        self.train_images.unwrap_or(available).min(available)
    }
}

//! What a transfer-learning run is: [`TransferConfig`] (every default declared once here; JS
//! sees camelCase names) and its validation into named errors before anything runs.
//!
//! Three methods on the same task (README "Transfer learning"; the lecture's "Transfer
//! Learning (전이학습)" section):
//! - [`Method::FeatureExtraction`] (특성 추출): the MNIST-trained conv base (and F6) frozen, its
//!   output cached once per example, a new output layer trained on the cache;
//! - [`Method::FineTuning`] (미세 조정): the same first, then the top layers unfrozen and trained
//!   with the new head at a smaller learning rate;
//! - [`Method::Scratch`]: the same network randomly initialised, everything trained.

use serde::{Deserialize, Serialize};

use super::config::variant_name;
use crate::error::{ParamError, js_number};
use crate::lenet::Variant;

/// The operation named in errors (the JS constructor `new Transfer(...)`).
pub const OP: &str = "Transfer";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Method {
    FeatureExtraction,
    FineTuning,
    Scratch,
}

impl Method {
    pub const ALL: [Method; 3] = [
        Method::FeatureExtraction,
        Method::FineTuning,
        Method::Scratch,
    ];

    /// The name JS uses.
    pub fn name(self) -> &'static str {
        match self {
            Method::FeatureExtraction => "featureExtraction",
            Method::FineTuning => "fineTuning",
            Method::Scratch => "scratch",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.name() == s)
    }
}

/// The lowest layer fine-tuning unfreezes (it and every layer above it train).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unfreeze {
    C5,
    C3,
}

/// Settings of one run. Steps are optimiser steps (batches).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct TransferConfig {
    pub method: Method,
    /// The MNIST-trained network the transfer starts from (and the architecture of scratch).
    #[serde(with = "variant_name")]
    pub variant: Variant,
    pub seed: u64,
    /// Examples per step (fewer when the task has fewer).
    pub batch_size: usize,
    /// Steps of the new head with the base frozen (feature extraction; fine-tuning's first
    /// stage).
    pub head_steps: usize,
    /// Adam learning rate of that stage.
    pub head_lr: f64,
    /// Fine-tuning's second stage: steps with the top layers unfrozen.
    pub fine_tune_steps: usize,
    /// Its (smaller) learning rate: sudden big changes would destroy what was pre-trained.
    pub fine_tune_lr: f64,
    /// The lowest layer the second stage unfreezes.
    pub unfreeze: Unfreeze,
    /// Learning rate from scratch (`head_steps + fine_tune_steps` steps, fine-tuning's budget).
    pub scratch_lr: f64,
}

impl Default for TransferConfig {
    fn default() -> Self {
        Self {
            method: Method::FeatureExtraction,
            variant: Variant::Modern,
            seed: 1,
            batch_size: 32,
            head_steps: 100,
            head_lr: 0.01,
            fine_tune_steps: 100,
            fine_tune_lr: 0.001,
            unfreeze: Unfreeze::C5,
            scratch_lr: 0.003,
        }
    }
}

/// Largest batch and step counts (bounded work per run in the browser).
pub const MAX_BATCH: usize = 512;
pub const MAX_STEPS: usize = 100_000;

impl TransferConfig {
    /// Checks every setting; errors name it as JS spells it.
    pub fn validate(&self) -> Result<(), ParamError> {
        let whole = |name: &str, v: usize, lo: usize, hi: usize| {
            if (lo..=hi).contains(&v) {
                return Ok(());
            }
            Err(ParamError::new(
                OP,
                name,
                format!("expected a whole number from {lo} to {hi}, got {v}"),
            )
            .with_got(v)
            .with_limit(hi))
        };
        let lr = |name: &str, v: f64| {
            if v.is_finite() && v > 0.0 && v <= 10.0 {
                return Ok(());
            }
            Err(ParamError::new(
                OP,
                name,
                format!(
                    "expected a number above 0 and at most 10, got {}",
                    js_number(v)
                ),
            )
            .with_got(v)
            .with_limit(10.0))
        };
        whole("batchSize", self.batch_size, 1, MAX_BATCH)?;
        whole("headSteps", self.head_steps, 1, MAX_STEPS)?;
        whole("fineTuneSteps", self.fine_tune_steps, 0, MAX_STEPS)?;
        lr("headLr", self.head_lr)?;
        lr("fineTuneLr", self.fine_tune_lr)?;
        lr("scratchLr", self.scratch_lr)
    }

    /// Steps of the whole run.
    pub fn total_steps(&self) -> usize {
        match self.method {
            Method::FeatureExtraction => self.head_steps,
            Method::FineTuning | Method::Scratch => self.head_steps + self.fine_tune_steps,
        }
    }
}

//! Early stopping and reduce-LR-on-plateau as pure state machines fed one validation loss per
//! epoch (Keras' `EarlyStopping` / `ReduceLROnPlateau` on `val_loss`, `mode='min'`, no
//! cooldown). The trainer calls them at every epoch end; tests script them with numbers.

use super::config::{EarlyStoppingConfig, ReduceLrConfig};

/// Tracks the best (lowest) loss and how many epochs passed without improving on it by more
/// than `min_delta`.
#[derive(Debug, Clone, PartialEq)]
pub struct Plateau {
    pub best: f64,
    pub wait: usize,
    min_delta: f64,
}

impl Plateau {
    pub fn new(min_delta: f64) -> Self {
        Self {
            best: f64::INFINITY,
            wait: 0,
            min_delta,
        }
    }

    /// Feeds one loss; returns whether it improved on the best. A NaN loss never improves.
    pub fn observe(&mut self, loss: f64) -> bool {
        if loss < self.best - self.min_delta {
            self.best = loss;
            self.wait = 0;
            true
        } else {
            self.wait += 1;
            false
        }
    }
}

/// What early stopping decided at an epoch end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopDecision {
    /// This epoch is the best so far (keep its weights if restoring).
    Improved,
    /// Not better; keep going.
    Wait,
    /// Stop now; `best_epoch` (1-based) is the epoch whose weights are the best.
    Stop { best_epoch: usize },
}

#[derive(Debug, Clone, PartialEq)]
pub struct EarlyStopping {
    config: EarlyStoppingConfig,
    plateau: Plateau,
    best_epoch: usize,
}

impl EarlyStopping {
    pub fn new(config: EarlyStoppingConfig) -> Self {
        Self {
            config,
            plateau: Plateau::new(config.min_delta),
            best_epoch: 0,
        }
    }

    /// Feeds the validation loss of (1-based) `epoch`.
    pub fn observe(&mut self, epoch: usize, val_loss: f64) -> StopDecision {
        if self.plateau.observe(val_loss) {
            self.best_epoch = epoch;
            return StopDecision::Improved;
        }
        if self.config.enabled && self.plateau.wait >= self.config.patience {
            StopDecision::Stop {
                best_epoch: self.best_epoch,
            }
        } else {
            StopDecision::Wait
        }
    }

    pub fn best_epoch(&self) -> usize {
        self.best_epoch
    }
}

/// Scales the learning rate by `factor` after `patience` epochs without improvement, never
/// below `min_lr`.
#[derive(Debug, Clone, PartialEq)]
pub struct ReduceLrOnPlateau {
    config: ReduceLrConfig,
    plateau: Plateau,
    /// Multiplier applied to the scheduled rate (1 until the first reduction).
    pub scale: f64,
}

impl ReduceLrOnPlateau {
    pub fn new(config: ReduceLrConfig) -> Self {
        Self {
            config,
            plateau: Plateau::new(config.min_delta),
            scale: 1.0,
        }
    }

    /// Feeds one validation loss with the rate in use now; returns `Some((from, to))` when it
    /// reduces the rate.
    pub fn observe(&mut self, val_loss: f64, lr_now: f64) -> Option<(f64, f64)> {
        if !self.config.enabled || self.plateau.observe(val_loss) {
            return None;
        }
        if self.plateau.wait < self.config.patience {
            return None;
        }
        self.plateau.wait = 0;
        let to = (lr_now * self.config.factor).max(self.config.min_lr);
        if to >= lr_now || lr_now <= 0.0 {
            return None;
        }
        self.scale *= to / lr_now;
        Some((lr_now, to))
    }

    /// `lr` after the reductions so far, never below `min_lr`.
    pub fn apply(&self, lr: f64) -> f64 {
        if self.scale == 1.0 {
            lr
        } else {
            (lr * self.scale).max(self.config.min_lr)
        }
    }
}

//! What training reports: per [`super::Trainer::step`] call, per evaluation, and the events
//! fired at epoch ends. Serialised with camelCase names for JS.

use serde::Serialize;

/// Something that happened during a `step` call.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Event {
    /// Epoch `epoch` (1-based) ended: its mean training loss and accuracy (over its batches, as
    /// trained: augmented, with dropout) and the validation loss and accuracy after it.
    EpochEnd {
        epoch: usize,
        train_loss: f64,
        train_accuracy: f64,
        val_loss: f64,
        val_accuracy: f64,
    },
    /// Reduce-on-plateau lowered the learning rate after `epoch`.
    LrReduced { epoch: usize, from: f64, to: f64 },
    /// Early stopping ended training after `epoch`; `best_epoch` had the lowest validation
    /// loss.
    EarlyStop { epoch: usize, best_epoch: usize },
    /// The weights of `epoch` (the best) were restored.
    RestoredBest { epoch: usize },
    /// The run reached its last epoch.
    Finished { epoch: usize },
}

/// What one `step(n)` call did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StepMetrics {
    /// Batches trained in this call (fewer than asked when training ended).
    pub batches: usize,
    /// Images trained on in this call.
    pub images: usize,
    /// Mean cross-entropy loss over this call's images (NaN when none).
    pub loss: f64,
    /// Fraction of this call's images classified correctly (before the update).
    pub accuracy: f64,
    /// Learning rate of the last batch.
    pub lr: f64,
    /// Completed epochs.
    pub epoch: usize,
    /// Batches done in the current epoch.
    pub batch: usize,
    /// Batches per epoch.
    pub batches_per_epoch: usize,
    /// Images trained on since the start.
    pub images_seen: u64,
    /// Training is over (last epoch done, or early stopping).
    pub finished: bool,
    pub events: Vec<Event>,
}

/// Validation result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EvalMetrics {
    pub loss: f64,
    pub accuracy: f64,
    /// `confusion[true][predicted]`: image counts.
    pub confusion: Vec<Vec<u32>>,
    pub images: usize,
}

impl EvalMetrics {
    /// Mean loss, accuracy and the `classes × classes` confusion matrix over images given as
    /// `(loss, predicted class, true class)` (loss and accuracy 0 when there are none).
    pub fn tally(classes: usize, images: impl IntoIterator<Item = (f64, usize, usize)>) -> Self {
        let mut m = Self {
            loss: 0.0,
            accuracy: 0.0,
            confusion: vec![vec![0; classes]; classes],
            images: 0,
        };
        let mut correct = 0usize;
        for (loss, predicted, label) in images {
            m.loss += loss;
            correct += usize::from(predicted == label);
            m.confusion[label][predicted] += 1;
            m.images += 1;
        }
        let k = m.images.max(1) as f64;
        (m.loss, m.accuracy) = (m.loss / k, correct as f64 / k);
        m
    }
}

//! What a transfer-learning run reports (see [`super::transfer::Transfer`]): the stage it is
//! in, per `step` call with the events of that call, and the lecture's procedure steps (an
//! evaluation is a [`super::EvalMetrics`], as the trainer's). Serialised with camelCase names for JS.

use serde::Serialize;

/// Where a run is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Stage {
    Head,
    FineTune,
    Scratch,
    Done,
}

/// Something that happened during a `step` call.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum TransferEvent {
    /// A stage began: which layers are frozen in it and its learning rate.
    StageStart {
        stage: Stage,
        frozen: Vec<&'static str>,
        lr: f64,
    },
    /// Fine-tuning's procedure step 4: these layers were unfrozen.
    Unfrozen {
        layers: Vec<&'static str>,
        lr: f64,
    },
    Finished,
}

/// What one `step(n)` call did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TransferStep {
    pub steps: usize,
    /// Mean loss and accuracy over this call's batches, before each update (NaN when none).
    pub loss: f64,
    pub accuracy: f64,
    pub lr: f64,
    pub stage: Stage,
    pub stage_step: usize,
    pub stage_steps: usize,
    pub steps_done: usize,
    pub total_steps: usize,
    pub finished: bool,
    pub frozen: Vec<&'static str>,
    pub events: Vec<TransferEvent>,
}

/// One step of the lecture's fine-tuning procedure (see the module docs) and whether it is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ProcedureStep {
    pub step: u8,
    pub done: bool,
}

//! The experiment behind the lecture's claim "with little data, transfer wins": held-out
//! accuracy on a demo alphabet against the number of training examples per class, for each
//! method, averaged over seeds. Resumable one cell (method, shots, seed) at a time, so the
//! browser's worker can report progress between cells; `examples/transfer_experiment.rs`
//! prints the table natively.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::transfer::Transfer;
use super::transfer_config::{Method, TransferConfig};
use super::transfer_net::{Cut, Features};
use super::transfer_task::Task;
use crate::data::alphabet::{Alphabet, Examples};
use crate::error::{ParamError, Result};

/// The operation named in errors (`new TransferExperiment(...)`).
pub const OP: &str = "TransferExperiment";

/// Which cells to run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct ExperimentSettings {
    /// Training examples per class.
    pub shots: Vec<usize>,
    pub seeds: Vec<u64>,
    pub methods: Vec<Method>,
    /// Test images per class (the last ones of each class, never trained on).
    pub held_out: usize,
    /// Settings of every run (its `method` and `seed` are the cell's).
    pub config: TransferConfig,
}

impl Default for ExperimentSettings {
    fn default() -> Self {
        Self {
            shots: vec![1, 2, 5, 10, 20, 50],
            seeds: vec![1, 2, 3],
            methods: Method::ALL.to_vec(),
            held_out: 100,
            config: TransferConfig::default(),
        }
    }
}

/// One finished cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cell {
    pub method: Method,
    pub shots: usize,
    pub seed: u64,
    pub accuracy: f64,
}

/// The results so far: `mean[m][s]` is the mean over seeds of method `methods[m]` with
/// `shots[s]` examples per class (`None` until every seed ran); `by_seed[m][s][k]` per seed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Table {
    pub shots: Vec<usize>,
    pub seeds: Vec<u64>,
    pub methods: Vec<Method>,
    pub mean: Vec<Vec<Option<f64>>>,
    pub by_seed: Vec<Vec<Vec<Option<f64>>>>,
}

pub struct Experiment {
    settings: ExperimentSettings,
    alphabet: Alphabet,
    base: Vec<u8>,
    /// (method, shots, seed) indices, shots-major so that every method's row fills together.
    cells: Vec<(usize, usize, usize)>,
    done: usize,
    results: HashMap<(usize, usize, usize), f64>,
    /// The held-out images at each cut, computed once (the layers below a cut are the frozen
    /// base in every run).
    test: HashMap<Cut, Features>,
    held_out: Examples,
}

impl Experiment {
    /// Checks `settings` against `alphabet` (shots from 1 to what the pool holds, at least one
    /// seed and method) and the run settings.
    pub fn new(settings: ExperimentSettings, base: Vec<u8>, alphabet: Alphabet) -> Result<Self> {
        settings.config.validate()?;
        let bad = |param: &str, m: String| -> Result<Self> {
            Err(ParamError::new(OP, param.to_string(), m).into())
        };
        if settings.held_out == 0 || settings.held_out >= alphabet.per_class {
            return bad(
                "heldOut",
                format!(
                    "expected 1 to {}, got {}",
                    alphabet.per_class - 1,
                    settings.held_out
                ),
            );
        }
        let pool = alphabet.per_class - settings.held_out;
        if settings.shots.is_empty() || settings.shots.iter().any(|&s| s == 0 || s > pool) {
            return bad("shots", format!("expected 1 to {pool} examples per class"));
        }
        if settings.seeds.is_empty() || settings.seeds.len() > 20 {
            return bad("seeds", "expected 1 to 20 seeds".into());
        }
        if settings.methods.is_empty() {
            return bad("methods", "expected at least one method".into());
        }
        let split = alphabet
            .split(1, 0, settings.held_out)
            .ok_or_else(|| ParamError::new(OP, "heldOut", "the alphabet is too small"))?;
        let mut cells = Vec::new();
        for s in 0..settings.shots.len() {
            for k in 0..settings.seeds.len() {
                for m in 0..settings.methods.len() {
                    cells.push((m, s, k));
                }
            }
        }
        Ok(Self {
            settings,
            alphabet,
            base,
            cells,
            done: 0,
            results: HashMap::new(),
            test: HashMap::new(),
            held_out: split.test,
        })
    }

    pub fn total(&self) -> usize {
        self.cells.len()
    }

    pub fn completed(&self) -> usize {
        self.done
    }

    /// Trains and evaluates the next cell; `None` when all are done.
    pub fn run_next(&mut self) -> Result<Option<Cell>> {
        let Some(&(m, s, k)) = self.cells.get(self.done) else {
            return Ok(None);
        };
        let (method, shots, seed) = (
            self.settings.methods[m],
            self.settings.shots[s],
            self.settings.seeds[k],
        );
        let split = self
            .alphabet
            .split(shots, seed, self.settings.held_out)
            .ok_or_else(|| ParamError::new(OP, "shots", "the alphabet is too small"))?;
        let task = Task::new(&split.classes, split.train.pixels, split.train.labels)?;
        let config = TransferConfig {
            method,
            seed,
            ..self.settings.config
        };
        let mut t = Transfer::new(config, Some(&self.base), task)?;
        t.step(config.total_steps())?;
        let cut = t.cut();
        if !self.test.contains_key(&cut) {
            let f = t.features(&self.held_out.pixels)?;
            self.test.insert(cut, f);
        }
        let accuracy = match self.test.get(&cut) {
            Some(f) => t.evaluate_at(f, &self.held_out.labels)?.accuracy,
            None => f64::NAN,
        };
        self.results.insert((m, s, k), accuracy);
        self.done += 1;
        Ok(Some(Cell {
            method,
            shots,
            seed,
            accuracy,
        }))
    }

    pub fn table(&self) -> Table {
        let st = &self.settings;
        let by_seed: Vec<Vec<Vec<Option<f64>>>> = (0..st.methods.len())
            .map(|m| {
                (0..st.shots.len())
                    .map(|s| {
                        (0..st.seeds.len())
                            .map(|k| self.results.get(&(m, s, k)).copied())
                            .collect()
                    })
                    .collect()
            })
            .collect();
        let mean = by_seed
            .iter()
            .map(|rows| {
                rows.iter()
                    .map(|v| {
                        let all: Option<Vec<f64>> = v.iter().copied().collect();
                        all.map(|a| a.iter().sum::<f64>() / a.len() as f64)
                    })
                    .collect()
            })
            .collect();
        Table {
            shots: st.shots.clone(),
            seeds: st.seeds.clone(),
            methods: st.methods.clone(),
            mean,
            by_seed,
        }
    }
}

/// Wall time of one optimiser step of `method` on `task` (the mean of `steps` steps after one
/// warm-up step), for the README's speed-up of feature extraction over a full step.
#[cfg(not(target_arch = "wasm32"))]
pub fn step_time(
    config: TransferConfig,
    base: &[u8],
    task: Task,
    steps: usize,
) -> Result<std::time::Duration> {
    let mut t = Transfer::new(config, Some(base), task)?;
    t.step(1)?;
    let start = std::time::Instant::now();
    t.step(steps)?;
    Ok(start.elapsed() / steps.max(1) as u32)
}

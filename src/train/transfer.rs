//! Transfer learning, resumable step by step: [`Transfer`] trains one method
//! ([`Method`]) on one [`Task`], following the lecture's fine-tuning procedure:
//!
//! 1. a new head (n classes) on top of the MNIST-trained network;
//! 2. the base frozen;
//! 3. the head trained (stage [`Stage::Head`], on the cached F6 values);
//! 4. the top layers unfrozen (C5 and F6, or from C3 on);
//! 5. trained together with the head (stage [`Stage::FineTune`]);
//! 6. at a smaller learning rate, with a fresh optimiser.
//!
//! Feature extraction stops after step 3; from scratch trains everything from a seeded random
//! start (stage [`Stage::Scratch`]) for fine-tuning's number of steps.

use burn::module::Module;
use burn::optim::{AdamConfig, GradientsParams, ModuleOptimizer};
use burn::tensor::Device;

use super::loss::{cross_entropy, loss_and_prediction};
use super::metrics::EvalMetrics;
use super::params::{self, HostLayer};
use super::transfer_config::{Method, OP, TransferConfig, Unfreeze};
use super::transfer_file::AdaptedNet;
pub use super::transfer_metrics::{ProcedureStep, Stage, TransferEvent, TransferStep};
use super::transfer_net::{self, Cut, Features};
use super::transfer_task::{Task, check_images};
use crate::backend::{Backend, download, upload};
use crate::data::rng::Rng;
use crate::error::{Error, ParamError, Result};
use crate::lenet::{LeNet5, weights};

const STREAM_INIT: u64 = 11;
const STREAM_HEAD: u64 = 12;
const STREAM_SHUFFLE: u64 = 13;

fn lost_network() -> Error {
    Error::Backend("the network was lost in a failed step".into())
}

fn adam() -> ModuleOptimizer {
    AdamConfig::new().with_epsilon(1e-8).init()
}

pub struct Transfer {
    config: TransferConfig,
    task: Task,
    device: Device,
    eval_device: Device,
    /// `None` only while an optimiser step owns it.
    model: Option<LeNet5>,
    optim: ModuleOptimizer,
    stage: Stage,
    stage_step: usize,
    steps_done: usize,
    cut: Cut,
    /// The task's examples at `cut`.
    cache: Features,
    order: Vec<u32>,
    pos: usize,
    shuffle: Rng,
    started: bool,
}

impl Transfer {
    /// A run of `config` on `task`, starting from `base` (a weights file of the configured
    /// variant: the MNIST-trained network; required unless the method is scratch).
    pub fn new(config: TransferConfig, base: Option<&[u8]>, task: Task) -> Result<Self> {
        config.validate()?;
        let eval_device = Backend::default().device();
        let device = eval_device.clone().autodiff();
        let layers: Vec<HostLayer> = match (config.method, base) {
            (Method::Scratch, _) => params::init(&mut Rng::stream(config.seed, STREAM_INIT)),
            (_, Some(bytes)) => {
                params::read(&weights::decode(bytes, config.variant, &eval_device)?)?
            }
            (_, None) => {
                return Err(ParamError::new(
                    OP,
                    "baseWeights",
                    "transfer needs the MNIST-trained weights file",
                )
                .with_code(crate::error::Code::Required)
                .into());
            }
        };
        let n = task.classes.len();
        let head = transfer_net::new_head(n, &mut Rng::stream(config.seed, STREAM_HEAD));
        let (stage, cut) = match config.method {
            Method::Scratch => (Stage::Scratch, Cut::Input),
            _ => (Stage::Head, Cut::F6),
        };
        let model = transfer_net::freeze(
            transfer_net::build(&layers, &head, config.variant, &device),
            cut,
        );
        let cache = transfer_net::features(&model.valid(), cut, &task.pixels, &eval_device)?;
        let mut shuffle = Rng::stream(config.seed, STREAM_SHUFFLE);
        let mut order: Vec<u32> = (0..task.len() as u32).collect();
        shuffle.shuffle(&mut order);
        Ok(Self {
            config,
            task,
            device,
            eval_device,
            model: Some(model),
            optim: adam(),
            stage,
            stage_step: 0,
            steps_done: 0,
            cut,
            cache,
            order,
            pos: 0,
            shuffle,
            started: false,
        })
    }

    pub fn config(&self) -> &TransferConfig {
        &self.config
    }

    pub fn classes(&self) -> &[String] {
        &self.task.classes
    }

    pub fn stage(&self) -> Stage {
        self.stage
    }

    pub fn cut(&self) -> Cut {
        self.cut
    }

    pub fn is_finished(&self) -> bool {
        self.stage == Stage::Done
    }

    /// The weighted layers frozen now (of C1, C3, C5, F6; the head never is).
    pub fn frozen(&self) -> Vec<&'static str> {
        self.cut.frozen().to_vec()
    }

    pub fn steps_done(&self) -> usize {
        self.steps_done
    }

    fn stage_steps(&self) -> usize {
        match self.stage {
            Stage::Head => self.config.head_steps,
            Stage::FineTune => self.config.fine_tune_steps,
            Stage::Scratch => self.config.total_steps(),
            Stage::Done => 0,
        }
    }

    fn lr(&self) -> f64 {
        match self.stage {
            Stage::FineTune => self.config.fine_tune_lr,
            Stage::Scratch => self.config.scratch_lr,
            _ => self.config.head_lr,
        }
    }

    fn model(&self) -> Result<&LeNet5> {
        self.model.as_ref().ok_or_else(lost_network)
    }

    /// The network, owned for an optimiser step (put it back with `self.model = Some(..)`).
    fn take_model(&mut self) -> Result<LeNet5> {
        self.model.take().ok_or_else(lost_network)
    }

    /// The network as evaluation runs it (plain device, `n` outputs).
    pub fn eval_net(&self) -> Result<LeNet5> {
        Ok(self.model()?.valid())
    }

    /// Trains up to `n` optimiser steps (fewer when the run ends); stage changes happen inside.
    pub fn step(&mut self, n: usize) -> Result<TransferStep> {
        let mut events = Vec::new();
        let (mut loss, mut hits, mut images, mut steps) = (0.0f64, 0usize, 0usize, 0usize);
        let mut lr = self.lr();
        while steps < n && self.stage != Stage::Done {
            if !self.started {
                self.started = true;
                events.push(TransferEvent::StageStart {
                    stage: self.stage,
                    frozen: self.frozen(),
                    lr: self.lr(),
                });
            }
            lr = self.lr();
            let (l, h, b) = self.train_batch(lr)?;
            (loss, hits, images, steps) = (loss + l * b as f64, hits + h, images + b, steps + 1);
            self.stage_step += 1;
            self.steps_done += 1;
            if self.stage_step >= self.stage_steps() {
                self.advance(&mut events)?;
            }
        }
        Ok(TransferStep {
            steps,
            loss: loss / images as f64,
            accuracy: hits as f64 / images as f64,
            lr,
            stage: self.stage,
            stage_step: self.stage_step,
            stage_steps: self.stage_steps(),
            steps_done: self.steps_done,
            total_steps: self.config.total_steps(),
            finished: self.is_finished(),
            frozen: self.frozen(),
            events,
        })
    }

    /// The end of a stage: fine-tuning's unfreezing (procedure steps 4–6), or the end.
    fn advance(&mut self, events: &mut Vec<TransferEvent>) -> Result<()> {
        self.stage_step = 0;
        if self.stage == Stage::Head
            && self.config.method == Method::FineTuning
            && self.config.fine_tune_steps > 0
        {
            let cut = match self.config.unfreeze {
                Unfreeze::C5 => Cut::S4,
                Unfreeze::C3 => Cut::S2,
            };
            let before = self.frozen();
            let model = self.take_model()?;
            let model = transfer_net::freeze(model, cut);
            self.cache =
                transfer_net::features(&model.valid(), cut, &self.task.pixels, &self.eval_device)?;
            self.model = Some(model);
            self.cut = cut;
            self.stage = Stage::FineTune;
            // A fresh optimiser: its state covers only the parameters that now train.
            self.optim = adam();
            let layers = before
                .into_iter()
                .filter(|l| !cut.frozen().contains(l))
                .collect();
            events.push(TransferEvent::Unfrozen {
                layers,
                lr: self.config.fine_tune_lr,
            });
            events.push(TransferEvent::StageStart {
                stage: Stage::FineTune,
                frozen: self.frozen(),
                lr: self.config.fine_tune_lr,
            });
        } else {
            self.stage = Stage::Done;
            events.push(TransferEvent::Finished);
        }
        Ok(())
    }

    /// One optimiser step on the next batch: (mean loss, correct predictions, images).
    fn train_batch(&mut self, lr: f64) -> Result<(f64, usize, usize)> {
        let k = self.order.len();
        let b = self.config.batch_size.min(k);
        if self.pos + b > k {
            self.shuffle.shuffle(&mut self.order);
            self.pos = 0;
        }
        let idx = &self.order[self.pos..self.pos + b];
        self.pos += b;
        let n = self.task.classes.len();
        let labels: Vec<u8> = idx.iter().map(|&i| self.task.labels[i as usize]).collect();
        let mut onehot = vec![0.0f32; b * n];
        for (row, &l) in labels.iter().enumerate() {
            onehot[row * n + l as usize] = 1.0;
        }
        let x = transfer_net::gather(&self.cache, idx, &self.device);
        let targets = upload(&onehot, [b, n], &self.device);
        let model = self.take_model()?;
        let logits = transfer_net::tail(&model, self.cut, x);
        let host_logits = download(logits.clone().detach());
        let loss = cross_entropy(logits, targets);
        let loss_value = download(loss.clone().detach());
        let grads = GradientsParams::from_grads(loss.backward(), &model);
        self.model = Some(self.optim.step(lr, model, grads));
        let loss_value = loss_value?.first().copied().unwrap_or(f32::NAN) as f64;
        let hits = loss_and_prediction(&host_logits?, &labels, n)
            .iter()
            .zip(&labels)
            .filter(|((_, p), l)| *p == **l as usize)
            .count();
        Ok((loss_value, hits, b))
    }

    /// The values at the current cut of images `ink` (`[k * 784]`): what [`Self::evaluate_at`]
    /// takes. The layers below the cut are frozen, so these stay valid for the whole stage
    /// (and, below the base, for every run from the same base weights).
    pub fn features(&self, ink: &[f32]) -> Result<Features> {
        transfer_net::features(&self.eval_net()?, self.cut, ink, &self.eval_device)
    }

    /// Loss, accuracy and confusion on images `pixels` (`[k * 784]`, ink in [0, 1]) with
    /// `labels` below `n`.
    pub fn evaluate(&self, pixels: &[f32], labels: &[u8]) -> Result<EvalMetrics> {
        const EVAL: &str = "Transfer.evaluate";
        check_images(
            EVAL,
            ("pixels", "labels"),
            pixels,
            labels,
            self.task.classes.len(),
        )?;
        self.evaluate_at(&self.features(pixels)?, labels)
    }

    /// [`Self::evaluate`] on values already computed at the current cut.
    pub fn evaluate_at(&self, f: &Features, labels: &[u8]) -> Result<EvalMetrics> {
        if f.cut != self.cut || f.n != labels.len() {
            return Err(Error::Backend("features of another cut or size".into()));
        }
        let n = self.task.classes.len();
        let logits = transfer_net::logits(&self.eval_net()?, f, &self.eval_device)?;
        let scored = loss_and_prediction(&logits, labels, n).into_iter();
        Ok(EvalMetrics::tally(
            n,
            scored
                .zip(labels)
                .map(|((l, p), &y)| (l, p, usize::from(y))),
        ))
    }

    /// The procedure steps that apply to this method, with what is done: feature extraction
    /// 1–3, fine-tuning 1–6, from scratch none.
    pub fn procedure(&self) -> Vec<ProcedureStep> {
        let unfrozen = matches!(self.stage, Stage::FineTune)
            || (self.stage == Stage::Done && self.cut != Cut::F6);
        let done = self.stage == Stage::Done;
        let steps: &[(u8, bool)] = match self.config.method {
            Method::Scratch => &[],
            Method::FeatureExtraction => &[(1, true), (2, true), (3, false)],
            Method::FineTuning => &[
                (1, true),
                (2, true),
                (3, false),
                (4, false),
                (5, false),
                (6, false),
            ],
        };
        steps
            .iter()
            .map(|&(step, always)| ProcedureStep {
                step,
                done: always
                    || match step {
                        3 => self.stage != Stage::Head,
                        4 | 6 => unfrozen,
                        _ => done && unfrozen,
                    },
            })
            .collect()
    }

    /// The current network as an [`AdaptedNet`] (f32, nothing rounded).
    pub fn adapted(&self) -> Result<AdaptedNet> {
        AdaptedNet::from_layers(
            &self.layers()?,
            self.task.classes.clone(),
            self.config.variant,
        )
    }

    /// The current network's layers on the host (C1, C3, C5, F6, the `n`-class head).
    pub fn layers(&self) -> Result<Vec<HostLayer>> {
        params::read(self.model()?)
    }
}

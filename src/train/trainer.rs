//! The resumable training loop: [`Trainer::step`] trains a given number of batches and
//! handles epoch ends itself (validation, callbacks, reshuffling), so a caller (the CLI's
//! progress bar, the browser worker) drives it in slices and can pause between any two.

use burn::module::Module;
use burn::optim::decay::WeightDecayConfig;
use burn::optim::momentum::MomentumConfig;
use burn::optim::{AdamConfig, GradientsParams, ModuleOptimizer, SgdConfig};
use burn::tensor::Device;

use super::callbacks::{EarlyStopping, ReduceLrOnPlateau, StopDecision};
use super::config::{OptimizerKind, TrainConfig};
use super::dataset::{Dataset, batch};
use super::loss::{cross_entropy, host_loss_and_prediction};
use super::metrics::{EvalMetrics, Event, StepMetrics};
use super::model::{TrainNet, dropout_masks};
use super::params::{self, HostLayer};
use super::schedule::scheduled_lr;
use crate::backend::{Backend, download};
use crate::data::rng::Rng;
use crate::error::{Error, ParamError, Result};
use crate::lenet::{CLASSES, LeNet5, weights};

/// Where the weights start.
#[derive(Debug, Clone)]
pub enum Init {
    /// Seeded random initialisation.
    Scratch,
    /// A weights file (the format of [`crate::lenet::weights`]) of the configured variant.
    Weights(Vec<u8>),
}

/// Independent random streams (see [`Rng::stream`]).
const STREAM_INIT: u64 = 1;
const STREAM_SUBSET: u64 = 2;
const STREAM_SHUFFLE: u64 = 3;
const STREAM_AUGMENT: u64 = 4;
const STREAM_DROPOUT: u64 = 5;

/// Validation images per forward pass.
const EVAL_CHUNK: usize = 500;
/// Images of the last batch kept for a preview ([`Trainer::last_batch`]).
pub const PREVIEW: usize = 16;

pub struct Trainer {
    config: TrainConfig,
    train: Dataset,
    val: Dataset,
    device: Device,
    eval_device: Device,
    /// `None` only while an optimiser step owns it.
    model: Option<TrainNet>,
    optim: ModuleOptimizer,
    /// The training images used (a seeded subset when `trainImages` is set).
    subset: Vec<u32>,
    /// This epoch's order of `subset`, and how far it has been trained.
    order: Vec<u32>,
    pos: usize,
    epoch: usize,
    images_seen: u64,
    shuffle_rng: Rng,
    augment_rng: Rng,
    dropout_rng: Rng,
    early: EarlyStopping,
    reduce: ReduceLrOnPlateau,
    /// Evaluation-mode copy of the best epoch's network (kept when restoring is on).
    best: Option<TrainNet>,
    /// The network training ended with, when it is not the current one (restored best).
    restored: Option<TrainNet>,
    epoch_loss: f64,
    epoch_correct: usize,
    epoch_images: usize,
    last_lr: f64,
    finished: bool,
    /// The first [`PREVIEW`] images of the last batch as trained on (ink), and their labels.
    preview: (Vec<f32>, Vec<u8>),
}

fn optimizer(c: &TrainConfig) -> ModuleOptimizer {
    let decay = (c.weight_decay > 0.0).then(|| WeightDecayConfig::new(c.weight_decay as f32));
    let o = &c.optimizer;
    match o.kind {
        OptimizerKind::Sgd => SgdConfig::new().with_weight_decay(decay).init(),
        OptimizerKind::Momentum => SgdConfig::new()
            .with_weight_decay(decay)
            .with_momentum(Some(
                MomentumConfig::new()
                    .with_momentum(o.momentum)
                    .with_dampening(0.0),
            ))
            .init(),
        OptimizerKind::Adam => AdamConfig::new()
            .with_beta_1(o.beta1 as f32)
            .with_beta_2(o.beta2 as f32)
            .with_epsilon(1e-8)
            .with_weight_decay(decay)
            .init(),
    }
}

impl Trainer {
    /// A trainer for `config` on `train`, validating on `val`, starting from `init`. Every
    /// setting is checked first ([`TrainConfig::validate_for`]); a weights file must be of the
    /// configured variant.
    pub fn new(config: TrainConfig, train: Dataset, val: Dataset, init: Init) -> Result<Self> {
        config.validate_for(train.len(), val.len())?;
        let backend = Backend::default();
        let eval_device = backend.device();
        let device = eval_device.clone().autodiff();
        let layers: Vec<HostLayer> = match &init {
            Init::Scratch => params::init(&mut Rng::stream(config.seed, STREAM_INIT)),
            Init::Weights(bytes) => {
                params::read(&weights::decode(bytes, config.variant, &eval_device)?)?
            }
        };
        let model = TrainNet::new(&layers, config.variant, config.batch_norm, &device);
        let mut subset: Vec<u32> = (0..train.len() as u32).collect();
        let used = config.images_used(train.len());
        if used < subset.len() {
            Rng::stream(config.seed, STREAM_SUBSET).shuffle(&mut subset);
            subset.truncate(used);
            subset.sort_unstable();
        }
        let mut shuffle_rng = Rng::stream(config.seed, STREAM_SHUFFLE);
        let mut order = subset.clone();
        shuffle_rng.shuffle(&mut order);
        Ok(Self {
            optim: optimizer(&config),
            train,
            val,
            device,
            eval_device,
            model: Some(model),
            subset,
            order,
            pos: 0,
            epoch: 0,
            images_seen: 0,
            shuffle_rng,
            augment_rng: Rng::stream(config.seed, STREAM_AUGMENT),
            dropout_rng: Rng::stream(config.seed, STREAM_DROPOUT),
            early: EarlyStopping::new(config.early_stopping),
            reduce: ReduceLrOnPlateau::new(config.reduce_lr),
            best: None,
            restored: None,
            epoch_loss: 0.0,
            epoch_correct: 0,
            epoch_images: 0,
            last_lr: config.lr,
            finished: false,
            preview: (Vec::new(), Vec::new()),
            config,
        })
    }

    pub fn config(&self) -> &TrainConfig {
        &self.config
    }

    pub fn batches_per_epoch(&self) -> usize {
        self.order.len().div_ceil(self.config.batch_size)
    }

    pub fn is_finished(&self) -> bool {
        self.finished
    }

    fn model(&self) -> Result<&TrainNet> {
        self.model
            .as_ref()
            .ok_or_else(|| Error::Backend("the network was lost in a failed step".into()))
    }

    /// The network as evaluation sees it (running batch-norm statistics, no dropout): the
    /// restored best one after early stopping with restoring, else the current one.
    pub fn eval_net(&self) -> Result<TrainNet> {
        match &self.restored {
            Some(net) => Ok(net.valid()),
            None => Ok(self.model()?.valid()),
        }
    }

    /// Trains up to `n` batches (fewer when the run ends). Epoch ends inside the call evaluate
    /// on the validation set and run the callbacks; their events are in the result.
    pub fn step(&mut self, n: usize) -> Result<StepMetrics> {
        let (mut loss_sum, mut correct, mut images, mut batches) = (0.0f64, 0usize, 0usize, 0);
        let mut events = Vec::new();
        while batches < n && !self.finished {
            let (loss, hits, b) = self.train_batch()?;
            (loss_sum, correct, images, batches) = (
                loss_sum + loss * b as f64,
                correct + hits,
                images + b,
                batches + 1,
            );
            if self.pos == self.order.len() {
                self.end_epoch(&mut events)?;
            }
        }
        Ok(StepMetrics {
            batches,
            images,
            loss: loss_sum / images as f64,
            accuracy: correct as f64 / images as f64,
            lr: self.last_lr,
            epoch: self.epoch,
            batch: self.pos.div_ceil(self.config.batch_size),
            batches_per_epoch: self.batches_per_epoch(),
            images_seen: self.images_seen,
            finished: self.finished,
            events,
        })
    }

    /// One optimiser step on the next batch: (mean loss, correct predictions, images).
    fn train_batch(&mut self) -> Result<(f64, usize, usize)> {
        let c = self.config;
        let end = (self.pos + c.batch_size).min(self.order.len());
        let idx = &self.order[self.pos..end];
        let b = idx.len();
        let data = batch(
            &self.train,
            idx,
            Some((&c.augment, &mut self.augment_rng)),
            PREVIEW,
            &self.device,
        );
        let masks = (c.dropout > 0.0)
            .then(|| dropout_masks(b, c.dropout, &mut self.dropout_rng, &self.device));
        let t = self.epoch as f64 + end as f64 / self.order.len() as f64;
        let lr = self.reduce.apply(scheduled_lr(&c, t));
        let logits = self.model()?.forward(data.x, masks.as_ref());
        let model = self
            .model
            .take()
            .ok_or_else(|| Error::Backend("the network was lost in a failed step".into()))?;
        let host_logits = download(logits.clone().detach());
        let loss = cross_entropy(logits, data.targets);
        let loss_value = download(loss.clone().detach());
        let grads = GradientsParams::from_grads(loss.backward(), &model);
        self.model = Some(self.optim.step(lr, model, grads));
        let loss_value = loss_value?.first().copied().unwrap_or(f32::NAN) as f64;
        let hits = host_loss_and_prediction(&host_logits?, &data.labels)
            .iter()
            .zip(&data.labels)
            .filter(|((_, p), l)| p == *l)
            .count();
        let shown = data.labels.iter().take(PREVIEW).map(|&l| l as u8).collect();
        self.preview = (data.ink, shown);
        self.pos = end;
        self.images_seen += b as u64;
        self.last_lr = lr;
        self.epoch_loss += loss_value * b as f64;
        self.epoch_correct += hits;
        self.epoch_images += b;
        Ok((loss_value, hits, b))
    }

    /// Validation, callbacks and a new order at the end of an epoch.
    fn end_epoch(&mut self, events: &mut Vec<Event>) -> Result<()> {
        self.epoch += 1;
        let eval = self.evaluate()?;
        let epoch = self.epoch;
        let n = self.epoch_images.max(1) as f64;
        events.push(Event::EpochEnd {
            epoch,
            train_loss: self.epoch_loss / n,
            train_accuracy: self.epoch_correct as f64 / n,
            val_loss: eval.loss,
            val_accuracy: eval.accuracy,
        });
        (self.epoch_loss, self.epoch_correct, self.epoch_images) = (0.0, 0, 0);
        let es = self.config.early_stopping;
        match self.early.observe(epoch, eval.loss) {
            StopDecision::Improved if es.enabled && es.restore_best => {
                self.best = Some(self.model()?.valid());
            }
            StopDecision::Stop { best_epoch } => {
                events.push(Event::EarlyStop { epoch, best_epoch });
                if es.restore_best
                    && let Some(best) = self.best.take()
                {
                    self.restored = Some(best);
                    events.push(Event::RestoredBest { epoch: best_epoch });
                }
                self.finished = true;
            }
            _ => {}
        }
        if !self.finished
            && let Some((from, to)) = self.reduce.observe(eval.loss, self.last_lr)
        {
            events.push(Event::LrReduced { epoch, from, to });
        }
        if !self.finished && epoch >= self.config.epochs {
            events.push(Event::Finished { epoch });
            self.finished = true;
        }
        self.order.clone_from(&self.subset);
        self.shuffle_rng.shuffle(&mut self.order);
        self.pos = 0;
        Ok(())
    }

    /// Loss, accuracy and confusion matrix on the validation set, in evaluation mode.
    pub fn evaluate(&self) -> Result<EvalMetrics> {
        let net = self.eval_net()?;
        let mut seen = Vec::with_capacity(self.val.len());
        let all: Vec<u32> = (0..self.val.len() as u32).collect();
        for chunk in all.chunks(EVAL_CHUNK) {
            let data = batch(&self.val, chunk, None, 0, &self.eval_device);
            let logits = download(net.forward(data.x, None))?;
            let scored = host_loss_and_prediction(&logits, &data.labels).into_iter();
            seen.extend(scored.zip(&data.labels).map(|((l, p), &y)| (l, p, y)));
        }
        Ok(EvalMetrics::tally(CLASSES, seen))
    }

    /// The inference network (batch norm folded, dropout gone), on the inference device.
    pub fn export(&self) -> Result<LeNet5> {
        self.eval_net()?.export(&self.eval_device)
    }

    /// The trained weights as a weights file ([`crate::lenet::weights`], f16), which
    /// `LeNet5.fromBytes` reads.
    pub fn encode(&self) -> Result<Vec<u8>> {
        weights::encode(self.export()?)
    }

    /// The inference weight (PyTorch layout: conv `[O, C, KH, KW]`, dense `[out, in]`) and bias
    /// of `layer` (`C1`, `C3`, `C5`, `F6`, `output`), batch norm folded in.
    pub fn weights_of(&self, layer: &str) -> Result<(Vec<f32>, Vec<usize>, Vec<f32>)> {
        let i = params::WEIGHTED
            .iter()
            .position(|&at| crate::lenet::LAYERS[at].name == layer)
            .ok_or_else(|| {
                ParamError::new(
                    "Trainer.filters",
                    "layer",
                    format!("expected C1, C3, C5, F6 or output, got {layer:?}"),
                )
                .with_expected(vec!["C1", "C3", "C5", "F6", "output"])
                .with_got(layer)
            })?;
        let folded = self.eval_net()?.folded()?;
        let (shape, _) = params::weight_shape(i);
        let l = &folded[i];
        if shape.len() == 2 {
            // burn's [in, out] → [out, in].
            let (ins, outs) = (shape[0], shape[1]);
            let mut w = vec![0.0f32; l.weight.len()];
            for i in 0..ins {
                for o in 0..outs {
                    w[o * ins + i] = l.weight[i * outs + o];
                }
            }
            return Ok((w, vec![outs, ins], l.bias.clone()));
        }
        Ok((l.weight.clone(), shape, l.bias.clone()))
    }

    /// The first (up to [`PREVIEW`]) images of the last training batch exactly as the network
    /// saw them (augmented; ink in [0, 1], 28×28 each) and their labels; empty before the
    /// first step.
    pub fn last_batch(&self) -> (&[f32], &[u8]) {
        (&self.preview.0, &self.preview.1)
    }
}

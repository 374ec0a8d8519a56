//! Training LeNet-5 in the library (feature `train`): the native CLI (`src/bin/train.rs`) and
//! the browser's training module (`pkg-train/`, `src/bindings/train.rs`) drive the same
//! [`Trainer`].
//!
//! - [`config`]: [`TrainConfig`], its defaults (declared once) and validation;
//! - [`dataset`]: images and labels as bytes, batches prepared as inference prepares a digit;
//! - [`model`] (with [`conv_matmul`]: C1 and C5 as matrix products): LeNet-5 with optional batch norm and dropout, folded into a plain `LeNet5`;
//! - [`custom_ops`] (with [`custom_autodiff`], [`kernels`], [`host`]): tanh, average pooling
//!   and C3's convolution as burn backend extensions with handwritten backward passes;
//! - [`params`]: parameters on the host: seeded initialisation, batch-norm folding;
//! - [`expf`]: the wasm module's `expf` (burn-flex's `exp`), glibc's algorithm;
//! - [`loss`], [`schedule`], [`callbacks`] (early stopping, reduce-LR-on-plateau);
//! - [`trainer`]: the resumable loop; [`metrics`]: what it reports.
//! - [`transfer`]: transfer learning from the MNIST-trained network to a new alphabet
//!   ([`transfer_config`], [`transfer_task`], [`transfer_net`]: cut, freezing, cached features;
//!   [`transfer_metrics`]: what a run reports).
//!
//! Randomness comes only from [`crate::data::rng::Rng`] streams derived from the seed; with
//! a single-threaded backend (wasm, or native without `cli`'s threads) a seed reproduces a
//! run bit for bit.

pub mod callbacks;
pub mod config;
pub mod conv_matmul;
pub mod custom_autodiff;
pub mod custom_ops;
pub mod dataset;
pub mod expf;
pub mod host;
pub mod kernels;
pub mod loss;
pub mod metrics;
pub mod model;
pub mod params;
pub mod schedule;
pub mod trainer;
pub mod transfer;
pub mod transfer_config;
pub mod transfer_experiment;
pub mod transfer_file;
pub mod transfer_metrics;
pub mod transfer_net;
pub mod transfer_task;

pub use config::TrainConfig;
pub use dataset::Dataset;
pub use metrics::{EvalMetrics, Event, StepMetrics};
pub use trainer::{Init, Trainer};

//! Trains LeNet-5 (both variants) on MNIST and writes the weights the wasm module embeds.
//!
//! ```text
//! cargo run --release --features train --bin train -- --data ../shared/mnist [options]
//! ```
//!
//! Options (defaults in brackets):
//! - `--data DIR`          directory of the four gzipped IDX files [../shared/mnist]
//! - `--variant V`         classic, modern or both [both]
//! - `--epochs N`          epochs of the cosine schedule (maximum) [16]
//! - `--batch N`           batch size [64]
//! - `--lr X`              peak learning rate (Adam) [0.002]
//! - `--warmup N`          warm-up epochs (linear) before cosine decay [1]
//! - `--patience N`        early stopping: epochs without a better validation accuracy [8]
//! - `--validation N`      training images held out for validation [5000]
//! - `--seed N`            seed of initialisation, shuffling and augmentation [2026]
//! - `--no-augment`        switch off random shifts, rotations and scaling
//! - `--out DIR`           where `lenet5-<variant>.bin` is written [src/weights]
//!
//! Runs on burn-flex with autodiff (the faster CPU backend here, see README) or burn-ndarray
//! when only that feature is compiled. Initialisation, validation split, shuffling and
//! augmentation are seeded; multithreaded kernels may still reorder floating-point sums.

use std::path::PathBuf;
use std::time::Instant;

use burn::module::Module;
use burn::nn::loss::CrossEntropyLossConfig;
use burn::optim::{AdamConfig, GradientsParams};
use burn::tensor::{Device, Int, Tensor, TensorData};
use convscope::backend::Backend;
use convscope::data::image::{Gray, inverse_similarity};
use convscope::data::mnist::{Mnist, Split};
use convscope::lenet::weights;
use convscope::lenet::{
    CLASSES, IMAGE_PIXELS, IMAGE_SIDE, LeNet5, LeNet5Config, PADDED_SIDE, Variant, prepare_input,
};
use indicatif::{ProgressBar, ProgressStyle};

struct Args {
    data: PathBuf,
    variants: Vec<Variant>,
    epochs: usize,
    batch: usize,
    lr: f64,
    warmup: usize,
    patience: usize,
    validation: usize,
    seed: u64,
    augment: bool,
    out: PathBuf,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        data: PathBuf::from("../shared/mnist"),
        variants: Variant::ALL.to_vec(),
        epochs: 16,
        batch: 64,
        lr: 2e-3,
        warmup: 1,
        patience: 8,
        validation: 5000,
        seed: 2026,
        augment: true,
        out: PathBuf::from("src/weights"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        let num = |v: String| {
            v.parse::<f64>()
                .map_err(|_| format!("{flag}: not a number: {v}"))
        };
        match flag.as_str() {
            "--data" => a.data = value()?.into(),
            "--out" => a.out = value()?.into(),
            "--variant" => {
                let v = value()?;
                a.variants = match v.as_str() {
                    "both" => Variant::ALL.to_vec(),
                    other => vec![Variant::parse(other).ok_or(format!("unknown variant {other}"))?],
                }
            }
            "--epochs" => a.epochs = num(value()?)? as usize,
            "--batch" => a.batch = num(value()?)? as usize,
            "--lr" => a.lr = num(value()?)?,
            "--warmup" => a.warmup = num(value()?)? as usize,
            "--patience" => a.patience = num(value()?)? as usize,
            "--validation" => a.validation = num(value()?)? as usize,
            "--seed" => a.seed = num(value()?)? as u64,
            "--no-augment" => a.augment = false,
            "--help" | "-h" => {
                println!(
                    "{}",
                    include_str!("train.rs")
                        .lines()
                        .take_while(|l| l.starts_with("//!"))
                        .map(|l| l.trim_start_matches("//!").trim_start_matches(' '))
                        .collect::<Vec<_>>()
                        .join("\n")
                );
                std::process::exit(0);
            }
            other => return Err(format!("unknown flag {other} (see --help)")),
        }
    }
    if a.batch == 0 || a.epochs == 0 {
        return Err("--batch and --epochs must be at least 1".into());
    }
    Ok(a)
}

/// SplitMix64: small, seeded, reproducible.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [lo, hi).
    fn uniform(&mut self, lo: f32, hi: f32) -> f32 {
        lo + (hi - lo) * ((self.next_u64() >> 40) as f32 / (1u64 << 24) as f32)
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Random rotation (±12°), scaling (0.9–1.1) and shift (±2 px) of one digit.
fn augment(pixels: &[f32], rng: &mut Rng) -> Vec<f32> {
    let g = Gray {
        width: IMAGE_SIDE,
        height: IMAGE_SIDE,
        data: pixels.to_vec(),
    };
    let angle = rng.uniform(-12.0, 12.0).to_radians();
    let scale = rng.uniform(0.9, 1.1);
    let (dx, dy) = (rng.uniform(-2.0, 2.0), rng.uniform(-2.0, 2.0));
    let c = IMAGE_SIDE as f32 / 2.0;
    g.warp(
        IMAGE_SIDE,
        IMAGE_SIDE,
        inverse_similarity(angle, scale, dx, dy, c, c),
    )
    .data
}

fn pixels(set: &Mnist, i: usize) -> Vec<f32> {
    set.image(i).iter().map(|&b| b as f32 / 255.0).collect()
}

/// Builds a prepared batch `[b, 1, 32, 32]` and its labels `[b]`.
fn batch(
    set: &Mnist,
    idx: &[usize],
    rng: Option<&mut Rng>,
    device: &Device,
) -> (Tensor<4>, Tensor<1, Int>) {
    let mut x = Vec::with_capacity(idx.len() * PADDED_SIDE * PADDED_SIDE);
    let mut rng = rng;
    for &i in idx {
        let p = pixels(set, i);
        let p = match rng.as_deref_mut() {
            Some(r) => augment(&p, r),
            None => p,
        };
        x.extend(prepare_input(&p));
    }
    let y: Vec<i64> = idx.iter().map(|&i| set.labels[i] as i64).collect();
    (
        Tensor::<4>::from_data(
            TensorData::new(x, [idx.len(), 1, PADDED_SIDE, PADDED_SIDE]),
            device,
        ),
        Tensor::<1, Int>::from_data(TensorData::new(y, [idx.len()]), device),
    )
}

/// Fraction of `idx` the model classifies correctly.
fn accuracy(model: &LeNet5, set: &Mnist, idx: &[usize], device: &Device) -> f64 {
    let mut correct = 0usize;
    for chunk in idx.chunks(500) {
        let (x, y) = batch(set, chunk, None, device);
        let pred = model.forward(x).argmax(1).flatten::<1>(0, 1); // [b]
        let hits: Vec<i64> = pred
            .equal(y)
            .int()
            .into_data()
            .convert::<i64>()
            .try_to_vec::<i64>()
            .unwrap_or_default();
        correct += hits.iter().filter(|&&h| h != 0).count();
    }
    correct as f64 / idx.len() as f64
}

/// Learning rate at fractional epoch `t`: linear warm-up, then cosine decay to 1% of the peak.
fn learning_rate(args: &Args, t: f64) -> f64 {
    let warm = args.warmup as f64;
    if t < warm {
        return args.lr * (t + 1.0 / 64.0).min(warm) / warm;
    }
    let progress = ((t - warm) / (args.epochs as f64 - warm).max(1.0)).clamp(0.0, 1.0);
    args.lr * (0.01 + 0.99 * 0.5 * (1.0 + (std::f64::consts::PI * progress).cos()))
}

fn train_variant(args: &Args, variant: Variant, train: &Mnist, test: &Mnist) -> Result<(), String> {
    let backend = Backend::default();
    let device = backend.device().autodiff();
    device.seed(args.seed);
    let eval_device = backend.device();
    let mut rng = Rng(args.seed ^ variant as u64);
    println!(
        "== LeNet-5 {} ({} + {} pooling) on burn-{}, seed {}, augmentation {}",
        variant.name(),
        variant.activation_name(),
        variant.pool_mode().name(),
        backend.name(),
        args.seed,
        if args.augment { "on" } else { "off" }
    );

    // Hold out the last `validation` images of a seeded permutation for early stopping.
    let mut order: Vec<usize> = (0..train.len()).collect();
    rng.shuffle(&mut order);
    let (val_idx, train_idx) = order.split_at(args.validation.min(train.len() / 2));
    let (val_idx, mut train_idx) = (val_idx.to_vec(), train_idx.to_vec());

    let mut model = LeNet5Config::new(variant).init(&device);
    let mut optim = AdamConfig::new().init();
    let loss_fn = CrossEntropyLossConfig::new().init(&device);
    let steps_per_epoch = train_idx.len().div_ceil(args.batch);
    let (mut best_acc, mut best_epoch, mut best) = (0.0f64, 0usize, model.valid());
    let started = Instant::now();

    for epoch in 0..args.epochs {
        rng.shuffle(&mut train_idx);
        let bar = ProgressBar::new(train_idx.len() as u64);
        bar.set_style(
            ProgressStyle::with_template("epoch {prefix:>2} [{bar:30}] {pos:>5}/{len} {msg}")
                .map_err(|e| e.to_string())?
                .progress_chars("=> "),
        );
        bar.set_prefix(format!("{}", epoch + 1));
        let t0 = Instant::now();
        let mut loss_sum = 0.0f64;
        for (step, chunk) in train_idx.chunks(args.batch).enumerate() {
            let lr = learning_rate(args, epoch as f64 + step as f64 / steps_per_epoch as f64);
            let (x, y) = batch(train, chunk, args.augment.then_some(&mut rng), &device);
            let logits = model.forward(x);
            let loss = loss_fn.forward(logits, y);
            let loss_value: f32 = loss.clone().into_scalar::<f32>();
            loss_sum += loss_value as f64;
            let grads = GradientsParams::from_grads(loss.backward(), &model);
            model = optim.step(lr, model, grads);
            bar.inc(chunk.len() as u64);
            if step % 20 == 0 {
                let done = (step + 1) * args.batch;
                bar.set_message(format!(
                    "loss {:.4}  lr {lr:.2e}  {:.0} img/s",
                    loss_sum / (step + 1) as f64,
                    done as f64 / t0.elapsed().as_secs_f64()
                ));
            }
        }
        bar.finish_and_clear();
        let valid = model.valid();
        let val_acc = accuracy(&valid, train, &val_idx, &eval_device);
        let improved = val_acc > best_acc;
        println!(
            "epoch {:>2}: loss {:.4}, validation {:.2}%{}, {:.1}s ({:.0} img/s)",
            epoch + 1,
            loss_sum / steps_per_epoch as f64,
            100.0 * val_acc,
            if improved { " (best)" } else { "" },
            t0.elapsed().as_secs_f64(),
            train_idx.len() as f64 / t0.elapsed().as_secs_f64()
        );
        if improved {
            (best_acc, best_epoch, best) = (val_acc, epoch + 1, valid);
        } else if epoch + 1 - best_epoch >= args.patience {
            println!(
                "early stop: no better validation accuracy for {} epochs",
                args.patience
            );
            break;
        }
    }

    // The shipped weights are f16: measure the test accuracy of exactly those.
    let bytes = weights::encode(best).map_err(|e| e.to_string())?;
    let shipped = weights::decode(&bytes, variant, &eval_device).map_err(|e| e.to_string())?;
    let test_idx: Vec<usize> = (0..test.len()).collect();
    let test_acc = accuracy(&shipped, test, &test_idx, &eval_device);
    std::fs::create_dir_all(&args.out).map_err(|e| e.to_string())?;
    let path = args.out.join(format!("lenet5-{}.bin", variant.name()));
    std::fs::write(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    println!(
        "{}: best validation {:.2}% at epoch {best_epoch}; TEST ACCURACY {:.2}% on {} images (f16 weights); {} bytes -> {}; {:.0}s",
        variant.name(),
        100.0 * best_acc,
        100.0 * test_acc,
        test.len(),
        bytes.len(),
        path.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn main() {
    let run = || -> Result<(), String> {
        let args = parse_args()?;
        let train = Mnist::load(&args.data, Split::Train).map_err(|e| e.to_string())?;
        let test = Mnist::load(&args.data, Split::Test).map_err(|e| e.to_string())?;
        println!(
            "MNIST: {} training, {} test images ({} px, {} classes), checksums ok",
            train.len(),
            test.len(),
            IMAGE_PIXELS,
            CLASSES
        );
        for &v in &args.variants {
            train_variant(&args, v, &train, &test)?;
        }
        Ok(())
    };
    if let Err(e) = run() {
        eprintln!("train: {e}");
        std::process::exit(1);
    }
}

//! Trains LeNet-5 (both variants) on MNIST and writes the weights the wasm module embeds:
//! flag parsing and a progress bar over the library's [`convscope::train::Trainer`].
//!
//! ```text
//! cargo run --release --features flex,simd,cli --bin train -- --data ../shared/mnist [options]
//! ```
//!
//! Options (defaults in brackets; they are the recipe of the shipped weights):
//! - `--data DIR`          directory of the four gzipped IDX files [../shared/mnist]
//! - `--variant V`         classic, modern or both [both]
//! - `--epochs N`          epochs of the cosine schedule (maximum) [16]
//! - `--batch N`           batch size [64]
//! - `--lr X`              peak learning rate [0.002]
//! - `--optimizer K`       sgd, momentum or adam [adam]
//! - `--warmup N`          warm-up epochs (linear) before cosine decay [1]
//! - `--patience N`        early stopping: epochs without a lower validation loss [8]
//! - `--validation N`      training images held out for validation [5000]
//! - `--train-images N`    use only N of the remaining training images [all]
//! - `--dropout P`         dropout after C5 and F6 [0]
//! - `--weight-decay X`    L2 weight decay [0]
//! - `--batch-norm`        batch normalisation after C1, C3, C5, F6 (folded on export)
//! - `--seed N`            seed of initialisation, shuffling and augmentation [2026]
//! - `--no-augment`        switch off random shifts (±2 px), rotations (±12°), scaling (±10%)
//! - `--out DIR`           where `lenet5-<variant>.bin` is written [www/assets/weights]
//!
//! Runs on burn-flex with autodiff (the faster CPU backend here, see README) or burn-ndarray
//! when only that feature is compiled. Initialisation, validation split, shuffling and
//! augmentation are seeded; multithreaded kernels may still reorder floating-point sums.

use std::path::PathBuf;
use std::time::Instant;

use convscope::backend::Backend;
use convscope::data::augment::Augment;
use convscope::data::mnist::{Mnist, Split};
use convscope::data::rng::Rng;
use convscope::lenet::{CLASSES, IMAGE_PIXELS, Variant, weights};
use convscope::train::config::{OptimizerKind, ScheduleKind};
use convscope::train::dataset::batch;
use convscope::train::{Dataset, Event, Init, TrainConfig, Trainer};
use indicatif::{ProgressBar, ProgressStyle};

struct Args {
    data: PathBuf,
    variants: Vec<Variant>,
    validation: usize,
    out: PathBuf,
    config: TrainConfig,
}

fn parse_args() -> Result<Args, String> {
    let mut c = TrainConfig {
        epochs: 16,
        batch_size: 64,
        lr: 2e-3,
        seed: 2026,
        augment: Augment {
            rotation: 12.0,
            shift: 2.0,
            scale: 0.1,
            ..Augment::default()
        },
        ..TrainConfig::default()
    };
    c.schedule.kind = ScheduleKind::Cosine;
    c.schedule.warmup = 1.0;
    c.early_stopping.enabled = true;
    c.early_stopping.patience = 8;
    let mut a = Args {
        data: PathBuf::from("../shared/mnist"),
        variants: Variant::ALL.to_vec(),
        validation: 5000,
        out: PathBuf::from("www/assets/weights"),
        config: c,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        let num = |v: String| {
            v.parse::<f64>()
                .map_err(|_| format!("{flag}: not a number: {v}"))
        };
        let c = &mut a.config;
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
            "--epochs" => c.epochs = num(value()?)? as usize,
            "--batch" => c.batch_size = num(value()?)? as usize,
            "--lr" => c.lr = num(value()?)?,
            "--optimizer" => {
                c.optimizer.kind = match value()?.as_str() {
                    "sgd" => OptimizerKind::Sgd,
                    "momentum" => OptimizerKind::Momentum,
                    "adam" => OptimizerKind::Adam,
                    other => return Err(format!("unknown optimizer {other}")),
                }
            }
            "--warmup" => c.schedule.warmup = num(value()?)?,
            "--patience" => c.early_stopping.patience = num(value()?)? as usize,
            "--validation" => a.validation = num(value()?)? as usize,
            "--train-images" => c.train_images = Some(num(value()?)? as usize),
            "--dropout" => c.dropout = num(value()?)?,
            "--weight-decay" => c.weight_decay = num(value()?)?,
            "--batch-norm" => c.batch_norm = true,
            "--seed" => c.seed = num(value()?)? as u64,
            "--no-augment" => c.augment = Augment::default(),
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
    a.config.validate().map_err(|e| e.to_string())?;
    Ok(a)
}

/// The seeded validation split of MNIST's training set: (training part, validation part).
fn split(train: &Mnist, validation: usize, seed: u64) -> Result<(Dataset, Dataset), String> {
    let mut order: Vec<usize> = (0..train.len()).collect();
    Rng::new(seed).shuffle(&mut order);
    let (val_idx, train_idx) = order.split_at(validation.min(train.len() / 2));
    let take = |idx: &[usize], name: &str| {
        let pixels = idx.iter().flat_map(|&i| train.image(i).to_vec()).collect();
        let labels = idx.iter().map(|&i| train.labels[i]).collect();
        Dataset::new(pixels, labels, name).map_err(|e| e.to_string())
    };
    Ok((take(train_idx, "train")?, take(val_idx, "val")?))
}

fn bar(len: u64, epoch: usize) -> Result<ProgressBar, String> {
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template("epoch {prefix:>2} [{bar:30}] {pos:>4}/{len} {msg}")
            .map_err(|e| e.to_string())?
            .progress_chars("=> "),
    );
    bar.set_prefix(format!("{epoch}"));
    Ok(bar)
}

fn train_variant(
    args: &Args,
    variant: Variant,
    mnist: &Mnist,
    test: &Dataset,
) -> Result<(), String> {
    let config = TrainConfig {
        variant,
        seed: args.config.seed ^ variant as u64,
        ..args.config
    };
    let (train, val) = split(mnist, args.validation, config.seed)?;
    println!(
        "== LeNet-5 {} ({} + {} pooling) on burn-{}, seed {}, augmentation {}",
        variant.name(),
        variant.activation_name(),
        variant.pool_mode().name(),
        Backend::default().name(),
        args.config.seed,
        if config.augment.is_active() {
            "on"
        } else {
            "off"
        }
    );
    let mut trainer = Trainer::new(config, train, val, Init::Scratch).map_err(|e| e.to_string())?;
    let started = Instant::now();
    let mut epoch_start = Instant::now();
    let mut progress = bar(trainer.batches_per_epoch() as u64, 1)?;
    while !trainer.is_finished() {
        let m = trainer.step(20).map_err(|e| e.to_string())?;
        progress.set_position(m.batch as u64);
        let done = m.batch * config.batch_size;
        progress.set_message(format!(
            "loss {:.4}  lr {:.2e}  {:.0} img/s",
            m.loss,
            m.lr,
            done as f64 / epoch_start.elapsed().as_secs_f64()
        ));
        for e in &m.events {
            match *e {
                Event::EpochEnd {
                    epoch,
                    train_loss,
                    val_loss,
                    val_accuracy,
                    ..
                } => {
                    progress.finish_and_clear();
                    let secs = epoch_start.elapsed().as_secs_f64();
                    println!(
                        "epoch {epoch:>2}: loss {train_loss:.4}, validation loss {val_loss:.4}, accuracy {:.2}%, {secs:.1}s",
                        100.0 * val_accuracy
                    );
                    epoch_start = Instant::now();
                    progress = bar(trainer.batches_per_epoch() as u64, epoch + 1)?;
                }
                Event::EarlyStop { epoch, best_epoch } => {
                    println!("early stop after epoch {epoch}; best epoch {best_epoch}")
                }
                Event::RestoredBest { epoch } => println!("restored the weights of epoch {epoch}"),
                Event::LrReduced { epoch, from, to } => {
                    println!("epoch {epoch}: learning rate {from:.2e} -> {to:.2e}")
                }
                Event::Finished { .. } => {}
            }
        }
    }
    progress.finish_and_clear();

    // The shipped weights are f16: measure the test accuracy of exactly those.
    let bytes = trainer.encode().map_err(|e| e.to_string())?;
    let device = Backend::default().device();
    let shipped = weights::decode(&bytes, variant, &device).map_err(|e| e.to_string())?;
    let mut correct = 0usize;
    let all: Vec<u32> = (0..test.len() as u32).collect();
    for chunk in all.chunks(500) {
        let b = batch(test, chunk, None, 0, &device);
        let logits = shipped
            .forward(b.x)
            .into_data()
            .try_to_vec::<f32>()
            .map_err(|e| format!("{e:?}"))?;
        for (row, &y) in logits.chunks_exact(CLASSES).zip(&b.labels) {
            let arg = (0..CLASSES).fold(0, |a, c| if row[c] > row[a] { c } else { a });
            correct += usize::from(arg == y);
        }
    }
    std::fs::create_dir_all(&args.out).map_err(|e| e.to_string())?;
    let path = args.out.join(format!("lenet5-{}.bin", variant.name()));
    std::fs::write(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    println!(
        "{}: TEST ACCURACY {:.2}% on {} images (f16 weights); {} bytes -> {}; {:.0}s",
        variant.name(),
        100.0 * correct as f64 / test.len() as f64,
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
        let test = Dataset::new(test.images, test.labels, "test").map_err(|e| e.to_string())?;
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

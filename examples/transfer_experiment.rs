//! Transfer learning on the demo alphabets (README "Transfer learning"): held-out accuracy vs
//! training examples per class for feature extraction, fine-tuning and from scratch, mean over
//! seeds, and the time of one feature-extraction step vs one full training step.
//!
//! ```text
//! cargo run --release --features train --example transfer_experiment -- \
//!     [--alphabet hangul|math|all] [--variant classic|modern] [--seeds 3] [--shots 1,2,5,10,20,50]
//! ```

use std::time::Instant;

use convscope::data::alphabet::{AlphabetSet, DEMO_PATH};
use convscope::lenet::{Variant, weights};
use convscope::train::transfer_config::{Method, TransferConfig};
use convscope::train::transfer_experiment::{Experiment, ExperimentSettings, step_time};
use convscope::train::transfer_task::Task;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut settings = ExperimentSettings::default();
    let mut which = "all".to_string();
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        let v = it.next().ok_or(format!("{k} needs a value"))?;
        match k.as_str() {
            "--alphabet" => which = v,
            "--variant" => {
                settings.config.variant = Variant::parse(&v).ok_or("classic or modern")?;
            }
            "--seeds" => settings.seeds = (1..=v.parse::<u64>()?).collect(),
            "--shots" => {
                settings.shots = v.split(',').map(str::parse).collect::<Result<_, _>>()?;
            }
            _ => return Err(format!("unknown argument {k}").into()),
        }
    }
    let set = AlphabetSet::read_gz(std::path::Path::new(DEMO_PATH))?;
    let base = weights::embedded(settings.config.variant).to_vec();
    println!(
        "variant {}, seeds {:?}, defaults {:?}",
        settings.config.variant.name(),
        settings.seeds,
        settings.config
    );
    for a in set
        .alphabets
        .iter()
        .filter(|a| which == "all" || a.id == which)
    {
        let start = Instant::now();
        let mut e = Experiment::new(settings.clone(), base.clone(), a.clone())?;
        while e.run_next()?.is_some() {}
        let t = e.table();
        println!(
            "\n{} ({}): held-out accuracy, {} test images per class, mean over {} seeds ({:.1} s)",
            a.name,
            a.classes.join(" "),
            settings.held_out,
            t.seeds.len(),
            start.elapsed().as_secs_f64()
        );
        print!("| method |");
        for s in &t.shots {
            print!(" {s} |");
        }
        println!();
        println!("|---|{}", "---|".repeat(t.shots.len()));
        for (m, row) in t.methods.iter().zip(&t.mean) {
            print!("| {} |", m.name());
            for v in row {
                print!(" {:.1}% |", v.unwrap_or(f64::NAN) * 100.0);
            }
            println!();
        }
    }
    // One step on a batch of 32 examples: feature extraction (head on cached F6 values) vs a
    // full training step (every layer, from scratch), vs fine-tuning's second stage.
    let a = &set.alphabets[0];
    let split = a.split(50, 1, settings.held_out).ok_or("split")?;
    let task = Task::new(&split.classes, split.train.pixels, split.train.labels)?;
    let cfg = |method| TransferConfig {
        method,
        ..settings.config
    };
    let fe = step_time(cfg(Method::FeatureExtraction), &base, task.clone(), 200)?;
    let full = step_time(cfg(Method::Scratch), &base, task.clone(), 50)?;
    let ft = step_time(
        TransferConfig {
            head_steps: 1,
            ..cfg(Method::FineTuning)
        },
        &base,
        task,
        50,
    )?;
    println!(
        "\nstep, batch {}: feature extraction {:.3} ms, fine-tuning (C5 up) {:.3} ms, full (scratch) {:.3} ms: feature extraction {:.0}x faster",
        settings.config.batch_size,
        fe.as_secs_f64() * 1e3,
        ft.as_secs_f64() * 1e3,
        full.as_secs_f64() * 1e3,
        full.as_secs_f64() / fe.as_secs_f64()
    );
    Ok(())
}

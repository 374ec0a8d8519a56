//! Accuracy curves on the training lab's data (`www/assets/mnist-train.bin.gz`): trains with
//! the given settings and prints validation accuracy every `--every` images, plus the
//! single-thread training images per second.
//!
//! cargo run --release --example train_curve --features flex,simd,train -- \
//!   '{"variant":"modern","lr":0.002,"batchSize":64}' [--every 1000] [--images 40000]
use std::io::Read;
use std::time::Instant;

use convscope::train::{Dataset, Init, TrainConfig, Trainer};

fn load() -> Result<(Dataset, Dataset), String> {
    let gz = std::fs::read("www/assets/mnist-train.bin.gz").map_err(|e| e.to_string())?;
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_end(&mut raw)
        .map_err(|e| e.to_string())?;
    let u32_at =
        |o: usize| u32::from_le_bytes([raw[o], raw[o + 1], raw[o + 2], raw[o + 3]]) as usize;
    let (t, v) = (u32_at(8), u32_at(12));
    let labels = &raw[20..20 + t + v];
    let px = &raw[20 + 5 * (t + v)..];
    let train = Dataset::new(px[..t * 784].to_vec(), labels[..t].to_vec(), "train")
        .map_err(|e| format!("{e:?}"))?;
    let val = Dataset::new(
        px[t * 784..(t + v) * 784].to_vec(),
        labels[t..].to_vec(),
        "val",
    )
    .map_err(|e| format!("{e:?}"))?;
    Ok((train, val))
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config: TrainConfig =
        serde_json::from_str(args.first().map_or("{}", |s| s)).map_err(|e| e.to_string())?;
    let flag = |name: &str, d: usize| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(d)
    };
    let every = flag("--every", 1000);
    let max = flag("--images", 40000);
    let (train, val) = load()?;
    let mut t = Trainer::new(config, train, val, Init::Scratch).map_err(|e| format!("{e:?}"))?;
    let bs = config.batch_size;
    let mut seen = 0;
    let mut train_s = 0.0;
    println!(
        "{}",
        serde_json::to_string(&config).map_err(|e| e.to_string())?
    );
    while seen < max && !t.is_finished() {
        let n = every.div_ceil(bs);
        let start = Instant::now();
        let m = t.step(n).map_err(|e| format!("{e:?}"))?;
        train_s += start.elapsed().as_secs_f64();
        seen += m.images;
        let e = t.evaluate().map_err(|e| format!("{e:?}"))?;
        println!(
            "{seen}\t{:.2}\t{:.0} img/s",
            100.0 * e.accuracy,
            seen as f64 / train_s
        );
    }
    Ok(())
}

//! Test-time augmentation measured: accuracy without TTA, with TTA (K copies, mean rule and
//! max-confidence rule) on the MNIST test set and on a seeded stress set built from it, for
//! both LeNet-5 variants, and the cost of one prediction.
//!
//! The stress set: test image `i` distorted by one of three kinds (`i % 3`), each value drawn
//! from `Rng::stream(STRESS_SEED, i)` with `src/data/augment.rs`'s fixed-value warps:
//! - off-centre: shifted 2.5–4.5 px in a random direction (the mass centre off (14, 14));
//! - small: scaled to 50–70 % about the centre (a 20-px digit becomes 10–14 px);
//! - thick: strokes dilated by a 3×3 square (about 2 px wider).
//!
//! cargo run --release --example tta_eval --features flex,simd -- \
//!   [--n 10000] [--k 8] [--shift 1.5] [--rotation 10] [--scale 0.1] [--sweep] [--timing]
//! `--sweep` compares a few ranges (on `--n` images; the README's choice of defaults);
//! `--timing` prints ms per prediction only.
use std::path::Path;
use std::time::Instant;

use convscope::Backend;
use convscope::data::augment::{dilate, similarity};
use convscope::data::mnist::{Mnist, Split};
use convscope::data::rng::Rng;
use convscope::lenet::inspect::Network;
use convscope::lenet::tta::{self, Rule, TtaOptions, argmax};
use convscope::lenet::{CLASSES, IMAGE_PIXELS, Variant};

const STRESS_SEED: u64 = 2026;
const KINDS: [&str; 3] = ["off-centre", "small", "thick"];

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    let i = args.iter().position(|a| a == &format!("--{name}"))?;
    args.get(i + 1).cloned()
}

fn num(name: &str, default: f64) -> f64 {
    arg(name).and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn flag(name: &str) -> bool {
    std::env::args().any(|a| a == format!("--{name}"))
}

/// Stress image `i` (kind `i % 3`) from clean image `pixels`.
fn stress(pixels: &[f32], i: usize) -> Vec<f32> {
    let mut rng = Rng::stream(STRESS_SEED, i as u64);
    match i % 3 {
        0 => {
            let a = rng.uniform(0.0, std::f32::consts::TAU);
            let r = rng.uniform(2.5, 4.5);
            similarity(pixels, 0.0, 1.0, r * a.cos(), r * a.sin())
        }
        1 => similarity(pixels, 0.0, rng.uniform(0.5, 0.7), 0.0, 0.0),
        _ => dilate(pixels),
    }
}

/// Correct counts: [plain, TTA mean, TTA max], per stress kind (index 3 = all).
#[derive(Default, Clone, Copy)]
struct Counts {
    n: [usize; 4],
    correct: [[usize; 3]; 4],
}

fn evaluate(net: &Network, images: &[Vec<f32>], labels: &[u8], opts: &TtaOptions) -> Counts {
    let mut c = Counts::default();
    for (i, (px, &label)) in images.iter().zip(labels).enumerate() {
        let label = label as usize;
        let r = tta::predict(net, px, opts).expect("valid options and pixels");
        let plain = &r.probabilities[..CLASSES];
        let max = tta::combine(&r.probabilities, Rule::Max);
        let mean = tta::combine(&r.probabilities, Rule::Mean);
        let hits = [argmax(plain), argmax(&mean), argmax(&max)].map(|d| (d == label) as usize);
        for kind in [i % 3, 3] {
            c.n[kind] += 1;
            for (acc, h) in c.correct[kind].iter_mut().zip(hits) {
                *acc += h;
            }
        }
    }
    c
}

fn pct(correct: usize, n: usize) -> String {
    format!("{:.2} %", 100.0 * correct as f64 / n.max(1) as f64)
}

fn timing(nets: &[(Variant, Network)], clean: &[Vec<f32>], opts: &TtaOptions) {
    let n = clean.len().min(500);
    for (v, net) in nets {
        let t = Instant::now();
        for px in &clean[..n] {
            net.probabilities(px).expect("valid pixels");
        }
        let plain = t.elapsed().as_secs_f64() * 1e3 / n as f64;
        let t = Instant::now();
        for px in &clean[..n] {
            tta::predict(net, px, opts).expect("valid");
        }
        let ms = t.elapsed().as_secs_f64() * 1e3 / n as f64;
        // The alternative the module does not take: burn's batched forward on the K copies.
        let t = Instant::now();
        for px in &clean[..n] {
            net.probabilities_batch(&tta::copies(px, opts))
                .expect("valid");
        }
        let batched = t.elapsed().as_secs_f64() * 1e3 / n as f64;
        println!("| {} | {plain:.3} | {ms:.3} | {batched:.3} |", v.name());
    }
}

fn main() {
    let set = Mnist::load(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/mnist")),
        Split::Test,
    )
    .expect("the committed MNIST test set");
    let n = (num("n", set.len() as f64) as usize).min(set.len());
    let clean: Vec<Vec<f32>> = (0..n)
        .map(|i| set.image(i).iter().map(|&b| b as f32 / 255.0).collect())
        .collect();
    let labels = &set.labels[..n];
    let stressed: Vec<Vec<f32>> = clean
        .iter()
        .enumerate()
        .map(|(i, p)| stress(p, i))
        .collect();
    debug_assert!(stressed.iter().all(|p| p.len() == IMAGE_PIXELS));
    let nets: Vec<(Variant, Network)> = Variant::ALL
        .into_iter()
        .map(|v| {
            (
                v,
                Network::embedded(v, Backend::default()).expect("embedded weights"),
            )
        })
        .collect();
    let d = TtaOptions::default();
    let opts = TtaOptions {
        k: num("k", d.k as f64) as usize,
        shift: num("shift", d.shift),
        rotation: num("rotation", d.rotation),
        scale: num("scale", d.scale),
        ..d
    };
    opts.validate("tta_eval").expect("valid options");

    if flag("timing") {
        println!("K = {}: ms per prediction, native, one thread", opts.k);
        println!("| variant | plain | TTA (direct, the module) | TTA (burn batched) |");
        println!("|---|---|---|---|");
        timing(&nets, &clean, &opts);
        return;
    }

    let configs: Vec<TtaOptions> = if flag("sweep") {
        [
            (1.0, 5.0, 0.05),
            (1.5, 10.0, 0.1),
            (2.0, 10.0, 0.1),
            (3.0, 10.0, 0.15),
            (2.0, 15.0, 0.2),
            (1.0, 10.0, 0.1),
        ]
        .into_iter()
        .map(|(shift, rotation, scale)| TtaOptions {
            shift,
            rotation,
            scale,
            ..opts
        })
        .collect()
    } else {
        vec![opts]
    };
    println!(
        "{n} MNIST test images; stress set seed {STRESS_SEED}; K = {}",
        opts.k
    );
    println!(
        "| variant | ranges (shift px, rotation °, scale) | set | no TTA | TTA mean | TTA max |"
    );
    println!("|---|---|---|---|---|---|");
    for o in &configs {
        let ranges = format!("±{}, ±{}, ±{}", o.shift, o.rotation, o.scale);
        for (v, net) in &nets {
            let c = evaluate(net, &clean, labels, o);
            let s = evaluate(net, &stressed, labels, o);
            let row = |set: &str, c: &Counts, k: usize| {
                let [a, b, m] = c.correct[k];
                println!(
                    "| {} | {ranges} | {set} | {} | {} | {} |",
                    v.name(),
                    pct(a, c.n[k]),
                    pct(b, c.n[k]),
                    pct(m, c.n[k])
                );
            };
            row("MNIST test", &c, 3);
            row("stress (all)", &s, 3);
            for (k, name) in KINDS.iter().enumerate() {
                row(&format!("stress: {name}"), &s, k);
            }
        }
    }
}

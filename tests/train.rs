//! Training in the library (feature `train`), on a few hundred MNIST test images so that the
//! whole file runs in seconds: a step lowers the loss, autodiff gradients agree with finite
//! differences, a seed reproduces a run bit for bit, batch norm folds into the exported
//! network, and batches are prepared exactly as inference prepares a digit.

use std::path::Path;

use burn::tensor::module::conv2d;
use burn::tensor::ops::ConvOptions;
use burn::tensor::{Tensor, TensorData};
use convscope::Backend;
use convscope::data::mnist::{Mnist, Split};
use convscope::lenet::{CLASSES, LeNet5, Variant, prepare_input, weights};
use convscope::train::dataset::batch;
use convscope::train::loss::cross_entropy;
use convscope::train::params;
use convscope::train::{Dataset, Init, TrainConfig, Trainer};

fn mnist() -> Mnist {
    Mnist::load(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/mnist")),
        Split::Test,
    )
    .expect("the committed MNIST test set loads")
}

/// Images `from..to` of the MNIST test set as a dataset.
fn subset(m: &Mnist, from: usize, to: usize) -> Dataset {
    let pixels = (from..to).flat_map(|i| m.image(i).to_vec()).collect();
    let labels = m.labels[from..to].to_vec();
    Dataset::new(pixels, labels, "train").unwrap()
}

fn logits(net: &LeNet5, data: &Dataset) -> Vec<f32> {
    let idx: Vec<u32> = (0..data.len() as u32).collect();
    let b = batch(data, &idx, None, 0, &Backend::default().device());
    net.forward(b.x).into_data().try_to_vec::<f32>().unwrap()
}

#[test]
fn one_adam_step_on_a_fixed_batch_lowers_its_loss_and_reports_the_loss_before_it() {
    let m = mnist();
    let data = subset(&m, 0, 32);
    // No batch norm: only then is the loss as trained (batch statistics) the evaluated one.
    let config = TrainConfig {
        batch_size: 32,
        batch_norm: false,
        ..TrainConfig::default()
    };
    // The validation set is the training batch itself: evaluate() measures that batch.
    let mut t = Trainer::new(config, data.clone(), data, Init::Scratch).unwrap();
    let before = t.evaluate().unwrap().loss;
    let step = t.step(1).unwrap();
    let after = t.evaluate().unwrap().loss;
    assert_eq!((step.batches, step.images), (1, 32));
    // An untrained 10-class network is near ln 10 = 2.303.
    assert!((before - 10f64.ln()).abs() < 0.3, "{before}");
    assert!(
        (step.loss - before).abs() < 1e-4,
        "{} vs {before}",
        step.loss
    );
    assert!(after < before - 0.01, "{before} -> {after}");
}

#[test]
fn autodiff_gradients_of_a_small_conv_layer_match_central_finite_differences() {
    let plain = Backend::default().device();
    let device = plain.clone().autodiff();
    // x [1, 1, 6, 6], weight [2, 1, 3, 3]: logits are the 2 × 16 outputs, rows as samples.
    let x: Vec<f32> = (0..36).map(|i| ((i * 7 % 11) as f32 - 5.0) / 5.0).collect();
    let w: Vec<f32> = (0..18).map(|i| ((i * 5 % 7) as f32 - 3.0) / 10.0).collect();
    let mut target = vec![0.0f32; 32];
    (target[3], target[16 + 9]) = (1.0, 1.0);
    let loss = |w: &[f32], dev: &burn::tensor::Device, track: bool| {
        let wt = Tensor::<4>::from_data(TensorData::new(w.to_vec(), [2, 1, 3, 3]), dev);
        let wt = if track { wt.require_grad() } else { wt };
        let xt = Tensor::<4>::from_data(TensorData::new(x.clone(), [1, 1, 6, 6]), dev);
        let tt = Tensor::<2>::from_data(TensorData::new(target.clone(), [2, 16]), dev);
        let y = conv2d(
            xt,
            wt.clone(),
            None,
            ConvOptions::new([1, 1], [0, 0], [1, 1], 1),
        );
        (
            cross_entropy(y.reshape([2, 16]).tanh().mul_scalar(3.0), tt),
            wt,
        )
    };
    let (l, wt) = loss(&w, &device, true);
    let grads = l.backward();
    let g = wt
        .grad(&grads)
        .unwrap()
        .into_data()
        .try_to_vec::<f32>()
        .unwrap();
    let h = 1e-2f32;
    for i in 0..w.len() {
        let mut up = w.clone();
        let mut down = w.clone();
        up[i] += h;
        down[i] -= h;
        let f = |w: &[f32]| loss(w, &plain, false).0.into_scalar::<f32>() as f64;
        let numeric = (f(&up) - f(&down)) / (2.0 * h as f64);
        let tol = 2e-3 + 2e-2 * numeric.abs();
        assert!(
            (g[i] as f64 - numeric).abs() < tol,
            "weight {i}: autodiff {} vs numeric {numeric}",
            g[i]
        );
    }
    assert!(
        g.iter().any(|v| v.abs() > 1e-3),
        "gradients are not all ~0: {g:?}"
    );
}

/// Every inference parameter of a trainer (batch norm folded), as raw bits.
fn bits(t: &Trainer) -> Vec<u32> {
    ["C1", "C3", "C5", "F6", "output"]
        .iter()
        .flat_map(|l| {
            let (w, _, b) = t.weights_of(l).unwrap();
            w.into_iter().chain(b).map(f32::to_bits)
        })
        .collect()
}

#[test]
fn a_seed_reproduces_a_run_bit_for_bit_however_the_steps_are_sliced() {
    let m = mnist();
    let (train, val) = (subset(&m, 0, 96), subset(&m, 96, 128));
    let mut config = TrainConfig {
        batch_size: 16,
        dropout: 0.3,
        batch_norm: true,
        seed: 7,
        ..TrainConfig::default()
    };
    (
        config.augment.rotation,
        config.augment.shift,
        config.augment.noise,
    ) = (10.0, 2.0, 0.05);
    let run = |config: TrainConfig, slices: &[usize]| {
        let mut t = Trainer::new(config, train.clone(), val.clone(), Init::Scratch).unwrap();
        for &n in slices {
            t.step(n).unwrap();
        }
        t
    };
    let a = run(config, &[8]); // crosses the epoch end after 6 batches
    let b = run(config, &[3, 1, 4]);
    assert_eq!(bits(&a), bits(&b));
    let c = run(TrainConfig { seed: 8, ..config }, &[8]);
    assert_ne!(bits(&a), bits(&c), "another seed trains other weights");
}

#[test]
fn batch_norm_folds_into_an_exported_lenet5_with_the_same_logits() {
    let m = mnist();
    let (train, val) = (subset(&m, 0, 128), subset(&m, 128, 192));
    for variant in Variant::ALL {
        let config = TrainConfig {
            variant,
            batch_size: 32,
            batch_norm: true,
            dropout: 0.5,
            lr: 3e-3,
            ..TrainConfig::default()
        };
        let mut t = Trainer::new(config, train.clone(), val.clone(), Init::Scratch).unwrap();
        t.step(6).unwrap(); // running statistics moved away from (0, 1)
        let eval = t.eval_net().unwrap();
        let idx: Vec<u32> = (0..val.len() as u32).collect();
        let device = Backend::default().device();
        let expected = eval
            .forward(batch(&val, &idx, None, 0, &device).x, None)
            .into_data()
            .try_to_vec::<f32>()
            .unwrap();
        let exported = t.export().unwrap();
        let got = logits(&exported, &val);
        let worst = expected
            .iter()
            .zip(&got)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0f32, f32::max);
        assert!(
            worst < 1e-4,
            "{}: max |logit difference| {worst}",
            variant.name()
        );
        // The bytes LeNet5.fromBytes reads hold the same parameters, rounded to f16.
        let decoded = weights::decode(&t.encode().unwrap(), variant, &device).unwrap();
        let (want, have) = (
            params::read(&exported).unwrap(),
            params::read(&decoded).unwrap(),
        );
        for (w, h) in want.iter().zip(&have) {
            for (a, b) in w
                .weight
                .iter()
                .chain(&w.bias)
                .zip(h.weight.iter().chain(&h.bias))
            {
                assert!((a - b).abs() <= a.abs() / 1024.0 + 1e-7, "{a} vs {b}");
            }
        }
    }
}

#[test]
fn training_batches_are_prepared_exactly_as_inference_prepares_a_digit() {
    let m = mnist();
    let data = subset(&m, 0, 3);
    let b = batch(&data, &[2, 0], None, 0, &Backend::default().device());
    let got = b.x.into_data().try_to_vec::<f32>().unwrap();
    let ink = |i: usize| -> Vec<f32> { m.image(i).iter().map(|&p| p as f32 / 255.0).collect() };
    let want: Vec<f32> = [2, 0]
        .iter()
        .flat_map(|&i| prepare_input(&ink(i)))
        .collect();
    assert_eq!(got, want);
    assert_eq!(b.labels, vec![m.labels[2] as usize, m.labels[0] as usize]);
    let onehot = b.targets.into_data().try_to_vec::<f32>().unwrap();
    assert_eq!(onehot.iter().sum::<f32>(), 2.0);
    assert_eq!(onehot[m.labels[2] as usize], 1.0);
    assert_eq!(onehot[CLASSES + m.labels[0] as usize], 1.0);
}

#[test]
fn starting_from_the_shipped_weights_keeps_their_accuracy_and_the_other_variant_is_refused() {
    let m = mnist();
    let (train, val) = (subset(&m, 0, 64), subset(&m, 1000, 1500));
    let bytes = weights::embedded(Variant::Classic).to_vec();
    let classic = TrainConfig {
        variant: Variant::Classic,
        ..TrainConfig::default()
    };
    let t = Trainer::new(
        classic,
        train.clone(),
        val.clone(),
        Init::Weights(bytes.clone()),
    )
    .unwrap();
    let acc = t.evaluate().unwrap().accuracy;
    assert!(acc > 0.97, "shipped classic weights: {acc}");
    let modern = TrainConfig {
        variant: Variant::Modern,
        ..TrainConfig::default()
    };
    let err = Trainer::new(modern, train, val, Init::Weights(bytes))
        .err()
        .unwrap();
    assert_eq!(err.code().name(), "weights_wrong_variant");
}

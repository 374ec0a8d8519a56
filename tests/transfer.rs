//! Transfer learning (issue 16): freezing is real (frozen layers bit-identical after
//! training), feature extraction beats from-scratch with 10 examples per class on the demo
//! alphabet (mean over 3 seeds), bad tasks are named errors that change nothing, runs are
//! seeded, the demo-set reader round-trips, and the adapted-network file round-trips.
#![cfg(feature = "train")]

use std::path::Path;

use convscope::data::alphabet::{Alphabet, AlphabetSet, DEMO_PATH};
use convscope::data::augment::stroke;
use convscope::data::image::Gray;
use convscope::error::{Code, Error};
use convscope::lenet::{Variant, weights};
use convscope::train::transfer::{Stage, Transfer};
use convscope::train::transfer_config::{Method, TransferConfig};
use convscope::train::transfer_file::AdaptedNet;
use convscope::train::transfer_task::Task;

fn demo() -> AlphabetSet {
    AlphabetSet::read_gz(&Path::new(env!("CARGO_MANIFEST_DIR")).join(DEMO_PATH)).unwrap()
}

fn base() -> &'static [u8] {
    weights::embedded(Variant::Modern)
}

fn task(a: &Alphabet, shots: usize, seed: u64) -> (Task, Vec<f32>, Vec<u8>) {
    let s = a.split(shots, seed, 100).unwrap();
    let t = Task::new(&s.classes, s.train.pixels, s.train.labels).unwrap();
    (t, s.test.pixels, s.test.labels)
}

fn code(e: Error) -> &'static str {
    e.code().name()
}

#[test]
fn frozen_layers_are_bit_identical_after_training_and_unfrozen_ones_change() {
    let set = demo();
    let (t, ..) = task(&set.alphabets[1], 5, 1);
    let config = TransferConfig {
        method: Method::FineTuning,
        head_steps: 15,
        fine_tune_steps: 15,
        ..TransferConfig::default()
    };
    let mut run = Transfer::new(config, Some(base()), t).unwrap();
    let start = run.layers().unwrap();
    run.step(15).unwrap();
    assert_eq!(run.stage(), Stage::FineTune);
    let after_head = run.layers().unwrap();
    for i in 0..4 {
        assert_eq!(after_head[i], start[i], "layer {i} changed while frozen");
    }
    assert_ne!(after_head[4], start[4], "the head trains");
    run.step(15).unwrap();
    let end = run.layers().unwrap();
    assert_eq!(end[0], start[0], "C1 stays frozen in fine-tuning");
    assert_eq!(end[1], start[1], "C3 stays frozen in fine-tuning");
    assert_ne!(end[2], start[2], "C5 is unfrozen");
    assert_ne!(end[3], start[3], "F6 is unfrozen");
    // The frozen layers are the shipped network's own weights.
    let shipped = convscope::train::params::read(
        &weights::decode(
            base(),
            Variant::Modern,
            &convscope::Backend::default().device(),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(end[0], shipped[0]);
}

#[test]
fn feature_extraction_with_10_examples_per_class_beats_from_scratch_mean_over_3_seeds() {
    let set = demo();
    let a = &set.alphabets[0];
    let config = TransferConfig {
        head_steps: 100,
        fine_tune_steps: 0,
        ..TransferConfig::default()
    };
    let mean = |method| {
        let mut sum = 0.0;
        for seed in 1..=3 {
            let (t, px, lb) = task(a, 10, seed);
            let c = TransferConfig {
                method,
                seed,
                ..config
            };
            let mut run = Transfer::new(c, Some(base()), t).unwrap();
            run.step(c.total_steps()).unwrap();
            assert!(run.is_finished());
            sum += run.evaluate(&px, &lb).unwrap().accuracy;
        }
        sum / 3.0
    };
    let (fe, scratch) = (mean(Method::FeatureExtraction), mean(Method::Scratch));
    assert!(fe > scratch, "feature extraction {fe} vs scratch {scratch}");
    assert!(fe > 0.9, "feature extraction {fe}");
}

#[test]
fn a_seed_reproduces_a_run_and_another_seed_does_not() {
    let set = demo();
    let run = |seed| {
        let (t, ..) = task(&set.alphabets[1], 3, 1);
        let c = TransferConfig {
            seed,
            head_steps: 10,
            ..TransferConfig::default()
        };
        let mut r = Transfer::new(c, Some(base()), t).unwrap();
        r.step(10).unwrap();
        r.layers().unwrap()[4].clone()
    };
    assert_eq!(run(4), run(4));
    assert_ne!(run(4), run(5));
}

#[test]
fn bad_tasks_are_named_errors() {
    let set = demo();
    let s = set.alphabets[1].split(2, 1, 100).unwrap();
    let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let new = |n: &[String], px: Vec<f32>, lb: Vec<u8>| Task::new(n, px, lb).map_err(Error::from);
    let (px, lb) = (s.train.pixels.clone(), s.train.labels.clone());
    let err = |r: Result<Task, Error>| code(r.unwrap_err());
    assert_eq!(
        err(new(&names(&["+"]), px.clone(), lb.clone())),
        "too_few_classes"
    );
    let eleven: Vec<String> = (0..11).map(|i| i.to_string()).collect();
    assert_eq!(
        err(new(&eleven, px.clone(), lb.clone())),
        "too_many_classes"
    );
    assert_eq!(
        err(new(
            &names(&["+", "", "×", "÷", "="]),
            px.clone(),
            lb.clone()
        )),
        "empty_class_name"
    );
    assert_eq!(
        err(new(
            &names(&["+", "×", "×", "÷", "="]),
            px.clone(),
            lb.clone()
        )),
        "duplicate_class_name"
    );
    let six = names(&["+", "−", "×", "÷", "=", "%"]);
    let e = new(&six, px.clone(), lb.clone()).unwrap_err();
    assert_eq!(
        (e.code(), e.param()),
        (Code::ClassWithoutExamples, Some("labels"))
    );
    let mut blank = px.clone();
    blank[784 * 3..784 * 4].fill(0.0);
    assert_eq!(err(new(&s.classes, blank, lb.clone())), "blank_drawing");
    assert_eq!(
        err(new(&s.classes, px[1..].to_vec(), lb.clone())),
        "shape_mismatch"
    );
    let mut bad_label = lb.clone();
    bad_label[0] = 5;
    assert_eq!(err(new(&s.classes, px.clone(), bad_label)), "invalid_value");
    // A failed call on a run changes nothing: the same state and the same next step.
    let t = Task::new(&s.classes, px.clone(), lb.clone()).unwrap();
    let c = TransferConfig {
        head_steps: 4,
        ..TransferConfig::default()
    };
    let mut run = Transfer::new(c, Some(base()), t.clone()).unwrap();
    let mut twin = Transfer::new(c, Some(base()), t).unwrap();
    run.step(2).unwrap();
    twin.step(2).unwrap();
    assert_eq!(
        code(run.evaluate(&px[1..], &lb).unwrap_err()),
        "shape_mismatch"
    );
    let adapted = run.adapted().unwrap();
    assert_eq!(
        code(adapted.predict("predict", &[0.0; 784]).unwrap_err()),
        "blank_drawing"
    );
    run.step(2).unwrap();
    twin.step(2).unwrap();
    assert_eq!(run.layers().unwrap(), twin.layers().unwrap());
    let wrong = weights::embedded(Variant::Classic);
    let t = Task::new(&s.classes, px, lb).unwrap();
    let e = Transfer::new(TransferConfig::default(), Some(wrong), t)
        .err()
        .unwrap();
    assert_eq!(e.code(), Code::WeightsWrongVariant);
}

#[test]
fn the_demo_set_round_trips_and_its_images_are_centred_by_mass() {
    let set = demo();
    assert_eq!(set.alphabets.len(), 2);
    for a in &set.alphabets {
        assert_eq!(a.classes.len(), 5);
        assert!(a.per_class >= 300);
        for c in 0..5 {
            for i in [0, a.per_class - 1] {
                let ink = a.ink(c, i).unwrap();
                let g = Gray {
                    width: 28,
                    height: 28,
                    data: ink,
                };
                let (x, y) = g.center_of_mass().unwrap();
                assert!(
                    (x - 14.0).abs() < 1.0 && (y - 14.0).abs() < 1.0,
                    "{} {c} {i}: {x} {y}",
                    a.id
                );
            }
        }
    }
    let bytes = set.encode().unwrap();
    assert_eq!(AlphabetSet::decode(&bytes).unwrap(), set);
    let mut bad = bytes.clone();
    let last = bad.len() - 1;
    bad[last] ^= 1;
    assert_eq!(code(AlphabetSet::decode(&bad).unwrap_err()), "data_corrupt");
    assert_eq!(
        code(AlphabetSet::decode(&bytes[..100]).unwrap_err()),
        "data_corrupt"
    );
    assert_eq!(
        code(AlphabetSet::decode(&[0x1f, 0x8b, 8, 0]).unwrap_err()),
        "data_corrupt"
    );
}

#[test]
fn an_exported_network_reads_back_with_its_labels_and_predicts_the_same_class() {
    let set = demo();
    let (t, px, _) = task(&set.alphabets[0], 5, 2);
    let c = TransferConfig {
        head_steps: 40,
        ..TransferConfig::default()
    };
    let mut run = Transfer::new(c, Some(base()), t).unwrap();
    run.step(40).unwrap();
    let live = run.adapted().unwrap();
    let file = live.to_bytes().unwrap();
    let back = AdaptedNet::from_bytes("AdaptedNet.fromBytes", &file).unwrap();
    assert_eq!(back.classes(), live.classes());
    for img in px.chunks_exact(784).step_by(37) {
        let (a, b) = (
            live.predict("p", img).unwrap(),
            back.predict("p", img).unwrap(),
        );
        assert_eq!(a.top, b.top);
        assert_eq!(b.probabilities.len(), 5);
        assert_eq!(b.forward.layers[7].shape, vec![5]);
    }
    // The weights file inside is an ordinary LeNet-5 file.
    let start = file.windows(8).position(|w| w == b"CSLENET5").unwrap();
    let device = convscope::Backend::default().device();
    assert!(weights::decode(&file[start..file.len() - 4], Variant::Modern, &device).is_ok());
    let mut bad = file.clone();
    bad[10] ^= 1;
    assert_eq!(
        code(AdaptedNet::from_bytes("x", &bad).unwrap_err()),
        "data_corrupt"
    );
}

#[test]
fn stroke_width_thickens_and_thins_and_zero_is_the_identity() {
    let mut bar = vec![0.0f32; 784];
    for y in 6..22 {
        for x in 13..15 {
            bar[y * 28 + x] = 1.0;
        }
    }
    let mass = |v: &[f32]| v.iter().sum::<f32>();
    assert_eq!(stroke(&bar, 0.0), bar);
    // One pass of the 3×3 cross adds a pixel on each side and each end: (2+2)·(16+2)−4 ink.
    assert_eq!(mass(&stroke(&bar, 1.0)), 4.0 * 18.0 - 4.0);
    assert!(mass(&stroke(&bar, 0.5)) > mass(&bar));
    assert!(mass(&stroke(&bar, -0.5)) < mass(&bar));
}

//! The parts of training that are plain logic, fed scripted numbers: early stopping and
//! reduce-LR-on-plateau as state machines, the learning-rate schedules, settings refused with
//! named errors, and the augmentation's identity and shift bounds.

use std::path::Path;

use convscope::data::augment::Augment;
use convscope::data::image::Gray;
use convscope::data::mnist::{Mnist, Split};
use convscope::data::rng::Rng;
use convscope::error::Code;
use convscope::train::callbacks::{EarlyStopping, ReduceLrOnPlateau, StopDecision};
use convscope::train::config::{EarlyStoppingConfig, ReduceLrConfig, ScheduleKind};
use convscope::train::schedule::scheduled_lr;
use convscope::train::{Dataset, Init, TrainConfig, Trainer};

#[test]
fn early_stopping_stops_after_patience_epochs_without_a_lower_validation_loss() {
    let config = EarlyStoppingConfig {
        enabled: true,
        patience: 3,
        ..EarlyStoppingConfig::default()
    };
    let mut es = EarlyStopping::new(config);
    // Best at epoch 3 (0.70); epochs 4, 5, 6 do not beat it; epoch 6 stops.
    let losses = [1.0, 0.8, 0.7, 0.75, 0.7, 0.71, 0.5];
    let decisions: Vec<StopDecision> = losses
        .iter()
        .enumerate()
        .map(|(i, &l)| es.observe(i + 1, l))
        .take_while(|d| !matches!(d, StopDecision::Stop { .. }))
        .collect();
    assert_eq!(decisions.len(), 5, "{decisions:?}");
    let mut es = EarlyStopping::new(config);
    let stop = losses
        .iter()
        .enumerate()
        .map(|(i, &l)| (i + 1, es.observe(i + 1, l)))
        .find(|(_, d)| matches!(d, StopDecision::Stop { .. }));
    assert_eq!(stop, Some((6, StopDecision::Stop { best_epoch: 3 })));
}

#[test]
fn early_stopping_counts_only_improvements_larger_than_min_delta() {
    let mut es = EarlyStopping::new(EarlyStoppingConfig {
        enabled: true,
        patience: 2,
        min_delta: 0.05,
        ..EarlyStoppingConfig::default()
    });
    assert_eq!(es.observe(1, 1.0), StopDecision::Improved);
    assert_eq!(es.observe(2, 0.97), StopDecision::Wait); // 0.03 better: not enough
    assert_eq!(es.observe(3, 0.90), StopDecision::Improved);
    assert_eq!(es.observe(4, 0.88), StopDecision::Wait);
    assert_eq!(
        es.observe(5, f64::NAN),
        StopDecision::Stop { best_epoch: 3 }
    );
    // Disabled, it never stops but still tracks the best epoch.
    let mut off = EarlyStopping::new(EarlyStoppingConfig::default());
    for e in 1..=20 {
        assert_ne!(off.observe(e, 5.0), StopDecision::Stop { best_epoch: 1 });
    }
    assert_eq!(off.best_epoch(), 1);
}

#[test]
fn reduce_lr_on_plateau_halves_the_rate_where_the_script_says_and_stops_at_min_lr() {
    let mut r = ReduceLrOnPlateau::new(ReduceLrConfig {
        enabled: true,
        patience: 2,
        factor: 0.5,
        min_lr: 0.003,
        ..ReduceLrConfig::default()
    });
    let losses = [1.0, 0.9, 0.95, 0.96, 0.97, 0.8, 0.85, 0.86, 0.9, 0.9];
    let mut lr = 0.01;
    let mut fired = Vec::new();
    for (i, &l) in losses.iter().enumerate() {
        if let Some((from, to)) = r.observe(l, lr) {
            fired.push((i + 1, from, to));
            lr = to;
        }
    }
    assert_eq!(fired, vec![(4, 0.01, 0.005), (8, 0.005, 0.003)]);
    assert!((r.apply(0.01) - 0.003).abs() < 1e-12);
}

#[test]
fn schedules_follow_their_formulas() {
    let mut c = TrainConfig {
        lr: 0.1,
        epochs: 10,
        ..TrainConfig::default()
    };
    c.schedule.kind = ScheduleKind::Constant;
    assert_eq!(scheduled_lr(&c, 7.3), 0.1);
    c.schedule.kind = ScheduleKind::Step;
    (c.schedule.every, c.schedule.gamma) = (3, 0.5);
    assert_eq!(scheduled_lr(&c, 2.9), 0.1);
    assert_eq!(scheduled_lr(&c, 3.0), 0.05);
    assert_eq!(scheduled_lr(&c, 9.5), 0.0125);
    c.schedule.kind = ScheduleKind::Cosine;
    c.schedule.warmup = 2.0;
    assert!((scheduled_lr(&c, 1.0) - 0.05).abs() < 1e-12); // half-way through warm-up
    assert!((scheduled_lr(&c, 2.0) - 0.1).abs() < 1e-12);
    // Half-way through the decay: 0.01 + 0.99 · 0.5 of the peak.
    assert!((scheduled_lr(&c, 6.0) - 0.1 * (0.01 + 0.99 * 0.5)).abs() < 1e-12);
    assert!((scheduled_lr(&c, 10.0) - 0.001).abs() < 1e-12);
}

fn tiny(n: usize) -> Dataset {
    Dataset::new(vec![0; n * 784], vec![3; n], "train").unwrap()
}

fn refused(config: TrainConfig) -> (Code, String) {
    let e = Trainer::new(config, tiny(8), tiny(4), Init::Scratch)
        .err()
        .unwrap();
    (e.code(), e.param().unwrap_or("").to_string())
}

#[test]
fn invalid_settings_are_refused_with_the_setting_named_before_anything_runs() {
    let d = TrainConfig::default;
    let cases: Vec<(TrainConfig, &str)> = vec![
        (
            TrainConfig {
                batch_size: 0,
                ..d()
            },
            "batchSize",
        ),
        (
            TrainConfig {
                batch_size: 9,
                ..d()
            },
            "batchSize",
        ), // more than the 8 images
        (TrainConfig { lr: 0.0, ..d() }, "lr"),
        (TrainConfig { lr: -1e-3, ..d() }, "lr"),
        (
            TrainConfig {
                lr: f64::NAN,
                ..d()
            },
            "lr",
        ),
        (
            TrainConfig {
                dropout: 1.0,
                ..d()
            },
            "dropout",
        ),
        (
            TrainConfig {
                dropout: -0.1,
                ..d()
            },
            "dropout",
        ),
        (
            TrainConfig {
                train_images: Some(9),
                ..d()
            },
            "trainImages",
        ),
        (
            TrainConfig {
                train_images: Some(0),
                ..d()
            },
            "trainImages",
        ),
        (TrainConfig { epochs: 0, ..d() }, "epochs"),
        (
            TrainConfig {
                weight_decay: f64::INFINITY,
                ..d()
            },
            "weightDecay",
        ),
    ];
    for (config, param) in cases {
        assert_eq!(refused(config), (Code::InvalidValue, param.to_string()));
    }
    // Nested settings are named by their dotted path.
    type Change = fn(&mut TrainConfig);
    let nested: [(Change, &str); 4] = [
        (|c| c.schedule.gamma = 0.0, "schedule.gamma"),
        (|c| c.augment.scale = 1.0, "augment.scale"),
        (|c| c.reduce_lr.factor = 1.0, "reduceLr.factor"),
        (|c| c.optimizer.momentum = 1.0, "optimizer.momentum"),
    ];
    for (bad, param) in nested {
        let mut c = d();
        bad(&mut c);
        assert_eq!(refused(c).1, param);
    }
}

#[test]
fn malformed_image_sets_are_refused_with_the_argument_named() {
    let e = Dataset::new(vec![0; 785], vec![1], "train").unwrap_err();
    assert_eq!(
        (e.code, e.param.as_str()),
        (Code::ShapeMismatch, "trainPixels")
    );
    let e = Dataset::new(vec![0; 784 * 2], vec![1], "val").unwrap_err();
    assert_eq!(
        (e.code, e.param.as_str()),
        (Code::ShapeMismatch, "valLabels")
    );
    let e = Dataset::new(vec![0; 784], vec![10], "val").unwrap_err();
    assert_eq!(
        (e.code, e.param.as_str()),
        (Code::InvalidValue, "valLabels")
    );
}

#[test]
fn the_config_reads_partial_camel_case_json_and_fills_every_default() {
    let c: TrainConfig = serde_json::from_str(
        r#"{"batchSize": 64, "optimizer": {"kind": "momentum"}, "augment": {"shift": 2},
            "earlyStopping": {"enabled": true}, "variant": "modern", "trainImages": 500}"#,
    )
    .unwrap();
    let d = TrainConfig::default();
    assert_eq!((c.batch_size, c.train_images), (64, Some(500)));
    assert_eq!(c.optimizer.momentum, d.optimizer.momentum);
    assert_eq!((c.augment.shift, c.augment.rotation), (2.0, 0.0));
    assert_eq!(c.early_stopping.patience, d.early_stopping.patience);
    assert_eq!(c.variant.name(), "modern");
    assert_eq!((c.lr, c.seed), (d.lr, d.seed));
    let e = serde_json::from_str::<TrainConfig>(r#"{"learningRate": 1}"#).unwrap_err();
    assert!(e.to_string().contains("unknown field"), "{e}");
    let round: TrainConfig = serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
    assert_eq!(round, c);
}

fn digits(n: usize) -> Vec<Vec<f32>> {
    let m = Mnist::load(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/mnist")),
        Split::Test,
    )
    .unwrap();
    (0..n)
        .map(|i| m.image(i).iter().map(|&b| b as f32 / 255.0).collect())
        .collect()
}

#[test]
fn augmentation_with_zero_ranges_is_the_identity() {
    let mut rng = Rng::new(3);
    let off = Augment {
        elastic_sigma: 2.0,
        ..Augment::default()
    };
    assert!(!off.is_active());
    for d in digits(5) {
        assert_eq!(off.apply(&d, &mut rng), d);
    }
}

#[test]
fn a_shift_keeps_the_mass_centre_within_the_stated_shift_and_is_seeded() {
    let shift = Augment {
        shift: 3.0,
        ..Augment::default()
    };
    let com = |p: &[f32]| {
        Gray {
            width: 28,
            height: 28,
            data: p.to_vec(),
        }
        .center_of_mass()
        .unwrap()
    };
    let mut rng = Rng::new(11);
    let mut largest = 0.0f32;
    for d in digits(40) {
        let (x0, y0) = com(&d);
        let (x1, y1) = com(&shift.apply(&d, &mut rng));
        let moved = (x1 - x0).abs().max((y1 - y0).abs());
        assert!(moved <= 3.0 + 0.05, "moved {moved} px");
        largest = largest.max(moved);
    }
    assert!(largest > 1.5, "shifts do happen: largest {largest}");
    let d = &digits(1)[0];
    let all = Augment {
        rotation: 15.0,
        shift: 2.0,
        scale: 0.1,
        elastic: 2.0,
        noise: 0.1,
        ..Augment::default()
    };
    let a = all.apply(d, &mut Rng::new(5));
    assert_eq!(a, all.apply(d, &mut Rng::new(5)));
    assert_ne!(a, all.apply(d, &mut Rng::new(6)));
    assert!(a.iter().all(|v| (0.0..=1.0).contains(v)));
}

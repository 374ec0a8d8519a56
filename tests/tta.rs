//! Test-time augmentation (`src/lenet/tta.rs`) on MNIST test digits: K = 1 is the plain
//! prediction, the mean rule is the mean of separate forward passes, the max rule picks the
//! most confident copy, copies are deterministic per seed, augmentations keep the mass centre
//! within the stated shift, and bad options give named errors.

mod common;

use common::{pixels, test_set};
use convscope::Backend;
use convscope::data::augment::Augment;
use convscope::data::image::Gray;
use convscope::data::rng::Rng;
use convscope::error::Code;
use convscope::lenet::inspect::Network;
use convscope::lenet::tta::{self, Rule, TtaOptions};
use convscope::lenet::{IMAGE_PIXELS, IMAGE_SIDE, Variant};
use convscope::params::{OptValue, RawOptions};

fn nets() -> Vec<Network> {
    Variant::ALL
        .into_iter()
        .map(|v| Network::embedded(v, Backend::default()).unwrap())
        .collect()
}

fn centre(p: &[f32]) -> (f32, f32) {
    Gray {
        width: IMAGE_SIDE,
        height: IMAGE_SIDE,
        data: p.to_vec(),
    }
    .center_of_mass()
    .unwrap()
}

#[test]
fn k1_without_augmentation_equals_the_plain_prediction_bit_for_bit() {
    let set = test_set();
    for net in nets() {
        for i in 0..20 {
            let px = pixels(&set, i);
            let plain = net.probabilities(&px).unwrap();
            for rule in [Rule::Mean, Rule::Max] {
                let opts = TtaOptions {
                    k: 1,
                    shift: 0.0,
                    rotation: 0.0,
                    scale: 0.0,
                    rule,
                    seed: 5,
                };
                let r = tta::predict(&net, &px, &opts).unwrap();
                assert_eq!(r.combined, plain, "image {i}, {rule:?}");
                assert_eq!(r.probabilities, plain);
                assert_eq!(r.copies, px);
            }
            // K = 1 with ranges on: copy 0 is still the input, so still the plain prediction.
            let r = tta::predict(
                &net,
                &px,
                &TtaOptions {
                    k: 1,
                    ..TtaOptions::default()
                },
            )
            .unwrap();
            assert_eq!(r.combined, plain);
        }
    }
}

#[test]
fn mean_rule_is_the_mean_of_separate_forward_passes_and_max_rule_the_most_confident_copy() {
    let set = test_set();
    for net in nets() {
        for i in [0, 7, 42] {
            let px = pixels(&set, i);
            let opts = TtaOptions {
                k: 8,
                seed: 11,
                ..TtaOptions::default()
            };
            let r = tta::predict(&net, &px, &opts).unwrap();
            assert_eq!(r.copies.len(), 8 * IMAGE_PIXELS);
            assert_eq!(r.probabilities.len(), 80);
            // Each copy through its own forward pass, averaged here in f64.
            let per_copy: Vec<Vec<f32>> = r
                .copies
                .chunks_exact(IMAGE_PIXELS)
                .map(|c| net.probabilities(c).unwrap())
                .collect();
            for (d, &got) in r.combined.iter().enumerate() {
                let want = per_copy.iter().map(|p| p[d] as f64).sum::<f64>() / 8.0;
                assert!(
                    (got as f64 - want).abs() < 1e-6,
                    "digit {d}: {got} vs {want}"
                );
            }
            assert_eq!(r.probabilities, per_copy.concat());
            let s: f32 = r.combined.iter().sum();
            assert!((s - 1.0).abs() < 1e-5, "mean probabilities sum to {s}");
            // Max rule: the copy whose top probability is highest.
            let best = per_copy
                .iter()
                .max_by(|a, b| {
                    let (ma, mb) = (
                        a.iter().cloned().fold(0.0, f32::max),
                        b.iter().cloned().fold(0.0, f32::max),
                    );
                    ma.partial_cmp(&mb).unwrap()
                })
                .unwrap();
            let max = tta::predict(
                &net,
                &px,
                &TtaOptions {
                    rule: Rule::Max,
                    ..opts
                },
            )
            .unwrap();
            assert_eq!(
                max.combined.iter().cloned().fold(0.0, f32::max),
                best.iter().cloned().fold(0.0, f32::max)
            );
            assert_eq!(max.probabilities, r.probabilities);
        }
    }
}

#[test]
fn copies_are_the_same_for_a_seed_differ_between_seeds_and_keep_their_index_when_k_grows() {
    let set = test_set();
    let px = pixels(&set, 3);
    let o = |k, seed| TtaOptions {
        k,
        seed,
        ..TtaOptions::default()
    };
    let a = tta::copies(&px, &o(8, 1));
    assert_eq!(a, tta::copies(&px, &o(8, 1)));
    assert_ne!(a, tta::copies(&px, &o(8, 2)));
    assert_eq!(&a[..IMAGE_PIXELS], &px[..], "copy 0 is the input");
    let more = tta::copies(&px, &o(12, 1));
    assert_eq!(&more[..a.len()], &a[..], "copies 0..8 unchanged at K = 12");
    for c in a.chunks_exact(IMAGE_PIXELS).skip(1) {
        assert_ne!(c, &px[..], "an augmented copy differs from the input");
        assert!(c.iter().all(|v| (0.0..=1.0).contains(v)));
    }
}

#[test]
fn each_copy_is_what_trainings_augmentation_makes_from_the_copys_stream() {
    let set = test_set();
    let px = pixels(&set, 9);
    let opts = TtaOptions::default();
    let aug = Augment {
        shift: opts.shift,
        rotation: opts.rotation,
        scale: opts.scale,
        ..Augment::default()
    };
    for (i, c) in tta::copies(&px, &opts)
        .chunks_exact(IMAGE_PIXELS)
        .enumerate()
        .skip(1)
    {
        let want = aug.apply(&px, &mut Rng::stream(opts.seed, i as u64));
        assert_eq!(c, &want[..], "copy {i}");
    }
}

#[test]
fn shifted_copies_keep_the_mass_centre_within_the_stated_shift() {
    let set = test_set();
    for shift in [1.0, 1.5, 3.0] {
        let opts = TtaOptions {
            k: 16,
            shift,
            rotation: 0.0,
            scale: 0.0,
            ..TtaOptions::default()
        };
        let mut largest = 0.0f32;
        for i in 0..50 {
            let px = pixels(&set, i);
            let (cx, cy) = centre(&px);
            for c in tta::copies(&px, &opts).chunks_exact(IMAGE_PIXELS) {
                let (x, y) = centre(c);
                largest = largest.max((x - cx).abs()).max((y - cy).abs());
            }
        }
        // Bilinear resampling moves the centre by less than 0.05 px on its own.
        assert!(
            largest <= shift as f32 + 0.05,
            "shift {shift}: centre moved {largest} px"
        );
        assert!(
            largest > 0.5 * shift as f32,
            "shift {shift}: copies do move"
        );
    }
}

#[test]
fn with_the_default_ranges_the_mass_centre_stays_within_the_shift_plus_the_warps_reach() {
    // Rotation (±10°) and scale (±10 %) are about the image centre (14, 14); an MNIST digit's
    // mass centre is within ~1 px of it, so they move it by at most ~0.2 px more.
    let set = test_set();
    let opts = TtaOptions::default();
    for i in 0..50 {
        let px = pixels(&set, i);
        let (cx, cy) = centre(&px);
        let off = ((cx - 14.0).powi(2) + (cy - 14.0).powi(2)).sqrt();
        let reach = off * ((opts.rotation as f32).to_radians() + opts.scale as f32);
        for c in tta::copies(&px, &opts).chunks_exact(IMAGE_PIXELS) {
            let (x, y) = centre(c);
            let moved = (x - cx).abs().max((y - cy).abs());
            assert!(
                moved <= opts.shift as f32 + reach + 0.05,
                "image {i}: moved {moved} px (shift {}, reach {reach})",
                opts.shift
            );
        }
    }
}

#[test]
fn every_bad_option_is_a_named_error_and_nothing_is_computed() {
    const OP: &str = "predictTta";
    // Each option alone, with a bad value: the error names it.
    let bad: &[(&str, OptValue, Code)] = &[
        ("k", 0usize.into(), Code::InvalidValue),
        ("k", 33usize.into(), Code::TooLarge),
        ("k", 2.5.into(), Code::InvalidValue),
        ("k", f64::NAN.into(), Code::InvalidValue),
        ("k", "8".into(), Code::NotANumber),
        ("shift", f64::INFINITY.into(), Code::InvalidValue),
        ("shift", (-1.0).into(), Code::InvalidValue),
        ("shift", 6.5.into(), Code::TooLarge),
        ("rotation", 90.0.into(), Code::TooLarge),
        ("scale", 0.6.into(), Code::TooLarge),
        ("scale", f64::NAN.into(), Code::InvalidValue),
        ("rule", "median".into(), Code::InvalidValue),
        ("rule", 1.0.into(), Code::WrongType),
        ("seed", (-1.0).into(), Code::InvalidValue),
        ("seed", 0.5.into(), Code::InvalidValue),
        ("copies", 8usize.into(), Code::UnknownOption),
    ];
    for (param, value, code) in bad {
        let raw = RawOptions::new().with(param, value.clone());
        let e = TtaOptions::from_options(OP, &raw).expect_err(param);
        assert_eq!((e.op, e.param.as_str(), e.code), (OP, *param, *code), "{e}");
    }
    // Good options read back as given; absent ones take the defaults.
    let o = TtaOptions::from_options(
        OP,
        &RawOptions::new()
            .with("k", 32usize)
            .with("rule", "max")
            .with("shift", 6.0),
    )
    .unwrap();
    assert_eq!((o.k, o.rule, o.shift), (32, Rule::Max, 6.0));
    assert_eq!(o.rotation, TtaOptions::default().rotation);
    // Options built in Rust go through the same checks; bad pixels name `pixels`.
    let net = Network::embedded(Variant::Classic, Backend::default()).unwrap();
    let e = tta::predict(&net, &[0.0; 784], &TtaOptions { k: 0, ..o }).unwrap_err();
    assert_eq!(e.param(), Some("k"));
    let e = tta::predict(&net, &[0.0; 700], &o).unwrap_err();
    assert_eq!((e.param(), e.code()), (Some("pixels"), Code::ShapeMismatch));
    let mut nan = vec![0.0f32; 784];
    nan[3] = f32::NAN;
    let e = tta::predict(&net, &nan, &o).unwrap_err();
    assert_eq!((e.param(), e.code()), (Some("pixels"), Code::InvalidValue));
}

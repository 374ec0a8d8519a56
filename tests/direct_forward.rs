//! The page's forward pass (`lenet::direct`, plain loops over the read-out weights) against
//! burn's own forward pass (`LeNet5::forward_trace`), layer by layer, on MNIST test digits and
//! on random inputs, for both variants and every compiled backend.

use std::path::Path;

use burn::tensor::{Tensor, TensorData};
use convscope::Backend;
use convscope::data::mnist::{Mnist, Split};
use convscope::lenet::direct::Direct;
use convscope::lenet::weights;
use convscope::lenet::{PADDED_SIDE, Variant, prepare_input};

fn digits(n: usize) -> Vec<Vec<f32>> {
    let set = Mnist::load(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/mnist")),
        Split::Test,
    )
    .expect("the committed MNIST test set loads");
    (0..n)
        .map(|i| set.image(i).iter().map(|&b| b as f32 / 255.0).collect())
        .collect()
}

/// Deterministic pseudo-random images in [0, 1] (xorshift), unlike any digit.
fn noise(n: usize) -> Vec<Vec<f32>> {
    let mut s = 0x2545_f491_u32;
    (0..n)
        .map(|_| {
            (0..784)
                .map(|_| {
                    s ^= s << 13;
                    s ^= s >> 17;
                    s ^= s << 5;
                    (s >> 8) as f32 / (1u32 << 24) as f32
                })
                .collect()
        })
        .collect()
}

fn values<const D: usize>(t: Tensor<D>) -> Vec<f32> {
    t.into_data().try_to_vec::<f32>().unwrap()
}

fn assert_close(what: &str, direct: &[f32], burn: &[f32]) {
    assert_eq!(direct.len(), burn.len(), "{what}: length");
    for (i, (a, b)) in direct.iter().zip(burn).enumerate() {
        let tol = 2e-5 * b.abs().max(1.0);
        assert!((a - b).abs() <= tol, "{what}[{i}]: direct {a} vs burn {b}");
    }
}

#[test]
fn direct_forward_equals_burns_forward_on_every_layer_within_2e_5() {
    let images: Vec<Vec<f32>> = digits(24).into_iter().chain(noise(8)).collect();
    for &backend in Backend::ALL {
        let device = backend.device();
        for v in Variant::ALL {
            let model = weights::decode(weights::embedded(v), v, &device).unwrap();
            let direct = Direct::new(model.variant, weights::tensors_of(&model).unwrap()).unwrap();
            for (k, img) in images.iter().enumerate() {
                let x = prepare_input(img);
                let d = direct.trace(&x).unwrap();
                let input = Tensor::<4>::from_data(
                    TensorData::new(x.clone(), [1, 1, PADDED_SIDE, PADDED_SIDE]),
                    &device,
                );
                let t = model.forward_trace(input);
                let probs = burn::tensor::activation::softmax(t.logits.clone(), 1);
                let name = |l: &str| format!("{} {v:?} image {k} {l}", backend.name());
                assert_close(&name("C1 pre"), &d.c1_pre, &values(t.c1_pre));
                assert_close(&name("C1"), &d.c1, &values(t.c1));
                assert_close(&name("S2"), &d.s2, &values(t.s2));
                assert_close(&name("C3 pre"), &d.c3_pre, &values(t.c3_pre));
                assert_close(&name("C3"), &d.c3, &values(t.c3));
                assert_close(&name("S4"), &d.s4, &values(t.s4));
                assert_close(&name("C5 pre"), &d.c5_pre, &values(t.c5_pre));
                assert_close(&name("C5"), &d.c5, &values(t.c5));
                assert_close(&name("F6 pre"), &d.f6_pre, &values(t.f6_pre));
                assert_close(&name("F6"), &d.f6, &values(t.f6));
                assert_close(&name("logits"), &d.logits, &values(t.logits));
                assert_close(&name("probabilities"), &d.probabilities, &values(probs));
            }
        }
    }
}

#[test]
fn direct_forward_refuses_an_input_that_is_not_32_by_32() {
    let device = Backend::default().device();
    let v = Variant::Classic;
    let model = weights::decode(weights::embedded(v), v, &device).unwrap();
    let direct = Direct::new(model.variant, weights::tensors_of(&model).unwrap()).unwrap();
    assert!(direct.trace(&[0.0; 28 * 28]).is_err());
}

#[test]
fn direct_forward_refuses_parameters_of_the_wrong_rank_or_a_kernel_larger_than_its_input() {
    let device = Backend::default().device();
    let v = Variant::Classic;
    let model = weights::decode(weights::embedded(v), v, &device).unwrap();
    let good = weights::tensors_of(&model).unwrap();
    // C1 as a dense layer, F6 as a convolution: refused when the pass is built.
    let mut flat = good.clone();
    flat.c1.shape = vec![6, 25];
    assert!(Direct::new(v, flat).is_err());
    let mut conv_f6 = good.clone();
    conv_f6.f6.shape = vec![84, 120, 1, 1];
    assert!(Direct::new(v, conv_f6).is_err());
    // A 33×33 C1 kernel on the 32×32 input: an error when run, not a panic.
    let mut big = good;
    big.c1.shape = vec![6, 1, 33, 33];
    big.c1.weight = vec![0.0; 6 * 33 * 33];
    let direct = Direct::new(v, big).unwrap();
    assert!(direct.trace(&[0.0; 32 * 32]).is_err());
}

#[test]
fn fast_tanh_is_within_5e_7_of_f64_tanh_from_minus_12_to_12() {
    let mut worst = 0.0f64;
    for i in 0..=2_400_000 {
        let x = -12.0 + i as f32 * 1e-5;
        let err = (convscope::lenet::direct::tanh(x) as f64 - (x as f64).tanh()).abs();
        worst = worst.max(err);
    }
    for e in -80..=10 {
        let x = 10f32.powf(e as f32 / 10.0);
        for x in [x, -x] {
            let rel = (convscope::lenet::direct::tanh(x) as f64 - (x as f64).tanh()).abs()
                / (x as f64).tanh().abs();
            assert!(rel < 5e-7, "relative error {rel} at {x}");
        }
    }
    assert!(worst < 5e-7, "max abs error {worst}");
}

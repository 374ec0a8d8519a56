//! `Network::explain_unit` and `explain_conv2d` against numbers computed here: the forward
//! pass's own values and pre-activations, the layer weights and naive loops over them.

use std::path::Path;

use convscope::data::mnist::{Mnist, Split};
use convscope::lenet::{
    Forward, LAYERS, MNIST_MEAN, MNIST_STD, Network, UnitExplanation, UnitMath, Variant,
};
use convscope::ops::explain::explain_conv2d;
use convscope::{Backend, ConvParams, Error, HostTensor};

fn digit(i: usize) -> Vec<f32> {
    let set = Mnist::load(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/mnist")),
        Split::Test,
    )
    .expect("the committed MNIST test set loads");
    set.image(i).iter().map(|&b| b as f32 / 255.0).collect()
}

fn index(f: &Forward, layer: &str) -> usize {
    f.layers.iter().position(|l| l.name == layer).unwrap()
}

/// Position of unit `(c, y, x)` in a layer's data as the forward pass reports it.
fn flat(shape: &[usize], [c, y, x]: [usize; 3]) -> usize {
    match shape {
        [_, h, w] => (c * h + y) * w + x,
        _ => c,
    }
}

fn close(a: f32, b: f32, what: &str) {
    assert!(
        (a - b).abs() <= 1e-4 * (1.0 + b.abs()),
        "{what}: {a} vs {b}"
    );
}

/// Units of every layer, corners and middles.
#[rustfmt::skip]
const UNITS: [(&str, [usize; 3]); 14] = [
    ("input", [0, 0, 0]), ("input", [0, 14, 9]), ("C1", [0, 0, 0]), ("C1", [5, 27, 13]),
    ("S2", [0, 0, 0]), ("S2", [3, 13, 0]), ("C3", [0, 0, 0]), ("C3", [15, 9, 4]),
    ("S4", [11, 2, 4]), ("C5", [0, 0, 0]), ("C5", [119, 0, 0]), ("F6", [42, 0, 0]),
    ("output", [0, 0, 0]), ("output", [7, 0, 0]),
];

/// The network of variant `v` and its forward pass on `x`.
fn run(v: Variant, x: &[f32]) -> (Network, Forward) {
    let net = Network::embedded(v, Backend::default()).unwrap();
    let f = net.forward(x).unwrap();
    (net, f)
}

#[test]
fn every_explained_value_and_pre_activation_is_the_forward_passes_and_z_agrees_with_it() {
    let x = digit(0);
    for v in Variant::ALL {
        let (net, f) = run(v, &x);
        for (layer, unit) in UNITS {
            let e = net.explain_unit(&x, layer, unit).unwrap();
            let l = &f.layers[index(&f, layer)];
            let i = flat(&l.shape, unit);
            assert_eq!((e.layer, e.c, e.y, e.x), (layer, unit[0], unit[1], unit[2]));
            assert_eq!(e.value, l.data[i], "{v:?} {layer} {unit:?} value");
            assert_eq!(
                e.pre_activation,
                l.pre_activation.as_ref().map(|p| p[i]),
                "{v:?} {layer} {unit:?} pre-activation"
            );
            let z = match &e.math {
                UnitMath::Conv(u) => Some(u.z),
                UnitMath::Dense { terms, .. } => Some(terms.z),
                _ => None,
            };
            if let (Some(z), Some(pre)) = (z, &l.pre_activation) {
                close(z, pre[i], &format!("{v:?} {layer} {unit:?} z"));
            }
        }
        // The output's value is its probability; its activation is softmax.
        let e = net.explain_unit(&x, "output", [7, 0, 0]).unwrap();
        assert_eq!(e.value, f.probabilities[7]);
        assert_eq!(e.activation, Some("softmax"));
    }
}

#[test]
fn kinds_inputs_and_activations_follow_the_layer_table() {
    let x = digit(1);
    let net = Network::embedded(Variant::Modern, Backend::default()).unwrap();
    let kind = |e: &UnitExplanation| e.math.kind().name();
    let expect = [
        ("input", "input", None, None),
        ("C1", "conv", Some("input"), Some("relu")),
        ("S2", "pool", Some("C1"), None),
        ("C3", "conv", Some("S2"), Some("relu")),
        ("S4", "pool", Some("C3"), None),
        ("C5", "dense", Some("S4"), Some("relu")),
        ("F6", "dense", Some("C5"), Some("relu")),
        ("output", "dense", Some("F6"), Some("softmax")),
    ];
    for (layer, k, below, act) in expect {
        let e = net.explain_unit(&x, layer, [0, 0, 0]).unwrap();
        assert_eq!(
            (kind(&e), e.below, e.activation),
            (k, below, act),
            "{layer}"
        );
    }
    let classic = Network::embedded(Variant::Classic, Backend::default()).unwrap();
    let e = classic.explain_unit(&x, "F6", [0, 0, 0]).unwrap();
    assert_eq!(e.activation, Some("tanh"));
}

#[test]
fn conv_terms_equal_a_naive_loop_over_the_layer_below_and_the_kernel() {
    let x = digit(2);
    let (net, f) = run(Variant::Classic, &x);
    let weights = net.weights().unwrap();
    // C1 reads the 28×28 digit padded by 2 with background and normalised, like the network.
    let padded = |y: i64, xx: i64| -> f32 {
        let v = if (2..30).contains(&y) && (2..30).contains(&xx) {
            x[((y - 2) * 28 + xx - 2) as usize]
        } else {
            0.0
        };
        (v - MNIST_MEAN) / MNIST_STD
    };
    let s2 = &f.layers[index(&f, "S2")].data;
    for (layer, [c, y, xx]) in [("C1", [5, 27, 13]), ("C1", [0, 0, 0]), ("C3", [15, 9, 4])] {
        let e = net.explain_unit(&x, layer, [c, y, xx]).unwrap();
        let UnitMath::Conv(u) = &e.math else {
            panic!("{layer} is explained as a convolution")
        };
        let w = weights.iter().find(|w| w.name == layer).unwrap();
        let channels = w.weight.shape[1];
        assert_eq!((u.kh, u.kw, u.channels.len()), (5, 5, channels));
        assert_eq!(
            (
                u.region.y.start,
                u.region.y.end,
                u.region.x.start,
                u.region.x.end
            ),
            (y as i64, y as i64 + 5, xx as i64, xx as i64 + 5)
        );
        let mut sum = 0.0f64;
        for (ci, t) in u.channels.iter().enumerate() {
            assert_eq!(t.index, ci);
            let mut partial = 0.0f64;
            for ky in 0..5 {
                for kx in 0..5 {
                    let (iy, ix) = (y + ky, xx + kx);
                    let v = if layer == "C1" {
                        padded(iy as i64, ix as i64)
                    } else {
                        s2[(ci * 14 + iy) * 14 + ix]
                    };
                    let k = w.weight.data[((c * channels + ci) * 5 + ky) * 5 + kx];
                    let i = ky * 5 + kx;
                    assert!((t.window[i] - v).abs() < 1e-6, "{layer} window {i}");
                    assert_eq!(t.kernel[i], k);
                    assert_eq!(t.products[i], t.window[i] * k);
                    partial += f64::from(v) * f64::from(k);
                }
            }
            close(t.partial, partial as f32, &format!("{layer} partial {ci}"));
            sum += partial;
        }
        close(u.sum, sum as f32, &format!("{layer} sum"));
        assert_eq!(u.bias, w.bias.data[c]);
        close(
            u.z,
            (sum + f64::from(w.bias.data[c])) as f32,
            &format!("{layer} z"),
        );
    }
}

#[test]
fn pool_units_keep_the_max_or_the_mean_of_their_2x2_window() {
    let x = digit(3);
    for v in Variant::ALL {
        let (net, f) = run(v, &x);
        let c3 = &f.layers[index(&f, "C3")].data;
        let e = net.explain_unit(&x, "S4", [11, 2, 4]).unwrap();
        let UnitMath::Pool(p) = &e.math else {
            panic!("S4 is explained as pooling")
        };
        let window: Vec<f32> = [(4, 8), (4, 9), (5, 8), (5, 9)]
            .iter()
            .map(|&(y, xx)| c3[(11 * 10 + y) * 10 + xx])
            .collect();
        assert_eq!(p.window, window);
        assert_eq!((p.kh, p.kw, p.mode), (2, 2, v.pool_mode()));
        let want = match v {
            Variant::Modern => window.iter().copied().fold(f32::MIN, f32::max),
            Variant::Classic => window.iter().sum::<f32>() / 4.0,
        };
        close(p.pooled, want, &format!("{v:?} pooled"));
        close(p.pooled, e.value, &format!("{v:?} pooled vs forward"));
    }
}

#[test]
fn dense_terms_equal_a_naive_dot_product_with_the_weight_row() {
    let x = digit(4);
    let (net, f) = run(Variant::Modern, &x);
    let weights = net.weights().unwrap();
    for (layer, below, c) in [("C5", "S4", 119), ("F6", "C5", 42), ("output", "F6", 3)] {
        let e = net.explain_unit(&x, layer, [c, 0, 0]).unwrap();
        let UnitMath::Dense {
            below_shape,
            inputs,
            weights: row,
            terms,
        } = &e.math
        else {
            panic!("{layer} is explained as a dense unit")
        };
        let lower = &f.layers[index(&f, below)];
        assert_eq!((below_shape, inputs), (&lower.shape, &lower.data));
        let w = weights.iter().find(|w| w.name == layer).unwrap();
        let n = inputs.len();
        assert_eq!(row.as_slice(), &w.weight.data[c * n..(c + 1) * n]);
        let mut sum = 0.0f64;
        for i in 0..n {
            assert_eq!(terms.products[i], inputs[i] * row[i]);
            sum += f64::from(inputs[i]) * f64::from(row[i]);
        }
        close(terms.sum, sum as f32, &format!("{layer} sum"));
        close(terms.z, terms.sum + w.bias.data[c], &format!("{layer} z"));
    }
}

#[test]
fn an_input_unit_shows_the_pixel_and_its_normalised_value() {
    let x = digit(5);
    let net = Network::embedded(Variant::Classic, Backend::default()).unwrap();
    let (y, xx) = (14, 9);
    let e = net.explain_unit(&x, "input", [0, y, xx]).unwrap();
    let UnitMath::Input { raw, normalised } = e.math else {
        panic!("the input is explained as a pixel")
    };
    assert_eq!(raw, x[y * 28 + xx]);
    close(normalised, (raw - MNIST_MEAN) / MNIST_STD, "normalised");
    assert_eq!((e.below, e.activation), (None, None));
}

#[test]
fn invalid_arguments_are_errors_that_name_the_parameter() {
    let x = digit(0);
    let net = Network::embedded(Variant::Modern, Backend::default()).unwrap();
    let param = |r: Result<UnitExplanation, Error>| -> String {
        match r {
            Err(Error::Param(e)) => {
                assert_eq!(e.op, "explainUnit", "{e}");
                e.param
            }
            other => panic!("expected an argument error, got {other:?}"),
        }
    };
    assert_eq!(param(net.explain_unit(&x, "C9", [0, 0, 0])), "layer");
    assert_eq!(param(net.explain_unit(&x, "C1", [6, 0, 0])), "c");
    assert_eq!(param(net.explain_unit(&x, "C1", [0, 28, 0])), "y");
    assert_eq!(param(net.explain_unit(&x, "S4", [0, 0, 5])), "x");
    assert_eq!(param(net.explain_unit(&x, "F6", [0, 1, 0])), "y");
    assert_eq!(param(net.explain_unit(&x, "input", [1, 0, 0])), "c");
    assert_eq!(
        param(net.explain_unit(&x[..100], "C1", [0, 0, 0])),
        "pixels"
    );
    let mut nan = x.clone();
    nan[3] = f32::NAN;
    assert_eq!(param(net.explain_unit(&nan, "C1", [0, 0, 0])), "pixels");
    // Every layer of the table can be explained at its last unit.
    for l in &LAYERS {
        let [c, h, w] = l.shape;
        assert!(
            net.explain_unit(&x, l.name, [c - 1, h - 1, w - 1]).is_ok(),
            "{}",
            l.name
        );
    }

    let input = HostTensor::new(vec![1.0; 2 * 4 * 4], vec![2, 4, 4]);
    let weight = HostTensor::new(vec![1.0; 3 * 2 * 3 * 3], vec![3, 2, 3, 3]);
    let p = ConvParams::default();
    let conv_param = |r: convscope::Result<_>| match r {
        Err(Error::Param(e)) => e.param,
        other => panic!("expected an argument error, got {other:?}"),
    };
    let explain = |w: &HostTensor, unit| explain_conv2d("explainConv2d", &input, w, None, &p, unit);
    assert_eq!(conv_param(explain(&weight, [3, 0, 0])), "c");
    assert_eq!(conv_param(explain(&weight, [0, 2, 0])), "y");
    assert_eq!(conv_param(explain(&weight, [0, 0, 2])), "x");
    let wrong = HostTensor::new(vec![1.0; 3 * 3 * 3], vec![3, 1, 3, 3]);
    assert_eq!(conv_param(explain(&wrong, [0, 0, 0])), "weight");
    // Padding cells read as 0: the corner unit with padding 1 sees 4 of 9 ones per channel.
    let padded = ConvParams {
        padding: [1, 1],
        ..ConvParams::default()
    };
    let u = explain_conv2d(
        "explainConv2d",
        &input,
        &weight,
        Some(&[0.5, 0.0, 0.0]),
        &padded,
        [0, 0, 0],
    )
    .unwrap();
    assert_eq!(
        u.channels[0].window,
        [0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0]
    );
    assert_eq!((u.sum, u.z), (8.0, 8.5));
}

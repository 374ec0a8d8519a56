//! LeNet-5 with the committed weights: accuracy on the full MNIST test set, layer shapes and
//! pre-activations against independent computations, receptive fields against the numbers of
//! the issue/lecture, robustness of the drawing preprocessor, and corrupt weights.

use std::path::Path;

mod common;

use common::{pixels, test_set};
use convscope::Backend;
use convscope::data::image::Gray;
use convscope::data::mnist::{Mnist, Split};
use convscope::data::preprocess::{Digit, preprocess_digit};
use convscope::lenet::inspect::{Network, receptive_field, units_seeing};
use convscope::lenet::weights;
use convscope::lenet::{IMAGE_PIXELS, LAYERS, MNIST_MEAN, MNIST_STD, Variant};

fn argmax(p: &[f32]) -> usize {
    (0..p.len()).fold(0, |best, i| if p[i] > p[best] { i } else { best })
}

#[test]
fn both_variants_classify_at_least_99_percent_of_the_10k_mnist_test_set() {
    let set = test_set();
    for v in Variant::ALL {
        let net = Network::embedded(v, Backend::default()).unwrap();
        let mut correct = 0;
        for start in (0..set.len()).step_by(500) {
            let batch: Vec<f32> = (start..start + 500).flat_map(|i| pixels(&set, i)).collect();
            let probs = net.probabilities_batch(&batch).unwrap();
            for (k, p) in probs.chunks_exact(10).enumerate() {
                correct += (argmax(p) == set.labels[start + k] as usize) as usize;
            }
        }
        let acc = correct as f64 / set.len() as f64;
        println!(
            "{}: {correct}/{} = {:.2}%",
            v.name(),
            set.len(),
            100.0 * acc
        );
        assert!(acc >= 0.990, "{} accuracy {acc}", v.name());
    }
}

#[test]
fn both_backends_give_the_same_probabilities_within_1e_5() {
    let set = test_set();
    for v in Variant::ALL {
        let nets: Vec<Network> = Backend::ALL
            .iter()
            .map(|&b| Network::embedded(v, b).unwrap())
            .collect();
        for i in 0..20 {
            let p0 = nets[0].probabilities(&pixels(&set, i)).unwrap();
            for n in &nets[1..] {
                let p = n.probabilities(&pixels(&set, i)).unwrap();
                for (a, b) in p0.iter().zip(&p) {
                    assert!((a - b).abs() < 1e-5, "{v:?} digit {i}: {p0:?} vs {p:?}");
                }
            }
        }
    }
}

#[test]
fn forward_reports_every_layer_with_the_lenet5_shapes_and_consistent_values() {
    let set = test_set();
    let net = Network::embedded(Variant::Modern, Backend::default()).unwrap();
    let x = pixels(&set, 0);
    let f = net.forward(&x).unwrap();
    let shapes: Vec<(&str, Vec<usize>)> =
        f.layers.iter().map(|l| (l.name, l.shape.clone())).collect();
    assert_eq!(
        shapes,
        vec![
            ("input", vec![1, 28, 28]),
            ("C1", vec![6, 28, 28]),
            ("S2", vec![6, 14, 14]),
            ("C3", vec![16, 10, 10]),
            ("S4", vec![16, 5, 5]),
            ("C5", vec![120]),
            ("F6", vec![84]),
            ("output", vec![10]),
        ]
    );
    for (l, spec) in f.layers.iter().zip(LAYERS.iter()) {
        assert_eq!(l.name, spec.name);
        assert_eq!(l.data.len(), spec.shape.iter().product::<usize>());
    }
    // Probabilities sum to 1 and equal the probabilities-only path.
    assert!((f.probabilities.iter().sum::<f32>() - 1.0).abs() < 1e-5);
    assert_eq!(f.probabilities, net.probabilities(&x).unwrap());
    // ReLU of the pre-activation is the activation (modern variant).
    let c1 = &f.layers[1];
    for (a, p) in c1.data.iter().zip(c1.pre_activation.as_ref().unwrap()) {
        assert_eq!(*a, p.max(0.0));
    }
    // Max pooling: S2[c, y, x] is the max of C1's 2x2 window.
    let s2 = &f.layers[2];
    for c in 0..6 {
        for y in 0..14 {
            for xx in 0..14 {
                let w = |dy: usize, dx: usize| c1.data[(c * 28 + 2 * y + dy) * 28 + 2 * xx + dx];
                let m = w(0, 0).max(w(0, 1)).max(w(1, 0)).max(w(1, 1));
                assert_eq!(s2.data[(c * 14 + y) * 14 + xx], m);
            }
        }
    }
}

#[test]
fn c1_pre_activation_equals_a_naive_dot_product_of_the_normalised_padded_input_and_the_kernel() {
    let set = test_set();
    for v in Variant::ALL {
        let net = Network::embedded(v, Backend::default()).unwrap();
        let x = pixels(&set, 7);
        let f = net.forward(&x).unwrap();
        let w = &net.weights().unwrap()[0];
        assert_eq!((w.name, w.weight.shape.clone()), ("C1", vec![6, 1, 5, 5]));
        // The input LeNet sees: 28x28 padded by 2 with background, normalised.
        let at = |y: isize, xx: isize| -> f32 {
            let v = if (0..28).contains(&y) && (0..28).contains(&xx) {
                x[(y * 28 + xx) as usize]
            } else {
                0.0
            };
            (v - MNIST_MEAN) / MNIST_STD
        };
        let pre = f.layers[1].pre_activation.as_ref().unwrap();
        for (c, y, xx) in [(0, 0, 0), (3, 14, 9), (5, 27, 27)] {
            let mut sum = w.bias.data[c];
            for ky in 0..5 {
                for kx in 0..5 {
                    sum += at(y + ky - 2, xx + kx - 2)
                        * w.weight.data[(c * 5 + ky as usize) * 5 + kx as usize];
                }
            }
            let got = pre[(c * 28 + y as usize) * 28 + xx as usize];
            assert!(
                (got - sum).abs() < 1e-4,
                "{v:?} C1[{c},{y},{xx}] = {got}, naive {sum}"
            );
        }
    }
}

#[test]
fn network_has_61706_parameters_in_the_pytorch_layouts() {
    let net = Network::embedded(Variant::Classic, Backend::default()).unwrap();
    assert_eq!(net.num_params(), 61_706);
    let shapes: Vec<(&str, Vec<usize>, Vec<usize>)> = net
        .weights()
        .unwrap()
        .into_iter()
        .map(|w| (w.name, w.weight.shape, w.bias.shape))
        .collect();
    assert_eq!(
        shapes,
        vec![
            ("C1", vec![6, 1, 5, 5], vec![6]),
            ("C3", vec![16, 6, 5, 5], vec![16]),
            ("C5", vec![120, 16, 5, 5], vec![120]),
            ("F6", vec![84, 120], vec![84]),
            ("output", vec![10, 84], vec![10]),
        ]
    );
}

#[test]
fn receptive_fields_on_the_padded_input_are_5_6_14_16_and_32() {
    for (layer, size) in [
        ("C1", 5),
        ("S2", 6),
        ("C3", 14),
        ("S4", 16),
        ("C5", 32),
        ("F6", 32),
        ("output", 32),
    ] {
        let rf = receptive_field(layer, 0, 0).unwrap();
        assert_eq!(rf.size, [size, size], "{layer}");
    }
}

#[test]
fn receptive_field_positions_follow_stride_and_are_clipped_to_the_input() {
    // C3 unit (4, 7): S2 rows 4..9, cols 7..12; C1 rows 8..18, cols 14..24; padded input rows
    // 8..22, cols 14..28, i.e. input rows 6..20, cols 12..26 of the 28x28 image.
    let rf = receptive_field("C3", 4, 7).unwrap();
    let spans: Vec<(&str, [i64; 4])> = rf
        .regions
        .iter()
        .map(|r| {
            (
                r.layer,
                [
                    r.clipped.y.start,
                    r.clipped.y.end,
                    r.clipped.x.start,
                    r.clipped.x.end,
                ],
            )
        })
        .collect();
    assert_eq!(
        spans,
        vec![
            ("C3", [4, 5, 7, 8]),
            ("S2", [4, 9, 7, 12]),
            ("C1", [8, 18, 14, 24]),
            ("input", [6, 20, 12, 26]),
        ]
    );
    // A C1 corner unit reaches 2 pixels into LeNet's padding: unclipped -2..3, clipped 0..3.
    let rf = receptive_field("C1", 0, 0).unwrap();
    let input = rf.regions.last().unwrap();
    assert_eq!((input.full.y.start, input.full.y.end), (-2, 3));
    assert_eq!((input.clipped.y.start, input.clipped.y.end), (0, 3));
    assert!(receptive_field("C3", 10, 0).unwrap_err().param == "y");
    assert!(receptive_field("C4", 0, 0).unwrap_err().param == "layer");
}

#[test]
fn units_seeing_a_pixel_are_those_whose_field_contains_it() {
    // Input pixel (0, 0) is padded-input (2, 2): C1 units 0..3 see it (a unit at u sees u..u+5).
    let u = units_seeing(0, 0).unwrap();
    assert_eq!(u[0].layer, "C1");
    assert_eq!((u[0].clipped.y.start, u[0].clipped.y.end), (0, 3));
    assert_eq!(u.last().unwrap().layer, "output");
    // Consistency with receptive_field for every C3 unit and one pixel.
    let c3 = u.iter().find(|r| r.layer == "C3").unwrap();
    for y in 0..10 {
        for x in 0..10 {
            let rf = receptive_field("C3", y, x).unwrap();
            let inp = rf.regions.last().unwrap().full;
            let sees = inp.y.start <= 0 && 0 < inp.y.end && inp.x.start <= 0 && 0 < inp.x.end;
            let listed = (c3.clipped.y.start..c3.clipped.y.end).contains(&(y as i64))
                && (c3.clipped.x.start..c3.clipped.x.end).contains(&(x as i64));
            assert_eq!(sees, listed, "C3 ({y}, {x})");
        }
    }
}

/// How a 28x28 digit is drawn into a `w`x`h` canvas: scaled by `scale`, top-left at (ox, oy),
/// strokes thickened (radius > 0, max filter) or thinned (radius < 0, min filter) by
/// `radius` canvas pixels, dark ink on light paper or light ink on dark.
struct Rendering {
    w: usize,
    h: usize,
    scale: f32,
    ox: f32,
    oy: f32,
    radius: i32,
    dark_on_light: bool,
}

/// The RGBA canvas of `digit` drawn as `r` says.
fn render(digit: &[f32], r: &Rendering) -> Vec<u8> {
    let &Rendering {
        w,
        h,
        scale,
        ox,
        oy,
        radius,
        dark_on_light,
    } = r;
    let g = Gray {
        width: 28,
        height: 28,
        data: digit.to_vec(),
    };
    let mut canvas = Gray::new(w, h);
    for y in 0..h {
        for x in 0..w {
            canvas.data[y * w + x] =
                g.sample((x as f32 + 0.5 - ox) / scale, (y as f32 + 0.5 - oy) / scale);
        }
    }
    if radius != 0 {
        let r = radius.unsigned_abs() as usize;
        let src = canvas.clone();
        for y in 0..h {
            for x in 0..w {
                let mut v = src.data[y * w + x];
                for yy in y.saturating_sub(r)..(y + r + 1).min(h) {
                    for xx in x.saturating_sub(r)..(x + r + 1).min(w) {
                        let s = src.data[yy * w + xx];
                        v = if radius > 0 { v.max(s) } else { v.min(s) };
                    }
                }
                canvas.data[y * w + x] = v;
            }
        }
    }
    canvas
        .data
        .iter()
        .flat_map(|&v| {
            let ink = (v.clamp(0.0, 1.0) * 255.0) as u8;
            let c = if dark_on_light { 255 - ink } else { ink };
            [c, c, c, 255]
        })
        .collect()
}

#[test]
fn redrawn_digits_off_centre_at_other_sizes_and_stroke_widths_are_still_classified_98_percent() {
    let set = test_set();
    let nets: Vec<Network> = Variant::ALL
        .iter()
        .map(|&v| Network::embedded(v, Backend::default()).unwrap())
        .collect();
    let mut seed = 12345u64;
    let mut rnd = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as f32 / (1u64 << 31) as f32
    };
    let n = 1000;
    let mut correct = vec![0; nets.len()];
    for i in 0..n {
        let (w, h) = (
            200 + (rnd() * 200.0) as usize,
            200 + (rnd() * 200.0) as usize,
        );
        let scale = 3.0 + rnd() * 4.0; // digit 84..196 px
        let side = 28.0 * scale;
        let ox = rnd() * (w as f32 - side).max(0.0);
        let oy = rnd() * (h as f32 - side).max(0.0);
        let radius = [-1, 0, 0, 1, 2, 3][(rnd() * 6.0) as usize % 6];
        let rendering = Rendering {
            w,
            h,
            scale,
            ox,
            oy,
            radius,
            dark_on_light: i % 2 == 0,
        };
        let rgba = render(&pixels(&set, i), &rendering);
        let Ok(Digit::Pixels(p)) = preprocess_digit(&rgba, w, h) else {
            panic!("digit {i} came out empty")
        };
        assert_eq!(p.len(), IMAGE_PIXELS);
        for (k, net) in nets.iter().enumerate() {
            correct[k] +=
                (argmax(&net.probabilities(&p).unwrap()) == set.labels[i] as usize) as usize;
        }
    }
    for (k, v) in Variant::ALL.iter().enumerate() {
        let acc = correct[k] as f64 / n as f64;
        println!(
            "{}: {:.1}% of {n} re-rendered digits",
            v.name(),
            100.0 * acc
        );
        assert!(acc >= 0.98, "{v:?}: {acc}");
    }
}

#[test]
fn corrupt_truncated_or_foreign_weight_bytes_give_an_error_not_a_crash() {
    let good = weights::embedded(Variant::Classic).to_vec();
    assert!(Network::from_bytes(&good, Variant::Classic, Backend::default()).is_ok());
    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x40;
    let truncated = &good[..good.len() - 100];
    let mut bad_payload_crc = good.clone();
    // A corrupt payload whose checksum was "fixed up": burn's reader must still not crash.
    for b in &mut bad_payload_crc[20..60] {
        *b = 0xFF;
    }
    let crc = weights::crc32(&bad_payload_crc[20..]).to_le_bytes();
    bad_payload_crc[16..20].copy_from_slice(&crc);
    let cases: Vec<(&str, Vec<u8>, Variant)> = vec![
        ("empty", vec![], Variant::Classic),
        ("garbage", vec![7u8; 1000], Variant::Classic),
        ("flipped bit", flipped, Variant::Classic),
        ("truncated", truncated.to_vec(), Variant::Classic),
        ("other variant", good.clone(), Variant::Modern),
        (
            "corrupt payload, valid crc",
            bad_payload_crc,
            Variant::Classic,
        ),
    ];
    for (what, bytes, v) in cases {
        let e = Network::from_bytes(&bytes, v, Backend::default()).expect_err(what);
        assert!(matches!(e, convscope::Error::Weights(_)), "{what}: {e}");
    }
}

/// Multiplies every parameter by NaN.
struct Poison;

impl burn::module::ModuleMapper for Poison {
    fn map_float<const D: usize>(
        &mut self,
        param: burn::module::Param<burn::tensor::Tensor<D>>,
    ) -> burn::module::Param<burn::tensor::Tensor<D>> {
        param.map(|t| t.mul_scalar(f32::NAN))
    }
}

#[test]
fn weights_holding_nan_with_a_valid_checksum_are_refused_naming_the_parameter() {
    use burn::module::Module;
    let device = Backend::default().device();
    let poisoned = convscope::lenet::LeNet5Config::new(Variant::Classic)
        .init(&device)
        .map(&mut Poison);
    // encode() writes a well-formed file (magic, length, CRC-32) around the NaN parameters.
    let bytes = weights::encode(poisoned).unwrap();
    let e = Network::from_bytes(&bytes, Variant::Classic, Backend::default())
        .expect_err("NaN weights must not load");
    let msg = e.to_string();
    assert!(matches!(e, convscope::Error::Weights(_)), "{msg}");
    assert!(
        msg.contains("NaN or infinity") && msg.contains("`c1."),
        "{msg}"
    );
}

#[test]
fn corrupt_or_truncated_mnist_files_fail_with_a_message_naming_the_file() {
    let dir = std::env::temp_dir().join(format!("convscope-mnist-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let src = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/mnist"));
    let images = std::fs::read(src.join("t10k-images-idx3-ubyte.gz")).unwrap();
    std::fs::write(
        dir.join("t10k-images-idx3-ubyte.gz"),
        &images[..images.len() / 2],
    )
    .unwrap();
    std::fs::copy(
        src.join("t10k-labels-idx1-ubyte.gz"),
        dir.join("t10k-labels-idx1-ubyte.gz"),
    )
    .unwrap();
    let e = Mnist::load(&dir, Split::Test).unwrap_err().to_string();
    assert!(
        e.contains("t10k-images-idx3-ubyte.gz") && e.contains("corrupt or truncated"),
        "{e}"
    );
    std::fs::remove_file(dir.join("t10k-images-idx3-ubyte.gz")).unwrap();
    let e = Mnist::load(&dir, Split::Test).unwrap_err().to_string();
    assert!(e.contains("t10k-images-idx3-ubyte.gz"), "{e}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The probabilities of the first 16 MNIST test digits under both variants, saved to
/// `tests/data/lenet-oracle.json` so the browser test can check that the wasm module computes
/// the same numbers (within 1e-5). Regenerate after retraining with
/// `CONVSCOPE_WRITE_ORACLE=1 cargo test --release --features ndarray,flex,simd,cli --test lenet oracle`.
#[test]
fn oracle_file_matches_the_native_probabilities_of_the_committed_weights() {
    let path = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/lenet-oracle.json"
    ));
    let set = test_set();
    let nets: Vec<Network> = Variant::ALL
        .iter()
        .map(|&v| Network::embedded(v, Backend::default()).unwrap())
        .collect();
    let digits: Vec<serde_json::Value> = (0..16)
        .map(|i| {
            let mut d =
                serde_json::json!({ "index": i, "label": set.labels[i], "pixels": set.image(i) });
            for (v, net) in Variant::ALL.iter().zip(&nets) {
                d[v.name()] = serde_json::json!(net.probabilities(&pixels(&set, i)).unwrap());
            }
            d
        })
        .collect();
    let fresh = serde_json::json!({
        "about": "LeNet-5 probabilities of the first 16 MNIST test digits (pixels = bytes, divide by 255), computed natively; see tests/lenet.rs",
        "digits": digits,
    });
    if std::env::var_os("CONVSCOPE_WRITE_ORACLE").is_some() {
        std::fs::write(path, serde_json::to_string(&fresh).unwrap()).unwrap();
    }
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("oracle file")).unwrap();
    for (s, f) in saved["digits"]
        .as_array()
        .unwrap()
        .iter()
        .zip(fresh["digits"].as_array().unwrap())
    {
        assert_eq!(s["pixels"], f["pixels"]);
        for v in Variant::ALL {
            for (a, b) in s[v.name()]
                .as_array()
                .unwrap()
                .iter()
                .zip(f[v.name()].as_array().unwrap())
            {
                let (a, b) = (a.as_f64().unwrap(), b.as_f64().unwrap());
                assert!(
                    (a - b).abs() < 1e-6,
                    "{}: saved {a} vs native {b}: regenerate the oracle",
                    v.name()
                );
            }
        }
    }
}

#[test]
fn layer_specs_give_every_layer_its_input_and_activation_and_the_input_its_normalisation() {
    use convscope::lenet::layers::layer_specs;
    use serde_json::json;
    let modern = serde_json::to_value(layer_specs(Variant::Modern)).unwrap();
    let expected = [
        ("input", "input", json!(null), json!(null)),
        ("C1", "conv", json!("input"), json!("relu")),
        ("S2", "pool", json!("C1"), json!(null)),
        ("C3", "conv", json!("S2"), json!("relu")),
        ("S4", "pool", json!("C3"), json!(null)),
        ("C5", "conv", json!("S4"), json!("relu")),
        ("F6", "dense", json!("C5"), json!("relu")),
        ("output", "dense", json!("F6"), json!("softmax")),
    ];
    for (spec, (name, kind, input, act)) in modern.as_array().unwrap().iter().zip(expected) {
        assert_eq!(
            (
                &spec["name"],
                &spec["kind"],
                &spec["input"],
                &spec["activation"]
            ),
            (&json!(name), &json!(kind), &input, &act),
            "{spec}"
        );
        // Only the input carries the image's size and normalisation.
        assert_eq!(spec.get("mean").is_some(), name == "input", "{spec}");
    }
    // LeNet's input: MNIST's 28×28 padded by 2 to 32×32, normalised with MNIST's mean and std.
    let input = &modern[0];
    assert_eq!(input.get("kernel"), None);
    assert_eq!(
        [
            &input["side"],
            &input["pad"],
            &input["paddedSide"],
            &input["mean"],
            &input["std"]
        ],
        [
            &json!(28),
            &json!(2),
            &json!(32),
            &json!(0.1307),
            &json!(0.3081)
        ]
    );
    let c1 = &modern[1];
    assert_eq!(
        [&c1["shape"], &c1["kernel"], &c1["stride"], &c1["padding"]],
        [&json!([6, 28, 28]), &json!(5), &json!(1), &json!(0)]
    );
    assert_eq!(modern[2]["stride"], json!(2));
    let classic = serde_json::to_value(layer_specs(Variant::Classic)).unwrap();
    assert_eq!(classic[3]["activation"], json!("tanh"));
    assert_eq!(classic[7]["activation"], json!("softmax"));
}

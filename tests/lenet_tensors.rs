//! The weights files the student page fetches (www/assets/weights/, read by pkg-lenet/ with
//! `tensors::decode_tensors`, no burn) hold exactly the weights built into the full module,
//! and the burn-free decoder gives the same parameters and the same network as burn's.

use convscope::Backend;
use convscope::error::Code;
use convscope::lenet::tensors::{decode_tensors, record_tensors};
use convscope::lenet::weights;
use convscope::lenet::{Network, Variant};

fn file(v: Variant) -> Vec<u8> {
    let path = format!(
        "{}/www/assets/weights/lenet5-{}.bin",
        env!("CARGO_MANIFEST_DIR"),
        v.name()
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn bits(xs: &[f32]) -> Vec<u32> {
    xs.iter().map(|x| x.to_bits()).collect()
}

#[test]
fn the_weights_files_are_the_built_in_weights_byte_for_byte() {
    for v in Variant::ALL {
        assert!(file(v) == weights::embedded(v), "{v:?}");
    }
}

#[test]
fn decode_tensors_gives_burns_parameters_bit_for_bit() {
    let device = Backend::default().device();
    for v in Variant::ALL {
        let ours = decode_tensors(&file(v), v).unwrap();
        let model = weights::decode(weights::embedded(v), v, &device).unwrap();
        let burns = weights::tensors_of(&model).unwrap();
        for ((name, a), (_, b)) in ours.layers().into_iter().zip(burns.layers()) {
            assert_eq!(a.shape, b.shape, "{v:?} {name}");
            assert_eq!(bits(&a.weight), bits(&b.weight), "{v:?} {name}.weight");
            assert_eq!(bits(&a.bias), bits(&b.bias), "{v:?} {name}.bias");
        }
        assert_eq!(ours.num_params(), 61_706);
        let shapes: Vec<Vec<usize>> = ours
            .layers()
            .iter()
            .flat_map(|(_, l)| [l.shape.clone(), vec![l.bias.len()]])
            .collect();
        let record: Vec<Vec<usize>> = record_tensors().into_iter().map(|(_, s)| s).collect();
        assert_eq!(shapes, record);
    }
}

#[test]
fn a_network_from_the_file_equals_one_from_a_burn_module_of_the_same_weights() {
    let device = Backend::default().device();
    let digit: Vec<f32> = (0..784)
        .map(|i| if (i / 28 + i % 28) % 7 < 3 { 0.9 } else { 0.0 })
        .collect();
    for v in Variant::ALL {
        let from_file = Network::from_bytes(&file(v), v, Backend::default()).unwrap();
        let model = weights::decode(weights::embedded(v), v, &device).unwrap();
        let from_model = Network::from_model(model, device.clone()).unwrap();
        assert_eq!(
            from_file.forward(&digit).unwrap(),
            from_model.forward(&digit).unwrap()
        );
        assert_eq!(from_file.weights().unwrap(), from_model.weights().unwrap());
        assert_eq!(from_file.num_params(), 61_706);
    }
}

#[test]
fn decode_tensors_refuses_the_other_variant_and_a_corrupt_file() {
    let e = decode_tensors(&file(Variant::Classic), Variant::Modern).unwrap_err();
    assert_eq!(convscope::Error::from(e).code(), Code::WeightsWrongVariant);
    let mut bad = file(Variant::Modern);
    let last = bad.len() - 1;
    bad[last] ^= 1;
    let e = decode_tensors(&bad, Variant::Modern).unwrap_err();
    assert_eq!(convscope::Error::from(e).code(), Code::WeightsCorrupt);
}

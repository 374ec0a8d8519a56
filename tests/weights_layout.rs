//! Crafted weights files with a correct header, length and CRC-32 (issue 12, item 2): each
//! edits a real file written by `encode` (the built-in classic weights) the way an attacker or
//! a broken tool would, fixes the checksum, and must be refused with a named weights error
//! before burn reads it. Before the layout check, some of these trapped inside burn
//! (`unreachable`) and others loaded a network that read a "1" as another digit.

use convscope::error::Code;
use convscope::lenet::Network;
use convscope::lenet::Variant;
use convscope::lenet::weights;
use convscope::{Backend, Error};

const HEADER: usize = 20;

/// The burnpack metadata and data section of a weights file.
fn split(file: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let p = &file[HEADER..];
    let m = u32::from_le_bytes(p[6..10].try_into().unwrap()) as usize;
    let data_start = (10 + m).div_ceil(256) * 256;
    (p[10..10 + m].to_vec(), p[data_start..].to_vec())
}

/// A weights file around `metadata` and `data`, laid out as burnpack does, with the original
/// file's header fields and a correct length and CRC-32.
fn rebuild(original: &[u8], metadata: &[u8], data: &[u8]) -> Vec<u8> {
    let mut p = original[HEADER..HEADER + 6].to_vec(); // burnpack magic + version
    p.extend_from_slice(&(metadata.len() as u32).to_le_bytes());
    p.extend_from_slice(metadata);
    p.resize((10 + metadata.len()).div_ceil(256) * 256, 0);
    p.extend_from_slice(data);
    fix(&[&original[..HEADER], &p].concat())
}

/// `file` with its header's length and CRC-32 recomputed from its payload.
fn fix(file: &[u8]) -> Vec<u8> {
    let mut f = file.to_vec();
    let len = (f.len() - HEADER) as u32;
    f[12..16].copy_from_slice(&len.to_le_bytes());
    let crc = weights::crc32(&f[HEADER..]);
    f[16..20].copy_from_slice(&crc.to_le_bytes());
    f
}

/// Replaces the first occurrence of `from` at or after `after` in `hay`.
fn replace(hay: &[u8], after: usize, from: &[u8], to: &[u8]) -> Vec<u8> {
    let at = after
        + hay[after..]
            .windows(from.len())
            .position(|w| w == from)
            .unwrap_or_else(|| panic!("{from:?} not found"));
    [&hay[..at], to, &hay[at + from.len()..]].concat()
}

/// CBOR text string.
fn text(s: &str) -> Vec<u8> {
    [&[0x60 + s.len() as u8][..], s.as_bytes()].concat()
}

/// Where the descriptor of tensor `name` starts in the metadata.
fn entry(metadata: &[u8], name: &str) -> usize {
    let key = text(name);
    metadata.windows(key.len()).position(|w| w == key).unwrap()
}

/// The metadata with tensor `name`'s dtype `F16` replaced by the CBOR bytes `dtype`.
fn with_dtype(metadata: &[u8], name: &str, dtype: &[u8]) -> Vec<u8> {
    replace(metadata, entry(metadata, name), &text("F16"), dtype)
}

fn good() -> Vec<u8> {
    weights::embedded(Variant::Classic).to_vec()
}

/// Asserts that `file` is refused as corrupt weights whose message contains `needle`.
#[track_caller]
fn refused(what: &str, file: &[u8], needle: &str) {
    let e = Network::from_bytes(file, Variant::Classic, Backend::default())
        .err()
        .unwrap_or_else(|| panic!("{what}: loaded"));
    let msg = e.to_string();
    assert!(matches!(e, Error::Weights(_)), "{what}: {msg}");
    assert_eq!(e.code(), Code::WeightsCorrupt, "{what}: {msg}");
    assert!(msg.contains(needle), "{what}: `{msg}` lacks `{needle}`");
    assert!(
        !msg.contains("Semantic(") && !msg.contains("Syntax("),
        "{what}: {msg}"
    );
}

#[test]
fn the_built_in_files_and_a_fresh_encode_pass_the_layout_check() {
    for v in Variant::ALL {
        assert!(
            weights::checked_payload(weights::embedded(v), v).is_ok(),
            "{v:?}"
        );
        let device = Backend::default().device();
        let fresh = convscope::lenet::LeNet5Config::new(v).init(&device);
        let file = weights::encode(fresh).unwrap();
        // The reference layout is the built-in file's; encode must still write exactly it.
        assert!(weights::checked_payload(&file, v).is_ok(), "{v:?}");
    }
    // The edits below start from a file that loads, and `rebuild` reproduces it exactly.
    let (m, d) = split(&good());
    assert_eq!(rebuild(&good(), &m, &d), good());
}

#[test]
fn misaligned_or_shifted_tensor_offsets_with_a_fixed_crc_are_refused() {
    let g = good();
    let (m, d) = split(&g);
    // c1.weight is the only tensor at [0, 300]: CBOR [0, 300] = 82 00 19 01 2C.
    let c1 = [0x82, 0x00, 0x19, 0x01, 0x2C];
    let misaligned = replace(&m, 0, &c1, &[0x82, 0x01, 0x19, 0x01, 0x2D]);
    refused(
        "c1.weight at [1, 301]",
        &rebuild(&g, &misaligned, &d),
        "data_offsets [1, 301]",
    );
    // c5.weight [5888, 101888] shifted by one alignment step onto f6.weight's bytes.
    let c5 = [0x82, 0x19, 0x17, 0x00, 0x1A, 0x00, 0x01, 0x8E, 0x00];
    let shifted = replace(
        &m,
        0,
        &c5,
        &[0x82, 0x19, 0x18, 0x00, 0x1A, 0x00, 0x01, 0x8F, 0x00],
    );
    refused(
        "c5.weight shifted",
        &rebuild(&g, &shifted, &d),
        "`c5.weight` is stored",
    );
}

#[test]
fn bool_and_reinterpreted_dtypes_with_a_fixed_crc_are_refused() {
    let g = good();
    let (m, d) = split(&g);
    let bool_native = [&[0xA1][..], &text("Bool"), &text("Native")].concat();
    refused(
        "c1.weight as Bool",
        &rebuild(&g, &with_dtype(&m, "c1.weight", &bool_native), &d),
        "dtype {Bool: Native}",
    );
    for dtype in ["F32", "BF16", "U8", "F64", "I16"] {
        let edited = with_dtype(&m, "c3.weight", &text(dtype));
        refused(
            dtype,
            &rebuild(&g, &edited, &d),
            &format!("`c3.weight` has dtype {dtype}"),
        );
    }
}

#[test]
fn changed_shapes_names_and_extra_fields_with_a_fixed_crc_are_refused() {
    let g = good();
    let (m, d) = split(&g);
    // f6.weight [120, 84] → [84, 120] (same bytes, transposed meaning).
    let at = entry(&m, "f6.weight");
    let transposed = replace(
        &m,
        at,
        &[0x82, 0x18, 120, 0x18, 84],
        &[0x82, 0x18, 84, 0x18, 120],
    );
    refused(
        "f6 transposed",
        &rebuild(&g, &transposed, &d),
        "`f6.weight` has shape [84, 120]",
    );
    let renamed = replace(&m, 0, &text("c1.weight"), &text("c1.weighs"));
    refused("renamed", &rebuild(&g, &renamed, &d), "holds the tensors");
    // An extra top-level entry: {"tensors": …, "metadata": {}}.
    let mut extra = m.clone();
    extra[0] = 0xA2;
    extra.extend([text("metadata"), vec![0xA0]].concat());
    refused(
        "extra key",
        &rebuild(&g, &extra, &d),
        "more or other than its tensor list",
    );
}

#[test]
fn nonzero_reserved_bytes_padding_or_trailing_data_are_refused() {
    let g = good();
    let mut reserved = g.clone();
    reserved[10] = 1; // the header is outside the CRC
    refused("reserved byte", &reserved, "reserved header bytes");
    let (m, d) = split(&g);
    let mut padded = rebuild(&g, &m, &d);
    padded[HEADER + 10 + m.len()] = 7; // inside the zero padding before the data section
    refused("padding", &fix(&padded), "padding before tensor");
    let trailing = rebuild(&g, &m, &[&d[..], &[0u8; 256][..]].concat());
    refused("trailing", &trailing, "its layout needs");
    let truncated_data = rebuild(&g, &m, &d[..d.len() - 2]);
    refused("short data", &truncated_data, "its layout needs");
}

#[test]
fn f16_nan_or_infinity_in_a_parameter_is_refused_naming_it() {
    let g = good();
    let (m, mut d) = split(&g);
    // c3.bias is at data_offsets [5632, 5664]: make its first value +infinity (0x7C00).
    d[5632..5634].copy_from_slice(&0x7C00u16.to_le_bytes());
    refused(
        "inf",
        &rebuild(&g, &m, &d),
        "parameter `c3.bias` holds NaN or infinity",
    );
}

#[test]
fn the_other_variants_file_is_a_wrong_variant_error_not_corruption() {
    let e = Network::from_bytes(&good(), Variant::Modern, Backend::default())
        .err()
        .unwrap();
    assert_eq!(e.code(), Code::WeightsWrongVariant, "{e}");
}

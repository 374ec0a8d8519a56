//! The trained LeNet-5 weights: their file format, and the two files built into the module.
//!
//! A weights file is a small header followed by burn's own record format (a burnpack written
//! by [`burn::module::Module::into_record`]) whose tensors are stored in half precision
//! (f16 halves the download; measured accuracy is unchanged, see README):
//!
//! ```text
//! offset  size  field
//!      0     8  magic  b"CSLENET5"
//!      8     1  format version (1)
//!      9     1  variant: 0 = classic, 1 = modern
//!     10     2  reserved, zero
//!     12     4  payload length, u32 little-endian
//!     16     4  CRC-32 (IEEE 802.3) of the payload, u32 little-endian
//!     20     …  payload: burnpack record, f16 parameters
//! ```
//!
//! The header exists so that corrupt or truncated bytes are reported as an [`Error::Weights`]
//! before burn reads them, and a file of one variant cannot be loaded as the other. Then the
//! payload is checked against the layout `encode` writes ([`super::burnpack`]: every tensor's
//! dtype, shape and offsets, zero padding, finite values) before burn sees it: burn's reader
//! checks structure, not content, and traps on some files a checksum cannot tell apart.

use burn::module::{Module, ModuleMapper, Param};
use burn::tensor::{DType, Device, Tensor};

use super::burnpack;
use crate::backend::upload;
use crate::error::{Error, Result, WeightsError};
use crate::lenet::{LeNet5, Variant};

const MAGIC: &[u8; 8] = b"CSLENET5";
const VERSION: u8 = 1;
const HEADER_LEN: usize = 20;

/// CRC-32 with the IEEE 802.3 polynomial (reflected `0xEDB88320`), as zlib and PNG use.
pub fn crc32(bytes: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            table[i] = c;
            i += 1;
        }
        table
    };
    !bytes.iter().fold(!0u32, |c, &b| {
        TABLE[((c ^ b as u32) & 0xFF) as usize] ^ (c >> 8)
    })
}

fn variant_byte(v: Variant) -> u8 {
    match v {
        Variant::Classic => 0,
        Variant::Modern => 1,
    }
}

/// Casts every float parameter to f16 before recording.
struct ToHalf;

impl ModuleMapper for ToHalf {
    fn map_float<const D: usize>(&mut self, param: Param<Tensor<D>>) -> Param<Tensor<D>> {
        param.map(|t| t.cast(DType::F16))
    }
}

/// Serialises a trained network (its parameters in f16) into the format above.
pub fn encode(model: LeNet5) -> Result<Vec<u8>> {
    let variant = model.variant;
    let payload = model
        .map(&mut ToHalf)
        .into_record()
        .into_bytes()
        .map_err(|e| Error::Backend(format!("burn could not write the record: {e}")))?;
    let payload: &[u8] = &payload;
    let len =
        u32::try_from(payload.len()).map_err(|_| WeightsError::corrupt("payload over 4 GiB"))?;
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&[VERSION, variant_byte(variant), 0, 0]);
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&crc32(payload).to_le_bytes());
    out.extend_from_slice(payload);
    Ok(out)
}

/// Reads a weights file into a network of `variant` on `device`, checking the header, length,
/// checksum and the payload's layout first.
///
/// The checked payload's tensors are converted to f32 and put in place by name
/// ([`burnpack::f32_tensors`]), not through burn's record reader (see there why).
pub fn decode(bytes: &[u8], variant: Variant, device: &Device) -> Result<LeNet5> {
    let payload = checked_payload(bytes, variant)?;
    let mut net = LeNet5::zeroed(variant, device);
    for (name, values) in burnpack::f32_tensors(payload).map_err(WeightsError::corrupt)? {
        let m = &mut net;
        match name.as_str() {
            "c1.weight" => set(&mut m.c1.weight, &values, device),
            "c1.bias" => set_bias(&mut m.c1.bias, &values, device),
            "c3.weight" => set(&mut m.c3.weight, &values, device),
            "c3.bias" => set_bias(&mut m.c3.bias, &values, device),
            "c5.weight" => set(&mut m.c5.weight, &values, device),
            "c5.bias" => set_bias(&mut m.c5.bias, &values, device),
            "f6.weight" => set(&mut m.f6.weight, &values, device),
            "f6.bias" => set_bias(&mut m.f6.bias, &values, device),
            "output.weight" => set(&mut m.output.weight, &values, device),
            "output.bias" => set_bias(&mut m.output.bias, &values, device),
            _ => Err(unexpected(&name)),
        }?;
    }
    Ok(net)
}

/// Replaces parameter `p` by `values` in its own shape (the checked layout guarantees the
/// count; a mismatch is reported, never a panic).
fn set<const D: usize>(
    p: &mut Param<Tensor<D>>,
    values: &[f32],
    device: &Device,
) -> Result<(), WeightsError> {
    let shape: [usize; D] = p.val().dims();
    if shape.iter().product::<usize>() != values.len() {
        return Err(WeightsError::corrupt(format!(
            "a parameter of shape {shape:?} got {} values",
            values.len()
        )));
    }
    *p = Param::from_tensor(upload(values, shape, device));
    Ok(())
}

fn set_bias(
    p: &mut Option<Param<Tensor<1>>>,
    values: &[f32],
    device: &Device,
) -> Result<(), WeightsError> {
    match p {
        Some(p) => set(p, values, device),
        None => Err(unexpected("a bias")),
    }
}

/// A tensor the network has no place for. The checks in [`checked_payload`] make it
/// unreachable (the names are the reference layout's).
fn unexpected(name: &str) -> WeightsError {
    WeightsError::corrupt(format!(
        "the record holds `{name}`, which LeNet-5 has no place for"
    ))
}

/// The payload of weights file `bytes` for `variant`, after checking the header (magic,
/// version, variant, reserved bytes, length), the CRC-32 and the burnpack layout.
pub fn checked_payload(bytes: &[u8], variant: Variant) -> Result<&[u8], WeightsError> {
    let err = |m: String| Err(WeightsError::corrupt(m));
    if bytes.len() < HEADER_LEN {
        return err(format!(
            "{} bytes is shorter than the {HEADER_LEN}-byte header",
            bytes.len()
        ));
    }
    if &bytes[..8] != MAGIC {
        return err("not a convscope LeNet-5 weights file (bad magic)".into());
    }
    if bytes[8] != VERSION {
        return err(format!(
            "format version {} is not supported (expected {VERSION})",
            bytes[8]
        ));
    }
    if bytes[9] > 1 {
        return err(format!(
            "variant byte {} is neither 0 (classic) nor 1 (modern)",
            bytes[9]
        ));
    }
    if bytes[9] != variant_byte(variant) {
        return Err(WeightsError::wrong_variant(format!(
            "these weights are not for the {} variant",
            variant.name()
        )));
    }
    if bytes[10..12] != [0, 0] {
        return err("the reserved header bytes 10-11 are not zero".into());
    }
    let word =
        |at: usize| u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    let (len, crc) = (word(12) as usize, word(16));
    let payload = &bytes[HEADER_LEN..];
    if payload.len() != len {
        return err(format!(
            "payload is {} bytes, header says {len} (truncated or padded file)",
            payload.len()
        ));
    }
    if crc32(payload) != crc {
        return err("checksum mismatch: the file is corrupt".into());
    }
    let reference = reference_layout(variant)?;
    burnpack::check(payload, &reference).map_err(WeightsError::corrupt)?;
    Ok(payload)
}

/// The layout `encode` writes for `variant`: read from the built-in weights, or (in the
/// training module, built without `full-api` and so without them) from encoding a zeroed
/// network, which has the same tensors, dtypes, shapes and offsets.
fn reference_layout(variant: Variant) -> Result<burnpack::Layout, WeightsError> {
    #[cfg(feature = "full-api")]
    let file = std::borrow::Cow::Borrowed(embedded(variant));
    #[cfg(not(feature = "full-api"))]
    let file = std::borrow::Cow::<[u8]>::Owned(
        encode(LeNet5::zeroed(
            variant,
            &crate::backend::Backend::default().device(),
        ))
        .map_err(|e| WeightsError::corrupt(format!("the reference layout: {e}")))?,
    );
    burnpack::layout(&file[HEADER_LEN..])
        .map_err(|m| WeightsError::corrupt(format!("the built-in weights are unreadable: {m}")))
}

/// The trained weights built into the crate (written by `src/bin/train.rs`, committed under
/// `www/assets/weights/`), so the page needs no request beyond the module itself.
pub fn embedded(variant: Variant) -> &'static [u8] {
    match variant {
        Variant::Classic => include_bytes!("../../www/assets/weights/lenet5-classic.bin"),
        Variant::Modern => include_bytes!("../../www/assets/weights/lenet5-modern.bin"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_loads_the_same_parameters_as_burns_record_reader_bit_for_bit() {
        use crate::backend::download;
        let device = crate::backend::Backend::default().device();
        for v in Variant::ALL {
            let payload = checked_payload(embedded(v), v).unwrap();
            let record = burn::store::ModuleRecord::from_bytes(
                burn::tensor::Bytes::from_bytes_vec(payload.to_vec()),
            )
            .unwrap()
            .cast_to_module_dtype();
            let burns = LeNet5::zeroed(v, &device).try_load_record(record).unwrap();
            let ours = decode(embedded(v), v, &device).unwrap();
            let bits = |n: &LeNet5| -> Vec<Vec<u32>> {
                let b = |p: &Option<Param<Tensor<1>>>| download(p.as_ref().unwrap().val()).unwrap();
                [
                    download(n.c1.weight.val()).unwrap(),
                    b(&n.c1.bias),
                    download(n.c3.weight.val()).unwrap(),
                    b(&n.c3.bias),
                    download(n.c5.weight.val()).unwrap(),
                    b(&n.c5.bias),
                    download(n.f6.weight.val()).unwrap(),
                    b(&n.f6.bias),
                    download(n.output.weight.val()).unwrap(),
                    b(&n.output.bias),
                ]
                .iter()
                .map(|xs| xs.iter().map(|x| x.to_bits()).collect())
                .collect()
            };
            assert_eq!(bits(&ours), bits(&burns), "{v:?}");
        }
    }

    #[test]
    fn crc32_of_the_standard_check_string_is_cbf43926() {
        // The "check" value of CRC-32/ISO-HDLC in the CRC catalogue (reveng).
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }
}

//! The trained LeNet-5 weights: their file format, and the two files built into the full module (`pkg/`).
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
use super::tensors::{LayerParams, Tensors, decode_tensors, reference_entries};
use crate::backend::{download, upload};
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
/// checksum and the payload's layout first ([`decode_tensors`]).
///
/// The checked payload's tensors are converted to f32 and put in place by name, not through
/// burn's record reader (see [`burnpack::f32_tensors`] why).
pub fn decode(bytes: &[u8], variant: Variant, device: &Device) -> Result<LeNet5> {
    model(&decode_tensors(bytes, variant)?, variant, device)
}

/// The burn module of `variant` on `device` holding parameters `t`.
pub fn model(t: &Tensors, variant: Variant, device: &Device) -> Result<LeNet5> {
    let mut net = LeNet5::zeroed(variant, device);
    let m = &mut net;
    set(&mut m.c1.weight, &t.c1.weight, device)?;
    set_bias(&mut m.c1.bias, &t.c1.bias, device)?;
    set(&mut m.c3.weight, &t.c3.weight, device)?;
    set_bias(&mut m.c3.bias, &t.c3.bias, device)?;
    set(&mut m.c5.weight, &t.c5.weight, device)?;
    set_bias(&mut m.c5.bias, &t.c5.bias, device)?;
    set(&mut m.f6.weight, &t.f6.weight, device)?;
    set_bias(&mut m.f6.bias, &t.f6.bias, device)?;
    set(&mut m.output.weight, &t.output.weight, device)?;
    set_bias(&mut m.output.bias, &t.output.bias, device)?;
    Ok(net)
}

/// The parameters of burn module `m`, read back to the host (once, when a network is built
/// from a module, e.g. an adapted one in memory).
pub fn tensors_of(m: &LeNet5) -> Result<Tensors> {
    fn layer<const D: usize>(
        name: &str,
        weight: &Param<Tensor<D>>,
        bias: &Option<Param<Tensor<1>>>,
    ) -> Result<LayerParams> {
        let w = weight.val();
        let shape = w.dims().to_vec();
        let bias = bias
            .as_ref()
            .ok_or_else(|| Error::Backend(format!("{name} has no bias")))?;
        Ok(LayerParams {
            weight: download(w)?,
            shape,
            bias: download(bias.val())?,
        })
    }
    // The direct forward pass computes valid, stride-1, ungrouped convolutions only.
    for (name, c) in [("C1", &m.c1), ("C3", &m.c3), ("C5", &m.c5)] {
        if c.stride != [1, 1] || c.dilation != [1, 1] || c.groups != 1 {
            return Err(Error::Backend(format!(
                "{name}: only stride-1, undilated, ungrouped kernels"
            )));
        }
    }
    Ok(Tensors {
        c1: layer("C1", &m.c1.weight, &m.c1.bias)?,
        c3: layer("C3", &m.c3.weight, &m.c3.bias)?,
        c5: layer("C5", &m.c5.weight, &m.c5.bias)?,
        f6: layer("F6", &m.f6.weight, &m.f6.bias)?,
        output: layer("output", &m.output.weight, &m.output.bias)?,
    })
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
        None => Err(WeightsError::corrupt("the network has no place for a bias")),
    }
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
    burnpack::check(payload, &reference_entries()).map_err(WeightsError::corrupt)?;
    Ok(payload)
}

/// The trained weights built into the full module (written by `src/bin/train.rs`, committed
/// under `www/assets/weights/`, which the student page's module fetches instead: README
/// "Layout", `pkg-lenet/`).
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
    fn the_reference_layout_is_the_one_encode_writes_and_the_shipped_files_have() {
        let device = crate::backend::Backend::default().device();
        for v in Variant::ALL {
            let zeroed = encode(LeNet5::zeroed(v, &device)).unwrap();
            for file in [embedded(v), &zeroed] {
                let got = burnpack::layout(&file[HEADER_LEN..]).unwrap();
                assert_eq!(got.entries, reference_entries(), "{v:?}");
            }
        }
    }

    #[test]
    fn crc32_of_the_standard_check_string_is_cbf43926() {
        // The "check" value of CRC-32/ISO-HDLC in the CRC catalogue (reveng).
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }
}

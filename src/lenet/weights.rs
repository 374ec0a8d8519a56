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
use burn::store::ModuleRecord;
use burn::tensor::{DType, Device, Tensor};

use super::burnpack;
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
pub fn decode(bytes: &[u8], variant: Variant, device: &Device) -> Result<LeNet5> {
    let payload = checked_payload(bytes, variant)?;
    let record = ModuleRecord::from_bytes(burn::tensor::Bytes::from_bytes_vec(payload.to_vec()))
        .map_err(unreadable)?
        .cast_to_module_dtype();
    Ok(LeNet5::zeroed(variant, device)
        .try_load_record(record)
        .map_err(unreadable)?)
}

/// What a failure of burn's reader becomes. The checks in [`checked_payload`] make it
/// unreachable; burn's own text (debug output) stays out of the message.
fn unreadable<E>(_: E) -> WeightsError {
    WeightsError::corrupt("burn could not read the checked record")
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
    fn crc32_of_the_standard_check_string_is_cbf43926() {
        // The "check" value of CRC-32/ISO-HDLC in the CRC catalogue (reveng).
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }
}

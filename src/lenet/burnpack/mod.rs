//! A strict reader of the burnpack container (burn's record format) as
//! [`super::weights::encode`] writes it, so that a weights file is checked completely before
//! burn reads it: burn's reader checks structure, not content, and a file with a valid checksum
//! but edited metadata (a misaligned offset, a `Bool` or reinterpreted dtype, a shifted tensor)
//! used to trap inside burn or load a network that answers nonsense.
//!
//! ```text
//! offset            size  field
//!      0               4  magic 0x4255524E ("NRUB" on disk), u32 little-endian
//!      4               2  format version (1), u16 little-endian
//!      6               4  metadata length M, u32 little-endian
//!     10               M  CBOR: {"tensors": {name: {dtype, shape, data_offsets, param_id}}}
//!   10+M               …  zero padding up to the next multiple of 256: the data section
//!      …               …  each tensor at its data_offsets (relative to the data section),
//!                         zero padding between tensors, nothing after the last one
//! ```
//!
//! Only what `encode` produces is accepted: definite-length CBOR maps, arrays, text and
//! unsigned integers; exactly the tensors, dtypes, shapes and offsets of a reference file
//! written by `encode`; zero padding; finite f16 values.

use self::cbor::{Cbor, item};
use super::half::f16_to_f32;

mod cbor;

const MAGIC: u32 = 0x4255_524E;
const VERSION: u16 = 1;
const HEADER_LEN: usize = 10;
const ALIGN: usize = 256;
/// One tensor as the metadata describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub name: String,
    dtype: Cbor,
    shape: Cbor,
    offsets: Cbor,
}

/// A burnpack's metadata, read strictly: its tensors (sorted by name, as written) and where
/// the metadata ends and the data section starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub entries: Vec<Entry>,
    metadata_end: usize,
    data_start: usize,
}

fn u32_le(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

/// Reads the header and metadata of burnpack `p`.
pub fn layout(p: &[u8]) -> Result<Layout, String> {
    if p.len() < HEADER_LEN {
        return Err("the record is shorter than its header".into());
    }
    if u32_le(p, 0) != MAGIC {
        return Err("the record does not start with burnpack's magic number".into());
    }
    let version = u16::from_le_bytes([p[4], p[5]]);
    if version != VERSION {
        return Err(format!(
            "burnpack version {version} is not the one encode writes ({VERSION})"
        ));
    }
    let len = u32_le(p, 6) as usize;
    let metadata_end = HEADER_LEN
        .checked_add(len)
        .filter(|&e| e <= p.len())
        .ok_or("the record's metadata runs past its end")?;
    let b = &p[HEADER_LEN..metadata_end];
    let mut at = 0;
    let root = item(b, &mut at, 0)?;
    if at != b.len() {
        return Err("the record's metadata has bytes after its end".into());
    }
    let Cbor::Map(root) = root else {
        return Err("the record's metadata is not a map".into());
    };
    let [(key, Cbor::Map(tensors))] = root.as_slice() else {
        return Err("the record's metadata holds more or other than its tensor list".into());
    };
    if key != "tensors" {
        return Err(format!(
            "the record's metadata holds `{key}` instead of `tensors`"
        ));
    }
    let mut entries = Vec::with_capacity(tensors.len());
    for (name, desc) in tensors {
        let Cbor::Map(fields) = desc else {
            return Err(format!("tensor `{name}` has no descriptor"));
        };
        let field = |k: &str| fields.iter().find(|(f, _)| f == k).map(|(_, v)| v.clone());
        for (f, v) in fields {
            let known = matches!(f.as_str(), "dtype" | "shape" | "data_offsets")
                || (f == "param_id" && matches!(v, Cbor::Uint(_)));
            if !known {
                return Err(format!("tensor `{name}` has the field `{f}: {}`", v.show()));
            }
        }
        let missing = |k: &str| format!("tensor `{name}` has no `{k}`");
        entries.push(Entry {
            name: name.clone(),
            dtype: field("dtype").ok_or_else(|| missing("dtype"))?,
            shape: field("shape").ok_or_else(|| missing("shape"))?,
            offsets: field("data_offsets").ok_or_else(|| missing("data_offsets"))?,
        });
    }
    Ok(Layout {
        entries,
        metadata_end,
        data_start: metadata_end.div_ceil(ALIGN) * ALIGN,
    })
}

/// Where a checked tensor's f16 values are in the record.
fn byte_range(e: &Entry, data_start: usize) -> Option<std::ops::Range<usize>> {
    let Cbor::Array(o) = &e.offsets else {
        return None;
    };
    let [Cbor::Uint(a), Cbor::Uint(b)] = o.as_slice() else {
        return None;
    };
    Some(data_start + *a as usize..data_start + *b as usize)
}

/// The entries `encode` writes for `tensors` (name and shape of each, in the module's order):
/// f16 values, each tensor's data at the first multiple of 256 bytes after the previous one's
/// end, listed by name. What a weights file is checked against, without burn.
pub fn expected_entries(tensors: &[(&str, &[usize])]) -> Vec<Entry> {
    let uint = |n: usize| Cbor::Uint(n as u64);
    let mut at = 0usize;
    let mut entries: Vec<Entry> = tensors
        .iter()
        .map(|&(name, shape)| {
            let start = at.div_ceil(ALIGN) * ALIGN;
            at = start + 2 * shape.iter().product::<usize>();
            Entry {
                name: name.to_string(),
                dtype: Cbor::Text("F16".into()),
                shape: Cbor::Array(shape.iter().map(|&d| uint(d)).collect()),
                offsets: Cbor::Array(vec![uint(start), uint(at)]),
            }
        })
        .collect();
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    entries
}

/// Checks burnpack `p` against `reference` (the entries of a file `encode` wrote,
/// [`expected_entries`]): the same tensors with the same dtypes, shapes and offsets, zero
/// padding, nothing after the last tensor, and no NaN or infinity among the f16 values.
pub fn check(p: &[u8], reference: &[Entry]) -> Result<(), String> {
    let got = layout(p)?;
    let names = |l: &[Entry]| l.iter().map(|e| e.name.clone()).collect::<Vec<_>>();
    if names(&got.entries) != names(reference) {
        return Err(format!(
            "the record holds the tensors {:?}, expected {:?}",
            names(&got.entries),
            names(reference)
        ));
    }
    for (g, r) in got.entries.iter().zip(reference) {
        let n = &g.name;
        if g.dtype != r.dtype {
            return Err(format!(
                "tensor `{n}` has dtype {}, expected {}",
                g.dtype.show(),
                r.dtype.show()
            ));
        }
        if g.shape != r.shape {
            return Err(format!(
                "tensor `{n}` has shape {}, expected {}",
                g.shape.show(),
                r.shape.show()
            ));
        }
        if g.offsets != r.offsets {
            return Err(format!(
                "tensor `{n}` is stored at data_offsets {}, expected {}",
                g.offsets.show(),
                r.offsets.show()
            ));
        }
    }
    // The reference's ranges are well-formed and sorted by position once sorted here.
    let mut ranges: Vec<(std::ops::Range<usize>, &str)> = Vec::new();
    for e in &got.entries {
        let r = byte_range(e, got.data_start).ok_or("the reference layout is malformed")?;
        ranges.push((r, e.name.as_str()));
    }
    ranges.sort_by_key(|(r, _)| r.start);
    let end = ranges.last().map_or(got.data_start, |(r, _)| r.end);
    if p.len() != end {
        return Err(format!(
            "the record is {} bytes, its layout needs {end}",
            p.len()
        ));
    }
    let mut gap_start = got.metadata_end;
    for (r, name) in &ranges {
        let (Some(gap), Some(values)) = (p.get(gap_start..r.start), p.get(r.clone())) else {
            return Err("the reference layout is malformed".into());
        };
        if gap.iter().any(|&x| x != 0) {
            return Err(format!("the padding before tensor `{name}` is not zero"));
        }
        let finite = values
            .chunks_exact(2)
            .all(|h| u16::from_le_bytes([h[0], h[1]]) & 0x7C00 != 0x7C00);
        if !finite {
            return Err(format!(
                "parameter `{name}` holds NaN or infinity: these are not trained weights"
            ));
        }
        gap_start = r.end;
    }
    Ok(())
}

/// The tensors of burnpack `p`, already [`check`]ed against its reference layout, as f32
/// values by name (`c1.weight`, `c1.bias`, …), in the layout's order.
///
/// The f16 → f32 conversion is done here rather than by burn's record reader: burn's goes
/// through its generic dtype-to-dtype cast (one ~220 KB wasm function), which the 61,706
/// values make hot on every load, so the browser compiled it again with its optimising tier
/// at start-up (seconds of CPU on a two-core machine). Exact: every f16 is an f32.
pub fn f32_tensors(p: &[u8]) -> Result<Vec<(String, Vec<f32>)>, String> {
    let l = layout(p)?;
    l.entries
        .iter()
        .map(|e| {
            let values = byte_range(e, l.data_start)
                .and_then(|r| p.get(r))
                .ok_or_else(|| format!("tensor `{}` lies outside the record", e.name))?;
            let values = values
                .chunks_exact(2)
                .map(|h| f16_to_f32(u16::from_le_bytes([h[0], h[1]])))
                .collect();
            Ok((e.name.clone(), values))
        })
        .collect()
}

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

use super::half::f16_to_f32;

const MAGIC: u32 = 0x4255_524E;
const VERSION: u16 = 1;
const HEADER_LEN: usize = 10;
const ALIGN: usize = 256;
/// Deepest CBOR nesting `encode` writes is 4 (root → tensors → entry → shape).
const MAX_DEPTH: usize = 6;
/// Most items in one CBOR array or map (`encode` writes at most 10 tensors, 4 fields, 4 axes);
/// keeps the duplicate-key check and every allocation small.
const MAX_ITEMS: u64 = 64;

/// A CBOR value of the subset `encode` writes.
#[derive(Debug, Clone, PartialEq)]
enum Cbor {
    Uint(u64),
    Text(String),
    Array(Vec<Cbor>),
    Map(Vec<(String, Cbor)>),
}

impl Cbor {
    /// Compact text for messages: `F16`, `{Bool: Native}`, `[1, 301]`.
    fn show(&self) -> String {
        match self {
            Cbor::Uint(n) => n.to_string(),
            Cbor::Text(s) => s.clone(),
            Cbor::Array(v) => {
                let parts: Vec<String> = v.iter().map(Cbor::show).collect();
                format!("[{}]", parts.join(", "))
            }
            Cbor::Map(m) => {
                let parts: Vec<String> = m
                    .iter()
                    .map(|(k, v)| format!("{k}: {}", v.show()))
                    .collect();
                format!("{{{}}}", parts.join(", "))
            }
        }
    }
}

/// Reads one CBOR item at `*at`, advancing it. Every length is checked against the bytes left
/// before anything is allocated, so no claim in the file can make it allocate more than the
/// file's own size.
fn item(b: &[u8], at: &mut usize, depth: usize) -> Result<Cbor, String> {
    if depth > MAX_DEPTH {
        return Err("metadata is nested deeper than a weights file's".into());
    }
    let head = *b.get(*at).ok_or("metadata ends inside an item")?;
    *at += 1;
    let (major, info) = (head >> 5, head & 0x1F);
    let width = match info {
        0..=23 => 0,
        24 => 1,
        25 => 2,
        26 => 4,
        27 => 8,
        _ => {
            return Err(format!(
                "metadata holds an item (0x{head:02x}) that encode never writes"
            ));
        }
    };
    let arg = if width == 0 {
        u64::from(info)
    } else {
        let bytes = b
            .get(*at..*at + width)
            .ok_or("metadata ends inside an item")?;
        *at += width;
        bytes.iter().fold(0u64, |acc, &x| (acc << 8) | u64::from(x))
    };
    let left = (b.len() - *at) as u64;
    match major {
        0 => Ok(Cbor::Uint(arg)),
        3 => {
            if arg > left {
                return Err("metadata text runs past its end".into());
            }
            let end = *at + arg as usize;
            let s = std::str::from_utf8(&b[*at..end]).map_err(|_| "metadata text is not UTF-8")?;
            *at = end;
            Ok(Cbor::Text(s.to_string()))
        }
        4 | 5 if arg > MAX_ITEMS => Err(format!(
            "metadata has a list of {arg} items, more than a weights file's"
        )),
        4 => {
            if arg > left {
                return Err("metadata array is longer than the metadata".into());
            }
            let mut v = Vec::with_capacity(arg as usize);
            for _ in 0..arg {
                v.push(item(b, at, depth + 1)?);
            }
            Ok(Cbor::Array(v))
        }
        5 => {
            if arg.saturating_mul(2) > left {
                return Err("metadata map is longer than the metadata".into());
            }
            let mut m: Vec<(String, Cbor)> = Vec::with_capacity(arg as usize);
            for _ in 0..arg {
                let Cbor::Text(k) = item(b, at, depth + 1)? else {
                    return Err("metadata map has a key that is not text".into());
                };
                if m.iter().any(|(seen, _)| *seen == k) {
                    return Err(format!("metadata has the key `{k}` twice"));
                }
                let v = item(b, at, depth + 1)?;
                m.push((k, v));
            }
            Ok(Cbor::Map(m))
        }
        _ => Err(format!(
            "metadata holds an item (0x{head:02x}) that encode never writes"
        )),
    }
}

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

/// Checks burnpack `p` against `reference` (a file `encode` wrote): the same tensors with the
/// same dtypes, shapes and offsets, zero padding, nothing after the last tensor, and no NaN
/// or infinity among the f16 values.
pub fn check(p: &[u8], reference: &Layout) -> Result<(), String> {
    let got = layout(p)?;
    let names = |l: &Layout| l.entries.iter().map(|e| e.name.clone()).collect::<Vec<_>>();
    if names(&got) != names(reference) {
        return Err(format!(
            "the record holds the tensors {:?}, expected {:?}",
            names(&got),
            names(reference)
        ));
    }
    for (g, r) in got.entries.iter().zip(&reference.entries) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cbor_lengths_larger_than_the_input_are_refused_before_allocating() {
        // An array claiming 2^32 items, a map claiming 2^32 pairs, text claiming 2^32 bytes.
        for bytes in [
            vec![0x9A, 0xFF, 0xFF, 0xFF, 0xFF],
            vec![0xBA, 0xFF, 0xFF, 0xFF, 0xFF],
            vec![0x7A, 0xFF, 0xFF, 0xFF, 0xFF],
        ] {
            assert!(item(&bytes, &mut 0, 0).is_err(), "{bytes:?}");
        }
    }

    #[test]
    fn cbor_items_encode_never_writes_are_refused() {
        // Negative integer, byte string, float, indefinite-length array, tag, duplicate key.
        for bytes in [
            vec![0x20],
            vec![0x41, 0x00],
            vec![0xF9, 0x3C, 0x00],
            vec![0x9F, 0xFF],
            vec![0xC0, 0x00],
            vec![0xA2, 0x61, b'a', 0x00, 0x61, b'a', 0x01],
            [vec![0x98, 65], vec![0x00; 65]].concat(),
        ] {
            assert!(item(&bytes, &mut 0, 0).is_err(), "{bytes:?}");
        }
    }

    #[test]
    fn cbor_nesting_deeper_than_a_weights_file_is_refused() {
        let deep = [vec![0x81; 100], vec![0x00]].concat();
        assert!(item(&deep, &mut 0, 0).is_err());
        assert_eq!(
            item(&[0x82, 0x01, 0x18, 0xFF], &mut 0, 0),
            Ok(Cbor::Array(vec![Cbor::Uint(1), Cbor::Uint(255)]))
        );
    }
}

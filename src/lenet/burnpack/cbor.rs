//! The subset of CBOR (RFC 8949) that burnpack's metadata uses as `encode` writes it:
//! definite-length maps, arrays, text and unsigned integers, read strictly (anything else, a
//! duplicate key, nesting or lengths beyond a weights file's are refused before allocating).

/// Deepest CBOR nesting `encode` writes is 4 (root → tensors → entry → shape).
const MAX_DEPTH: usize = 6;
/// Most items in one CBOR array or map (`encode` writes at most 10 tensors, 4 fields, 4 axes);
/// keeps the duplicate-key check and every allocation small.
const MAX_ITEMS: u64 = 64;

/// A CBOR value of the subset `encode` writes.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Cbor {
    Uint(u64),
    Text(String),
    Array(Vec<Cbor>),
    Map(Vec<(String, Cbor)>),
}

impl Cbor {
    /// Compact text for messages: `F16`, `{Bool: Native}`, `[1, 301]`.
    pub(super) fn show(&self) -> String {
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
pub(super) fn item(b: &[u8], at: &mut usize, depth: usize) -> Result<Cbor, String> {
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

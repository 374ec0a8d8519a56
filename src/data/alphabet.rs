//! The built-in demo alphabets for transfer learning (`www/assets/alphabets.bin.gz`): small
//! sets of new symbols (Hangul consonants, math symbols), 28×28 `u8` images made MNIST-like by
//! the same preprocessing a drawing goes through. Written by `examples/make_alphabets.rs`;
//! this is the one reader (native tests, the experiment example, and the wasm `AlphabetSet`).
//!
//! Format "CSAB" version 1 (the bytes before gzip), integers little-endian:
//!
//! ```text
//! offset  size  field
//!      0     4  magic b"CSAB"
//!      4     4  version (1), u32
//!      8     4  payload length, u32
//!     12     4  CRC-32 (IEEE) of the payload, u32
//!     16     …  payload:
//!               u8 A (alphabets, 1..=16), then per alphabet:
//!                 u8 len + id (UTF-8), u8 len + English name (UTF-8),
//!                 u8 C (classes, 2..=10), per class u8 len + label (UTF-8),
//!                 u16 P (images per class, ≥ 1)
//!               then the pixels: alphabet by alphabet, class by class, P × 784 bytes each
//!               (row-major, 0 = background, 255 = ink)
//! ```
//!
//! The file is shipped gzipped; the browser inflates it (`DecompressionStream`), native code
//! with [`AlphabetSet::read_gz`]. Gzipped bytes given to [`AlphabetSet::decode`] are refused
//! with a message saying so.

use crate::data::rng::Rng;
use crate::error::{Error, Result};
use crate::lenet::IMAGE_PIXELS;
use crate::lenet::weights::crc32;

const MAGIC: &[u8; 4] = b"CSAB";
const VERSION: u32 = 1;
const HEADER_LEN: usize = 16;
/// Limits of the format (a class count fits LeNet-5's 10 outputs).
pub const MAX_ALPHABETS: usize = 16;
pub const MIN_CLASSES: usize = 2;
pub const MAX_CLASSES: usize = 10;

/// One alphabet: its classes and `per_class` images of each.
#[derive(Debug, Clone, PartialEq)]
pub struct Alphabet {
    pub id: String,
    pub name: String,
    pub classes: Vec<String>,
    pub per_class: usize,
    /// Class-major: class 0's images, then class 1's, … (784 bytes each).
    pub pixels: Vec<u8>,
}

/// Labelled images.
///
/// # Shapes
/// - `pixels`: `[k * 784]` ink in [0, 1]; `labels`: `[k]`
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Examples {
    pub pixels: Vec<f32>,
    pub labels: Vec<u8>,
}

impl Examples {
    /// Adds one image (784 values) with its label.
    pub fn push(&mut self, pixels: Vec<f32>, label: u8) {
        self.pixels.extend(pixels);
        self.labels.push(label);
    }
}

/// Training examples and held-out test images of one alphabet.
#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    pub classes: Vec<String>,
    pub train: Examples,
    pub test: Examples,
}

impl Alphabet {
    /// Image `i` of class `class` (784 bytes), or `None` out of range.
    pub fn image(&self, class: usize, i: usize) -> Option<&[u8]> {
        if class >= self.classes.len() || i >= self.per_class {
            return None;
        }
        let at = (class * self.per_class + i) * IMAGE_PIXELS;
        self.pixels.get(at..at + IMAGE_PIXELS)
    }

    /// Image `i` of class `class` as ink in [0, 1].
    pub fn ink(&self, class: usize, i: usize) -> Option<Vec<f32>> {
        self.image(class, i)
            .map(|p| p.iter().map(|&b| b as f32 / 255.0).collect())
    }

    /// `shots` training examples per class, drawn with `seed` from each class's first
    /// `per_class − held_out` images, and the last `held_out` images of every class as the
    /// test set (the same for every seed and every `shots`). `None` when the pool is too small.
    pub fn split(&self, shots: usize, seed: u64, held_out: usize) -> Option<Split> {
        let pool = self.per_class.checked_sub(held_out)?;
        if shots == 0 || shots > pool || held_out == 0 {
            return None;
        }
        let mut rng = Rng::new(seed);
        let (mut train, mut test) = (Examples::default(), Examples::default());
        for c in 0..self.classes.len() {
            let mut idx: Vec<usize> = (0..pool).collect();
            rng.shuffle(&mut idx);
            for &i in &idx[..shots] {
                train.push(self.ink(c, i)?, c as u8);
            }
            for i in pool..self.per_class {
                test.push(self.ink(c, i)?, c as u8);
            }
        }
        Some(Split {
            classes: self.classes.clone(),
            train,
            test,
        })
    }
}

/// The alphabets of one file.
#[derive(Debug, Clone, PartialEq)]
pub struct AlphabetSet {
    pub alphabets: Vec<Alphabet>,
}

fn corrupt<T>(m: impl Into<String>) -> Result<T> {
    Err(Error::Data(format!("alphabet file: {}", m.into())))
}

/// A cursor over the payload that reports running out of bytes as corruption.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        match self.bytes.get(self.at..self.at.saturating_add(n)) {
            Some(s) => {
                self.at += n;
                Ok(s)
            }
            None => corrupt(format!("truncated at byte {}", self.at)),
        }
    }

    fn u8(&mut self) -> Result<usize> {
        Ok(self.take(1)?[0] as usize)
    }

    fn text(&mut self) -> Result<String> {
        let n = self.u8()?;
        let s = std::str::from_utf8(self.take(n)?);
        match s {
            Ok(s) if !s.is_empty() => Ok(s.to_string()),
            _ => corrupt("an empty or non-UTF-8 name"),
        }
    }
}

impl AlphabetSet {
    pub fn get(&self, id: &str) -> Option<&Alphabet> {
        self.alphabets.iter().find(|a| a.id == id)
    }

    /// Reads a "CSAB" file (not gzipped), checking every field.
    pub fn decode(bytes: &[u8]) -> Result<Self> {
        if bytes.starts_with(&[0x1f, 0x8b]) {
            return corrupt("these bytes are gzip-compressed: inflate them first");
        }
        if bytes.len() < HEADER_LEN || &bytes[..4] != MAGIC {
            return corrupt("not an alphabet file (bad magic)");
        }
        let word = |at: usize| {
            u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
        };
        if word(4) != VERSION {
            return corrupt(format!("version {} is not supported", word(4)));
        }
        let payload = &bytes[HEADER_LEN..];
        if payload.len() != word(8) as usize {
            return corrupt("truncated or padded (payload length)");
        }
        if crc32(payload) != word(12) {
            return corrupt("checksum mismatch");
        }
        let mut r = Reader {
            bytes: payload,
            at: 0,
        };
        let a = r.u8()?;
        if a == 0 || a > MAX_ALPHABETS {
            return corrupt(format!("{a} alphabets"));
        }
        let mut heads = Vec::with_capacity(a);
        for _ in 0..a {
            let (id, name) = (r.text()?, r.text()?);
            let c = r.u8()?;
            if !(MIN_CLASSES..=MAX_CLASSES).contains(&c) {
                return corrupt(format!("alphabet {id:?} has {c} classes"));
            }
            let classes = (0..c).map(|_| r.text()).collect::<Result<Vec<_>>>()?;
            let p = r.take(2)?;
            let per_class = u16::from_le_bytes([p[0], p[1]]) as usize;
            if per_class == 0 {
                return corrupt(format!("alphabet {id:?} has no images"));
            }
            if heads
                .iter()
                .any(|(other, ..): &(String, _, _, _)| *other == id)
            {
                return corrupt(format!("alphabet {id:?} twice"));
            }
            heads.push((id, name, classes, per_class));
        }
        let mut alphabets = Vec::with_capacity(a);
        for (id, name, classes, per_class) in heads {
            let n = classes.len() * per_class * IMAGE_PIXELS;
            let pixels = r.take(n)?.to_vec();
            alphabets.push(Alphabet {
                id,
                name,
                classes,
                per_class,
                pixels,
            });
        }
        if r.at != payload.len() {
            return corrupt(format!(
                "{} bytes after the last image",
                payload.len() - r.at
            ));
        }
        Ok(Self { alphabets })
    }

    /// Writes the format above (what the generator stores before gzip).
    pub fn encode(&self) -> Result<Vec<u8>> {
        let mut p = vec![self.alphabets.len() as u8];
        let text = |p: &mut Vec<u8>, s: &str| -> Result<()> {
            if s.is_empty() || s.len() > 255 {
                return corrupt(format!("name {s:?} is empty or over 255 bytes"));
            }
            p.push(s.len() as u8);
            p.extend_from_slice(s.as_bytes());
            Ok(())
        };
        for a in &self.alphabets {
            text(&mut p, &a.id)?;
            text(&mut p, &a.name)?;
            p.push(a.classes.len() as u8);
            for c in &a.classes {
                text(&mut p, c)?;
            }
            let per = u16::try_from(a.per_class).or_else(|_| corrupt("over 65535 images"))?;
            p.extend_from_slice(&per.to_le_bytes());
        }
        for a in &self.alphabets {
            if a.pixels.len() != a.classes.len() * a.per_class * IMAGE_PIXELS {
                return corrupt(format!("alphabet {:?}: pixel count", a.id));
            }
            p.extend_from_slice(&a.pixels);
        }
        let mut out = Vec::with_capacity(HEADER_LEN + p.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(p.len() as u32).to_le_bytes());
        out.extend_from_slice(&crc32(&p).to_le_bytes());
        out.extend_from_slice(&p);
        // The same checks a reader makes.
        Self::decode(&out)?;
        Ok(out)
    }

    /// Reads the gzipped file at `path` (native only).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn read_gz(path: &std::path::Path) -> Result<Self> {
        use std::io::Read;
        let file =
            std::fs::read(path).map_err(|e| Error::Data(format!("{}: {e}", path.display())))?;
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(file.as_slice())
            .read_to_end(&mut bytes)
            .map_err(|e| Error::Data(format!("{}: {e}", path.display())))?;
        Self::decode(&bytes)
    }
}

/// Where the demo set is, from the crate root (the page fetches the same file).
pub const DEMO_PATH: &str = "www/assets/alphabets.bin.gz";

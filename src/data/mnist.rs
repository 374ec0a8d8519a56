//! Reading MNIST from its standard gzipped IDX files (LeCun, Cortes, Burges), with the
//! checksums and label counts published beside the data (`../shared/mnist/README.md`) checked,
//! so a corrupt or truncated copy fails with a message naming the file instead of training on
//! garbage. Native only: the browser never reads the data set.
//!
//! IDX: big-endian `u32` magic (`0x00000803` images, `0x00000801` labels), then one `u32` per
//! dimension, then the bytes, row-major.

use std::io::Read;
use std::path::{Path, PathBuf};

use flate2::read::GzDecoder;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::lenet::IMAGE_PIXELS;

/// The two standard splits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    Train,
    Test,
}

struct Files {
    images: &'static str,
    labels: &'static str,
    images_sha256: &'static str,
    labels_sha256: &'static str,
    count: usize,
    label_counts: [usize; 10],
}

impl Split {
    fn files(self) -> Files {
        match self {
            Split::Train => Files {
                images: "train-images-idx3-ubyte.gz",
                labels: "train-labels-idx1-ubyte.gz",
                images_sha256: "0b367032e93c5d0cea0925647cfdb18614af8ee15f83e6f2fc2ad904a6835971",
                labels_sha256: "1787548bbe0bff1ec2ecdc0ef292b02df999e2d1a6002d27500982c652b17203",
                count: 60_000,
                label_counts: [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949],
            },
            Split::Test => Files {
                images: "t10k-images-idx3-ubyte.gz",
                labels: "t10k-labels-idx1-ubyte.gz",
                images_sha256: "1a1a05eab793c14bb050b398624a11b0ffd1a2953baed553b1b9bd079e2a20be",
                labels_sha256: "b91679a0acfe4ba0e50a2437a903084cba1f5f92592b016a25a7dfd00455798b",
                count: 10_000,
                label_counts: [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009],
            },
        }
    }
}

/// One split in memory: `images` holds `len() * 784` bytes (0 = background, 255 = ink).
#[derive(Debug, Clone)]
pub struct Mnist {
    pub images: Vec<u8>,
    pub labels: Vec<u8>,
}

impl Mnist {
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The 784 bytes of image `i`.
    pub fn image(&self, i: usize) -> &[u8] {
        &self.images[i * IMAGE_PIXELS..(i + 1) * IMAGE_PIXELS]
    }

    /// Loads `split` from `dir`, verifying checksums, headers, sizes and label counts.
    pub fn load(dir: &Path, split: Split) -> Result<Self> {
        let f = split.files();
        let images = read_idx(
            &dir.join(f.images),
            f.images_sha256,
            0x0803,
            &[f.count, 28, 28],
        )?;
        let labels = read_idx(&dir.join(f.labels), f.labels_sha256, 0x0801, &[f.count])?;
        let mut counts = [0usize; 10];
        for &l in &labels {
            let slot = counts
                .get_mut(l as usize)
                .ok_or_else(|| Error::Data(format!("{}: label {l} is not a digit", f.labels)))?;
            *slot += 1;
        }
        if counts != f.label_counts {
            return Err(Error::Data(format!(
                "{}: label counts {counts:?} differ from the published {:?}",
                f.labels, f.label_counts
            )));
        }
        Ok(Self { images, labels })
    }
}

fn data_err(path: &Path, m: impl std::fmt::Display) -> Error {
    Error::Data(format!("{}: {m}", path.display()))
}

/// Reads one gzipped IDX file, checking its SHA-256, magic number and dimensions.
fn read_idx(path: &PathBuf, sha256: &str, magic: u32, dims: &[usize]) -> Result<Vec<u8>> {
    let gz = std::fs::read(path).map_err(|e| data_err(path, e))?;
    let digest: String = Sha256::digest(&gz)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    if digest != sha256 {
        return Err(data_err(
            path,
            format!("SHA-256 is {digest}, expected {sha256}: the file is corrupt or truncated"),
        ));
    }
    let mut raw = Vec::new();
    GzDecoder::new(&gz[..])
        .read_to_end(&mut raw)
        .map_err(|e| data_err(path, format!("gzip: {e}")))?;
    let header_len = 4 + 4 * dims.len();
    if raw.len() < header_len {
        return Err(data_err(path, "shorter than its IDX header"));
    }
    let word =
        |i: usize| u32::from_be_bytes([raw[4 * i], raw[4 * i + 1], raw[4 * i + 2], raw[4 * i + 3]]);
    if word(0) != magic {
        return Err(data_err(
            path,
            format!("IDX magic {:#010x}, expected {magic:#010x}", word(0)),
        ));
    }
    for (i, &d) in dims.iter().enumerate() {
        if word(1 + i) as usize != d {
            return Err(data_err(
                path,
                format!("IDX dimension {i} is {}, expected {d}", word(1 + i)),
            ));
        }
    }
    let expected: usize = dims.iter().product();
    if raw.len() - header_len != expected {
        return Err(data_err(
            path,
            format!("{} data bytes, expected {expected}", raw.len() - header_len),
        ));
    }
    raw.drain(..header_len);
    Ok(raw)
}

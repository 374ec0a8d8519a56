//! An adapted network outside the trainer: [`AdaptedNet`] (classify a drawing with the new
//! classes, every layer's values for the probe view) and its file, "CSXF": the existing
//! LeNet-5 weights file ([`crate::lenet::weights`], f16) whose 10-way output layer holds the
//! `n`-class head (unused outputs: zero weights, bias −10⁴, probability 0), plus the class
//! labels. `LeNet5.fromBytes` reads the embedded weights file as it is.
//!
//! ```text
//! offset  size  field (integers little-endian)
//!      0     4  magic b"CSXF"
//!      4     1  version (1)
//!      5     1  n, classes (2..=10)
//!      6     1  variant: 0 = classic, 1 = modern
//!      7     1  reserved, zero
//!      8     …  n labels: u8 length + UTF-8
//!      …     4  W, length of the weights file, u32
//!      …     W  the weights file (magic "CSLENET5")
//!      …     4  CRC-32 (IEEE) of every byte before it
//! ```

use super::params::{self, HostLayer};
use super::transfer_net::{self, pad_head};
use super::transfer_task::{check_classes, is_blank};
use crate::backend::Backend;
use crate::error::{Code, Error, ParamError, Result};
use crate::lenet::inspect::{Forward, Network};
use crate::lenet::weights::{self, crc32};
use crate::lenet::{IMAGE_PIXELS, Variant};

const MAGIC: &[u8; 4] = b"CSXF";
const VERSION: u8 = 1;

/// A network adapted to `classes`, ready to classify.
#[derive(Debug)]
pub struct AdaptedNet {
    classes: Vec<String>,
    variant: Variant,
    /// The 10-way network with the padded head.
    network: Network,
    /// Its layers on the host (C1…F6, the padded head), for export.
    layers: Vec<HostLayer>,
}

/// One drawing classified: the `n` probabilities, the top class, and every layer's values as
/// `LeNet5.forward` reports them (output: `[n]`).
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    pub probabilities: Vec<f32>,
    pub top: usize,
    pub forward: Forward,
}

fn corrupt<T>(m: &str) -> Result<T> {
    Err(Error::Data(format!("adapted network file: {m}")))
}

impl AdaptedNet {
    /// From the layers of a trained adapted network (C1…F6 and the `n`-class head).
    pub fn from_layers(
        layers: &[HostLayer],
        classes: Vec<String>,
        variant: Variant,
    ) -> Result<Self> {
        let mut padded = layers[..4].to_vec();
        padded.push(pad_head(&layers[4]));
        let device = Backend::default().device();
        let network = Network::from_model(params::build(&padded, variant, &device), device)?;
        Ok(Self {
            classes,
            variant,
            network,
            layers: padded,
        })
    }

    pub fn classes(&self) -> &[String] {
        &self.classes
    }

    pub fn variant(&self) -> Variant {
        self.variant
    }

    /// Classifies one drawing (`[784]`, ink in [0, 1]); a blank one is a `blank_drawing` error.
    pub fn predict(&self, op: &'static str, pixels: &[f32]) -> Result<Prediction> {
        if pixels.len() == IMAGE_PIXELS && is_blank(pixels) {
            return Err(
                ParamError::new(op, "pixels", "the drawing is blank (no ink)")
                    .with_code(Code::BlankDrawing)
                    .into(),
            );
        }
        let mut forward = self.network.forward(pixels)?;
        let n = self.classes.len();
        let sum: f32 = forward.probabilities[..n].iter().sum();
        let probabilities: Vec<f32> = forward.probabilities[..n]
            .iter()
            .map(|p| p / sum.max(f32::MIN_POSITIVE))
            .collect();
        if let Some(out) = forward.layers.last_mut() {
            out.shape = vec![n];
            out.data = probabilities.clone();
            if let Some(pre) = &mut out.pre_activation {
                pre.truncate(n);
            }
        }
        forward.probabilities = probabilities.clone();
        let top = (0..n)
            .max_by(|&a, &b| probabilities[a].total_cmp(&probabilities[b]))
            .unwrap_or(0);
        Ok(Prediction {
            probabilities,
            top,
            forward,
        })
    }

    /// The "CSXF" file (see the module docs).
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let device = Backend::default().device();
        let file = weights::encode(params::build(&self.layers, self.variant, &device))?;
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&[
            VERSION,
            self.classes.len() as u8,
            u8::from(self.variant == Variant::Modern),
            0,
        ]);
        for c in &self.classes {
            out.push(c.len() as u8);
            out.extend_from_slice(c.as_bytes());
        }
        out.extend_from_slice(&(file.len() as u32).to_le_bytes());
        out.extend_from_slice(&file);
        let crc = crc32(&out);
        out.extend_from_slice(&crc.to_le_bytes());
        Ok(out)
    }

    /// Reads a "CSXF" file, checking every field (and the weights file inside as
    /// `LeNet5.fromBytes` does).
    pub fn from_bytes(op: &'static str, bytes: &[u8]) -> Result<Self> {
        if bytes.len() < 16 || &bytes[..4] != MAGIC {
            return corrupt("not an adapted network (bad magic)");
        }
        let (body, tail) = bytes.split_at(bytes.len() - 4);
        if crc32(body) != u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]) {
            return corrupt("checksum mismatch");
        }
        if body[4] != VERSION || body[6] > 1 || body[7] != 0 {
            return corrupt("unsupported version, variant or reserved byte");
        }
        let variant = if body[6] == 1 {
            Variant::Modern
        } else {
            Variant::Classic
        };
        let n = body[5] as usize;
        let mut at = 8;
        let mut names = Vec::with_capacity(n);
        for _ in 0..n {
            let len = *body.get(at).ok_or(()).or_else(|_| corrupt("truncated"))? as usize;
            let Some(s) = body.get(at + 1..at + 1 + len) else {
                return corrupt("truncated");
            };
            let Ok(s) = std::str::from_utf8(s) else {
                return corrupt("a label is not UTF-8");
            };
            names.push(s.to_string());
            at += 1 + len;
        }
        let classes = check_classes(op, &names).or_else(|_| corrupt("bad class labels"))?;
        let Some(w) = body.get(at..at + 4) else {
            return corrupt("truncated");
        };
        let len = u32::from_le_bytes([w[0], w[1], w[2], w[3]]) as usize;
        if body.len() != at + 4 + len {
            return corrupt("the weights file's length does not match");
        }
        let device = Backend::default().device();
        let net = weights::decode(&body[at + 4..], variant, &device)?;
        let layers = params::read(&net)?;
        // Back to the n-class head the padded output holds.
        let padded = &layers[4];
        let mut head = HostLayer {
            weight: Vec::with_capacity(transfer_net::HEAD_INPUTS * n),
            bias: padded.bias[..n].to_vec(),
        };
        for row in padded.weight.chunks_exact(crate::lenet::CLASSES) {
            head.weight.extend_from_slice(&row[..n]);
        }
        let mut unpadded = layers[..4].to_vec();
        unpadded.push(head);
        Self::from_layers(&unpadded, classes, variant)
    }
}

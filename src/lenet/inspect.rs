//! LeNet-5 opened up for the page: one forward pass with every layer's values and the weights
//! of every layer (receptive fields: [`super::receptive_fields`], re-exported here).
//!
//! Layers are named as in LeCun et al. 1998: input, C1, S2, C3, S4, C5, F6, output. Shapes
//! are `[C, H, W]` for maps and `[N]` for vectors, data row-major.

use burn::tensor::Device;

use super::direct::Direct;
use super::layers::{IMAGE_PIXELS, LAYERS, LayerKind, PADDED_SIDE, position};
use super::network::{LeNet5, Variant, prepare_input};
pub use super::receptive_fields::{LayerRegion, ReceptiveField, receptive_field, units_seeing};
use super::tensors::decode_tensors;
use crate::backend::{Backend, download, upload};
use crate::error::{Code, Error, ParamError, Result};
use crate::lenet::weights;
use crate::tensor::HostTensor;

/// Index of a layer by name (`"C3"`, `"output"`, …).
pub fn layer_index(op: &'static str, name: &str) -> Result<usize, ParamError> {
    position(name).ok_or_else(|| {
        let names: Vec<&str> = LAYERS.iter().map(|l| l.name).collect();
        ParamError::new(
            op,
            "layer",
            format!("expected one of {}, got {name:?}", names.join(", ")),
        )
    })
}

/// One layer's values after a forward pass.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerOutput {
    pub name: &'static str,
    pub kind: LayerKind,
    /// `[C, H, W]` for maps, `[N]` for vectors.
    pub shape: Vec<usize>,
    /// Values after the activation (output: softmax probabilities).
    pub data: Vec<f32>,
    /// Weighted sum plus bias before the activation (output: the logits), for layers with
    /// weights.
    pub pre_activation: Option<Vec<f32>>,
}

/// Everything one forward pass produced.
#[derive(Debug, Clone, PartialEq)]
pub struct Forward {
    pub probabilities: Vec<f32>,
    pub layers: Vec<LayerOutput>,
}

/// A kernel or bias tensor.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerWeights {
    pub name: &'static str,
    /// Conv: `[O, C, KH, KW]`; dense: `[out, in]` (PyTorch's layout).
    pub weight: HostTensor,
    /// `[O]`.
    pub bias: HostTensor,
}

/// A trained LeNet-5: its parameters as plain arrays, run by the direct forward pass
/// ([`Direct`]); burn's module is built from them only for [`Network::probabilities_batch`].
#[derive(Debug)]
pub struct Network {
    direct: Direct,
    /// Where [`Network::probabilities_batch`] runs burn's forward.
    backend: Backend,
}

impl Network {
    /// Decodes a weights file (see [`crate::lenet::weights`]) for `variant`, without burn
    /// ([`decode_tensors`]); `backend` runs [`Network::probabilities_batch`].
    pub fn from_bytes(bytes: &[u8], variant: Variant, backend: Backend) -> Result<Self> {
        let direct = Direct::new(variant, decode_tensors(bytes, variant)?)?;
        Ok(Self { direct, backend })
    }

    /// A network computing with `model` (e.g. an adapted network built in memory); its
    /// parameters are read back once. [`Network::probabilities_batch`] runs on the default
    /// backend.
    pub fn from_model(model: LeNet5, _device: Device) -> Result<Self> {
        let direct = Direct::new(model.variant, weights::tensors_of(&model)?)?;
        Ok(Self {
            direct,
            backend: Backend::default(),
        })
    }

    /// The trained weights built into this crate.
    pub fn embedded(variant: Variant, backend: Backend) -> Result<Self> {
        Self::from_bytes(weights::embedded(variant), variant, backend)
    }

    pub fn variant(&self) -> Variant {
        self.direct.variant()
    }

    fn check_pixels(op: &'static str, pixels: &[f32]) -> Result<(), ParamError> {
        if pixels.len() != IMAGE_PIXELS {
            return Err(ParamError::new(
                op,
                "pixels",
                format!(
                    "expected {IMAGE_PIXELS} values (28×28, row-major), got {}",
                    pixels.len()
                ),
            )
            .with_code(Code::ShapeMismatch)
            .with_expected(IMAGE_PIXELS)
            .with_got(pixels.len()));
        }
        if let Some(i) = pixels.iter().position(|v| !v.is_finite()) {
            return Err(ParamError::new(
                op,
                "pixels",
                format!(
                    "expected finite values in [0, 1], got {} at index {i}",
                    pixels[i]
                ),
            ));
        }
        Ok(())
    }

    /// Class probabilities only.
    ///
    /// # Shapes
    /// - `pixels`: `[28 * 28]`, ink = 1; returns `[10]`
    pub fn probabilities(&self, pixels: &[f32]) -> Result<Vec<f32>> {
        Self::check_pixels("forward", pixels)?;
        Ok(self.direct.trace(&prepare_input(pixels))?.probabilities)
    }

    /// Class probabilities of many images at once (used by the accuracy tests).
    ///
    /// # Shapes
    /// - `pixels`: `[b * 28 * 28]`; returns `[b * 10]`
    pub fn probabilities_batch(&self, pixels: &[f32]) -> Result<Vec<f32>> {
        if pixels.is_empty() || !pixels.len().is_multiple_of(IMAGE_PIXELS) {
            return Err(
                ParamError::new("forward", "pixels", "expected a multiple of 784 values").into(),
            );
        }
        let b = pixels.len() / IMAGE_PIXELS;
        let x: Vec<f32> = pixels
            .chunks_exact(IMAGE_PIXELS)
            .flat_map(prepare_input)
            .collect();
        let device = self.backend.device();
        let model = weights::model(self.direct.params(), self.variant(), &device)?;
        let x = upload(&x, [b, 1, PADDED_SIDE, PADDED_SIDE], &device); // [b, 1, 32, 32]
        download(model.probabilities(x))
    }

    /// One forward pass keeping every layer.
    ///
    /// # Shapes
    /// - `pixels`: `[28 * 28]`, row-major, values in [0, 1], ink = 1
    /// - returns the probabilities `[10]` and the 8 layers of [`LAYERS`] with their values
    pub fn forward(&self, pixels: &[f32]) -> Result<Forward> {
        self.run("forward", pixels).map(|(_, f)| f)
    }

    /// [`Network::forward`] for `op`, also returning the prepared input the network saw
    /// (`[32 * 32]`, padded and normalised).
    pub(crate) fn run(&self, op: &'static str, pixels: &[f32]) -> Result<(Vec<f32>, Forward)> {
        Self::check_pixels(op, pixels)?;
        let prepared = prepare_input(pixels);
        // burn's forward_trace is the definition; the direct pass computes the same layers
        // without burn's per-operation cost (tests/direct_forward.rs compares them).
        let t = self.direct.trace(&prepared)?;
        let probabilities = t.probabilities;
        // In the order of LAYERS: the values and, for layers with weights, the pre-activation.
        let values = [
            (pixels.to_vec(), None),
            (t.c1, Some(t.c1_pre)),
            (t.s2, None),
            (t.c3, Some(t.c3_pre)),
            (t.s4, None),
            (t.c5, Some(t.c5_pre)),
            (t.f6, Some(t.f6_pre)),
            (probabilities.clone(), Some(t.logits)),
        ];
        let mut layers = Vec::with_capacity(LAYERS.len());
        for (spec, (data, pre_activation)) in LAYERS.iter().zip(values) {
            let shape = spec.output_shape();
            if data.len() != shape.iter().product::<usize>() {
                return Err(Error::Backend(format!(
                    "{}: unexpected size {}",
                    spec.name,
                    data.len()
                )));
            }
            layers.push(LayerOutput {
                name: spec.name,
                kind: spec.kind,
                shape,
                data,
                pre_activation,
            });
        }
        let forward = Forward {
            probabilities,
            layers,
        };
        Ok((prepared, forward))
    }

    /// The weight and bias of the layer `name` (`"C1"`, `"C3"`, `"C5"`, `"F6"`, `"output"`).
    ///
    /// # Shapes
    /// - conv weights `[O, C, KH, KW]`; dense weights `[out, in]` (PyTorch's layout; burn
    ///   stores `[in, out]`); biases `[O]`
    pub fn layer_weights(&self, name: &str) -> Result<LayerWeights> {
        let p = self.direct.params();
        let (name, l, dense) = match name {
            "C1" => ("C1", &p.c1, false),
            "C3" => ("C3", &p.c3, false),
            "C5" => ("C5", &p.c5, false),
            "F6" => ("F6", &p.f6, true),
            "output" => ("output", &p.output, true),
            other => {
                return Err(ParamError::new(
                    "weights",
                    "layer",
                    format!("{other:?} has no weights"),
                )
                .into());
            }
        };
        let weight = match (dense, l.shape.as_slice()) {
            (true, &[n_in, n_out]) => {
                let t: Vec<f32> = (0..n_out)
                    .flat_map(|o| (0..n_in).map(move |i| l.weight[i * n_out + o]))
                    .collect();
                HostTensor::new(t, vec![n_out, n_in])
            }
            _ => HostTensor::new(l.weight.clone(), l.shape.clone()),
        };
        Ok(LayerWeights {
            name,
            weight,
            bias: HostTensor::new(l.bias.clone(), vec![l.bias.len()]),
        })
    }

    /// The weights and biases of C1, C3, C5, F6 and output.
    pub fn weights(&self) -> Result<Vec<LayerWeights>> {
        LAYERS
            .iter()
            .filter(|l| matches!(l.kind, LayerKind::Conv | LayerKind::Dense))
            .map(|l| self.layer_weights(l.name))
            .collect()
    }

    /// Number of trainable parameters (61,706).
    pub fn num_params(&self) -> usize {
        self.direct.params().num_params()
    }
}

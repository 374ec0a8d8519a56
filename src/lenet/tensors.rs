//! LeNet-5's trained parameters as plain f32 arrays, and the one decoder of a weights file
//! ([`super::weights`]) into them.
//!
//! No burn here: the forward pass the page runs ([`super::direct`]), the weights it shows and
//! the unit arithmetic need only these arrays, so the student page's module (`pkg-lenet/`,
//! feature `lenet-api`) reads its weights files with this alone. The burn module is built from
//! the same arrays where it is needed (training, the batched reference forward:
//! [`super::weights::decode`]).

use super::burnpack;
use super::layers::{LAYERS, LayerKind};
use super::network::Variant;
use super::weights::checked_payload;
use crate::error::WeightsError;

/// One layer's weight and bias, in burn's layout.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerParams {
    /// Conv: `[O, C, K, K]`; dense: `[in, out]` (burn's `Linear`), row-major.
    pub weight: Vec<f32>,
    /// The shape of `weight`.
    pub shape: Vec<usize>,
    /// `[O]`.
    pub bias: Vec<f32>,
}

/// Every trained parameter of LeNet-5: C1, C3, C5 (conv), F6, output (dense).
#[derive(Debug, Clone, PartialEq)]
pub struct Tensors {
    pub c1: LayerParams,
    pub c3: LayerParams,
    pub c5: LayerParams,
    pub f6: LayerParams,
    pub output: LayerParams,
}

/// The record's name of each layer with weights, with its position in [`LAYERS`].
const LAYERS_WITH_WEIGHTS: [(&str, usize); 5] =
    [("c1", 1), ("c3", 3), ("c5", 5), ("f6", 6), ("output", 7)];

/// The weight shape of the layer at `i` of [`LAYERS`] in burn's layout: a convolution's
/// `[O, C, K, K]`, a dense layer's `[in, out]`.
fn weight_shape(i: usize) -> Vec<usize> {
    let (below, spec) = (&LAYERS[i - 1], &LAYERS[i]);
    if spec.kind == LayerKind::Dense {
        vec![below.shape.iter().product(), spec.shape[0]]
    } else {
        let k = spec.kernel();
        vec![spec.shape[0], below.shape[0], k, k]
    }
}

/// The tensors of a weights file's record, in the module's order (`c1.weight`, `c1.bias`,
/// `c3.weight`, …, `output.bias`), with their shapes: what `encode` writes, derived from
/// [`LAYERS`].
pub fn record_tensors() -> Vec<(String, Vec<usize>)> {
    LAYERS_WITH_WEIGHTS
        .iter()
        .flat_map(|&(name, i)| {
            [
                (format!("{name}.weight"), weight_shape(i)),
                (format!("{name}.bias"), vec![LAYERS[i].shape[0]]),
            ]
        })
        .collect()
}

/// The layout `encode` writes (every weights file of either variant has it):
/// [`burnpack::expected_entries`] of [`record_tensors`].
pub(super) fn reference_entries() -> Vec<burnpack::Entry> {
    let tensors = record_tensors();
    let list: Vec<(&str, &[usize])> = tensors
        .iter()
        .map(|(n, s)| (n.as_str(), s.as_slice()))
        .collect();
    burnpack::expected_entries(&list)
}

/// Reads weights file `bytes` of `variant` into plain arrays, after every check of
/// [`checked_payload`] (header, length, CRC-32, the record's layout, finite values). The f16
/// values become f32 exactly.
///
/// # Shapes
/// - returns C1 `[6, 1, 5, 5]`, C3 `[16, 6, 5, 5]`, C5 `[120, 16, 5, 5]`, F6 `[120, 84]`,
///   output `[84, 10]`, biases `[O]`
pub fn decode_tensors(bytes: &[u8], variant: Variant) -> Result<Tensors, WeightsError> {
    let payload = checked_payload(bytes, variant)?;
    let mut found = burnpack::f32_tensors(payload).map_err(WeightsError::corrupt)?;
    let mut take = |name: String, shape: &[usize]| -> Result<Vec<f32>, WeightsError> {
        let at = found
            .iter()
            .position(|(n, _)| *n == name)
            .ok_or_else(|| WeightsError::corrupt(format!("the record has no `{name}`")))?;
        let (_, values) = found.swap_remove(at);
        if values.len() != shape.iter().product::<usize>() {
            return Err(WeightsError::corrupt(format!(
                "`{name}` of shape {shape:?} holds {} values",
                values.len()
            )));
        }
        Ok(values)
    };
    let mut layer = |name: &str, i: usize| -> Result<LayerParams, WeightsError> {
        let shape = weight_shape(i);
        let weight = take(format!("{name}.weight"), &shape)?;
        let bias = take(format!("{name}.bias"), &[LAYERS[i].shape[0]])?;
        Ok(LayerParams {
            weight,
            shape,
            bias,
        })
    };
    let [c1, c3, c5, f6, output] = LAYERS_WITH_WEIGHTS.map(|(name, i)| layer(name, i));
    Ok(Tensors {
        c1: c1?,
        c3: c3?,
        c5: c5?,
        f6: f6?,
        output: output?,
    })
}

impl Tensors {
    /// The layers with weights in [`LAYERS`] order, with their record names.
    pub fn layers(&self) -> [(&'static str, &LayerParams); 5] {
        [
            ("c1", &self.c1),
            ("c3", &self.c3),
            ("c5", &self.c5),
            ("f6", &self.f6),
            ("output", &self.output),
        ]
    }

    /// Number of trainable parameters (61,706).
    pub fn num_params(&self) -> usize {
        self.layers()
            .iter()
            .map(|(_, l)| l.weight.len() + l.bias.len())
            .sum()
    }
}

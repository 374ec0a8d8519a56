//! The arithmetic behind one unit of LeNet-5, for the page's "get one number" panel: built
//! from the forward pass's own values (the prepared input the network saw, every layer's
//! output and pre-activation) and the layer's weights, with the one rule of
//! [`crate::ops::explain`] that the playground uses too.

use super::inspect::Network;
use super::layers::{INPUT_PADDING, LAYERS, LayerKind, LayerSpec, PADDED_SIDE, position};
use crate::error::{Error, ParamError, Result};
use crate::ops::conv::ConvParams;
use crate::ops::explain::{
    ConvUnit, DotTerms, PoolUnit, explain_conv2d, explain_dot, explain_pool2d,
};
use crate::ops::pool::PoolParams;
use crate::tensor::HostTensor;

const OP: &str = "explainUnit";

/// How a unit computes its value.
#[derive(Debug, Clone, PartialEq)]
pub enum UnitMath {
    /// An input pixel: as drawn, and as C1 sees it (padded coordinates, normalised).
    Input { raw: f32, normalised: f32 },
    /// A window of maps times a kernel (C1, C3). C1's region is on the 32×32 padded input.
    Conv(ConvUnit),
    /// A window of one map, pooled (S2, S4).
    Pool(PoolUnit),
    /// Every value of the layer below times a weight (C5, whose kernel covers all of S4; F6;
    /// output).
    Dense {
        /// Shape of the layer below as the forward pass reports it.
        below_shape: Vec<usize>,
        inputs: Vec<f32>,
        weights: Vec<f32>,
        terms: DotTerms,
    },
}

impl UnitMath {
    /// `'input'`, `'conv'`, `'pool'` or `'dense'`: the form of the arithmetic.
    pub fn kind(&self) -> LayerKind {
        match self {
            UnitMath::Input { .. } => LayerKind::Input,
            UnitMath::Conv(_) => LayerKind::Conv,
            UnitMath::Pool(_) => LayerKind::Pool,
            UnitMath::Dense { .. } => LayerKind::Dense,
        }
    }
}

/// One unit of one layer, explained.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitExplanation {
    pub layer: &'static str,
    pub c: usize,
    pub y: usize,
    pub x: usize,
    /// The layer it reads; `None` for the input.
    pub below: Option<&'static str>,
    /// `"tanh"`, `"relu"`, `"softmax"` or `None`.
    pub activation: Option<&'static str>,
    /// The unit's value in the forward pass (the output layer: its probability).
    pub value: f32,
    /// The unit's pre-activation in the forward pass, for layers with weights.
    pub pre_activation: Option<f32>,
    pub math: UnitMath,
}

/// Checks that `(c, y, x)` is a unit of `spec`.
fn check_unit(spec: &LayerSpec, [c, y, x]: [usize; 3]) -> Result<(), ParamError> {
    let [n, h, w] = spec.shape;
    let name = spec.name;
    for (param, v, size, what) in [
        ("c", c, n, "channels"),
        ("y", y, h, "rows"),
        ("x", x, w, "columns"),
    ] {
        if v >= size {
            return Err(ParamError::new(
                OP,
                param,
                format!("{name} has {what} 0..{size}, got {v}"),
            ));
        }
    }
    Ok(())
}

impl Network {
    /// Explains unit `(c, y, x)` of `layer` (`"input"`, `"C1"`, …, `"output"`; dense layers
    /// have `y = x = 0`) for the 28×28 image `pixels`.
    ///
    /// # Shapes
    /// - `pixels`: `[28 * 28]`, row-major, values in [0, 1], ink = 1
    pub fn explain_unit(
        &self,
        pixels: &[f32],
        layer: &str,
        [c, y, x]: [usize; 3],
    ) -> Result<UnitExplanation> {
        let idx = super::inspect::layer_index(OP, layer)?;
        let spec = &LAYERS[idx];
        check_unit(spec, [c, y, x])?;
        let (input, forward) = self.run(OP, pixels)?;
        let out = &forward.layers[idx];
        let at = if spec.is_vector() {
            c
        } else {
            (c * spec.shape[1] + y) * spec.shape[2] + x
        };
        let missing = || Error::Backend(format!("{layer}: no value at ({c}, {y}, {x})"));
        let value = *out.data.get(at).ok_or_else(missing)?;
        let pre_activation = match &out.pre_activation {
            Some(pre) => Some(*pre.get(at).ok_or_else(missing)?),
            None => None,
        };
        let below = spec.input.and_then(position);
        let math = match (spec.kind, below) {
            (LayerKind::Input, _) | (_, None) => UnitMath::Input {
                raw: pixels[y * spec.shape[2] + x],
                normalised: input[(y + INPUT_PADDING) * PADDED_SIDE + x + INPUT_PADDING],
            },
            (LayerKind::Pool, Some(b)) => {
                let g = spec.geometry.ok_or_else(missing)?;
                let p = PoolParams {
                    mode: self.variant().pool_mode(),
                    kernel: g.kernel,
                    stride: g.stride,
                    padding: g.padding,
                };
                let lower = &forward.layers[b];
                let map = HostTensor::new(lower.data.clone(), lower.shape.clone());
                UnitMath::Pool(explain_pool2d(OP, &map, &p, [c, y, x])?)
            }
            (_, Some(b)) => {
                let w = self.layer_weights(spec.name)?;
                let bias = w.bias.data.get(c).copied().ok_or_else(missing)?;
                let lower = &forward.layers[b];
                if spec.is_vector() {
                    let n = lower.data.len();
                    let weights = w.weight.data.get(c * n..(c + 1) * n).ok_or_else(missing)?;
                    UnitMath::Dense {
                        below_shape: lower.shape.clone(),
                        inputs: lower.data.clone(),
                        weights: weights.to_vec(),
                        terms: explain_dot(&lower.data, weights, bias),
                    }
                } else {
                    // C1 reads the padded, normalised input the network saw.
                    let map = if b == 0 {
                        HostTensor::new(input.clone(), vec![1, PADDED_SIDE, PADDED_SIDE])
                    } else {
                        HostTensor::new(lower.data.clone(), lower.shape.clone())
                    };
                    let g = spec.geometry.ok_or_else(missing)?;
                    let p = ConvParams {
                        stride: g.stride,
                        padding: g.padding,
                        dilation: g.dilation,
                        groups: 1,
                    };
                    let unit =
                        explain_conv2d(OP, &map, &w.weight, Some(&w.bias.data), &p, [c, y, x])?;
                    UnitMath::Conv(unit)
                }
            }
        };
        Ok(UnitExplanation {
            layer: spec.name,
            c,
            y,
            x,
            below: spec.input,
            activation: spec.activation(self.variant()),
            value,
            pre_activation,
            math,
        })
    }
}

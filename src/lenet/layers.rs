//! LeNet-5's layers and input, written down once.
//!
//! Everything else derives from this table: the burn module's layer sizes
//! ([`super::network`]), the forward pass's layer list and shapes, receptive fields and unit
//! explanations ([`super::inspect`], [`super::explain`]), the architecture table
//! (`architecture::zoo`'s `lenet5`), and what the page receives from `layerSpecs()`
//! ([`layer_specs`]), so no LeNet-5 constant or layer name needs to be typed in JavaScript.
//!
//! ```text
//! input 1@28×28 ─pad 2─► 1@32×32 ─C1 conv 5×5─► 6@28×28 ─S2 pool 2×2/2─► 6@14×14
//!   ─C3 conv 5×5─► 16@10×10 ─S4 pool 2×2/2─► 16@5×5 ─C5 conv 5×5─► 120@1×1
//!   ─F6 dense─► 84 ─output dense─► 10 ─softmax─► probabilities
//! ```

use serde::Serialize;

use super::network::Variant;
use crate::ops::receptive_field::Geometry;

/// Side of the images the network is trained on (MNIST).
pub const IMAGE_SIDE: usize = 28;
/// Pixels of one input image.
pub const IMAGE_PIXELS: usize = IMAGE_SIDE * IMAGE_SIDE;
/// Zero padding that turns 28×28 into LeNet's 32×32 input.
pub const INPUT_PADDING: usize = 2;
/// Side of the padded input the first convolution sees.
pub const PADDED_SIDE: usize = IMAGE_SIDE + 2 * INPUT_PADDING;
/// Mean and standard deviation of MNIST training pixels (in [0, 1]), exactly as published.
const MEAN: f64 = 0.1307;
const STD: f64 = 0.3081;
/// [`MEAN`] and [`STD`] as the network computes with them.
pub const MNIST_MEAN: f32 = MEAN as f32;
pub const MNIST_STD: f32 = STD as f32;
/// Number of classes.
pub const CLASSES: usize = 10;

/// What a layer does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LayerKind {
    Input,
    Conv,
    Pool,
    Dense,
}

impl LayerKind {
    pub fn name(self) -> &'static str {
        match self {
            LayerKind::Input => "input",
            LayerKind::Conv => "conv",
            LayerKind::Pool => "pool",
            LayerKind::Dense => "dense",
        }
    }
}

/// What follows a layer's weighted sum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    /// Nothing (the input, pooling).
    Nothing,
    /// The variant's activation: tanh (classic) or ReLU (modern).
    Activation,
    /// Softmax over the layer (the output's probabilities).
    Softmax,
}

/// Static description of one layer of LeNet-5.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayerSpec {
    pub name: &'static str,
    pub kind: LayerKind,
    /// Output shape: `[C, H, W]` for maps (C5 is `[120, 1, 1]` spatially), `[N, 1, 1]` for
    /// dense layers.
    pub shape: [usize; 3],
    /// How the layer maps the grid below to its own (kernel, stride, padding; padding relative
    /// to the layer below, so C1's is 0 on the already padded 32×32 input). `None` for input.
    pub geometry: Option<Geometry>,
    /// The layer it reads; `None` for the input.
    pub input: Option<&'static str>,
    pub then: Then,
}

impl LayerSpec {
    /// The 28×28 image.
    const fn image() -> Self {
        Self {
            name: "input",
            kind: LayerKind::Input,
            shape: [1, IMAGE_SIDE, IMAGE_SIDE],
            geometry: None,
            input: None,
            then: Then::Nothing,
        }
    }

    const fn new(
        name: &'static str,
        kind: LayerKind,
        shape: [usize; 3],
        [kernel, stride]: [usize; 2],
        input: &'static str,
        then: Then,
    ) -> Self {
        Self {
            name,
            kind,
            shape,
            geometry: Some(Geometry::square(kernel, stride, 0)),
            input: Some(input),
            then,
        }
    }

    /// Whether the forward pass reports this layer as a vector `[C]`: dense layers, and maps
    /// of a single position (C5, which the network flattens).
    pub fn is_vector(&self) -> bool {
        self.kind != LayerKind::Input && self.shape[1] == 1 && self.shape[2] == 1
    }

    /// The shape the forward pass reports: `[C, H, W]`, or `[C]` for a vector.
    pub fn output_shape(&self) -> Vec<usize> {
        if self.is_vector() {
            vec![self.shape[0]]
        } else {
            self.shape.to_vec()
        }
    }

    /// `"tanh"`, `"relu"`, `"softmax"`, or `None` where nothing follows.
    pub fn activation(&self, variant: Variant) -> Option<&'static str> {
        match self.then {
            Then::Nothing => None,
            Then::Activation => Some(variant.activation().name()),
            Then::Softmax => Some("softmax"),
        }
    }

    /// Square kernel side (1 for the input).
    pub fn kernel(&self) -> usize {
        self.geometry.map_or(1, |g| g.kernel[0])
    }
}

/// LeNet-5's layers, in order: name, kind, output `[C, H, W]`, `[kernel, stride]` on the layer
/// it reads, that layer, what follows. The shapes are checked against a real forward pass and
/// against the architecture table's arithmetic in the tests.
#[rustfmt::skip]
pub const LAYERS: [LayerSpec; 8] = {
    use LayerKind::{Conv, Dense, Pool};
    use Then::{Activation, Nothing, Softmax};
    [
        LayerSpec::image(),
        LayerSpec::new("C1",     Conv,  [6, 28, 28],       [5, 1], "input", Activation),
        LayerSpec::new("S2",     Pool,  [6, 14, 14],       [2, 2], "C1",    Nothing),
        LayerSpec::new("C3",     Conv,  [16, 10, 10],      [5, 1], "S2",    Activation),
        LayerSpec::new("S4",     Pool,  [16, 5, 5],        [2, 2], "C3",    Nothing),
        LayerSpec::new("C5",     Conv,  [120, 1, 1],       [5, 1], "S4",    Activation),
        LayerSpec::new("F6",     Dense, [84, 1, 1],        [1, 1], "C5",    Activation),
        LayerSpec::new("output", Dense, [CLASSES, 1, 1],   [1, 1], "F6",    Softmax),
    ]
};

/// Index of a layer in [`LAYERS`].
pub fn position(name: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.name == name)
}

/// The input image and its normalisation, as `layerSpecs()` reports them on the input entry.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InputSpec {
    /// Side of the 28×28 image.
    pub side: usize,
    /// Zero padding around it before C1.
    pub pad: usize,
    /// 32: side after padding.
    pub padded_side: usize,
    /// `x ↦ (x − mean) / std` on pixels in [0, 1].
    pub mean: f64,
    pub std: f64,
}

/// One entry of `layerSpecs()`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LayerInfo {
    pub name: &'static str,
    pub kind: LayerKind,
    /// `[C, H, W]`.
    pub shape: [usize; 3],
    /// Square kernel side, stride and padding on the grid below; absent for the input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kernel: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stride: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub padding: Option<usize>,
    /// Name of the layer it reads; `null` for the input.
    pub input: Option<&'static str>,
    /// `"tanh"`, `"relu"`, `"softmax"` or `null`.
    pub activation: Option<&'static str>,
    /// The input entry only.
    #[serde(flatten)]
    pub image: Option<InputSpec>,
}

/// What the page labels and lays out layers with, for `variant` (which decides the
/// activations).
pub fn layer_specs(variant: Variant) -> Vec<LayerInfo> {
    LAYERS
        .iter()
        .map(|l| LayerInfo {
            name: l.name,
            kind: l.kind,
            shape: l.shape,
            kernel: l.geometry.map(|g| g.kernel[0]),
            stride: l.geometry.map(|g| g.stride[0]),
            padding: l.geometry.map(|g| g.padding[0]),
            input: l.input,
            activation: l.activation(variant),
            image: (l.kind == LayerKind::Input).then_some(InputSpec {
                side: IMAGE_SIDE,
                pad: INPUT_PADDING,
                padded_side: PADDED_SIDE,
                mean: MEAN,
                std: STD,
            }),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_layer_reads_the_one_before_it_and_the_table_ends_in_the_classes() {
        for pair in LAYERS.windows(2) {
            assert_eq!(pair[1].input, Some(pair[0].name));
        }
        assert_eq!(LAYERS[7].shape[0], CLASSES);
        // A 5×5 convolution over the 32×32 padded input gives C1's 28×28 maps.
        assert_eq!(LAYERS[1].shape[1], PADDED_SIDE - LAYERS[1].kernel() + 1);
    }
}

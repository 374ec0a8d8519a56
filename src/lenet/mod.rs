//! LeNet-5, the network the student page opens up.
//!
//! - [`layers`]: the one description of its layers and input (sizes, kernels, strides,
//!   padding, what each layer reads, activations, the MNIST normalisation).
//! - [`network`]: the burn module (both variants) built from it, and input preparation.
//! - [`inspect`]: a trained network with every layer's values and weights;
//!   [`receptive_fields`]: what each unit sees, traced through the layer specs.
//! - [`explain`]: the arithmetic behind one unit, from the forward pass's own values.
//! - [`tta`]: test-time augmentation (K augmented copies of a digit, one combined prediction).
//! - [`weights`]: the weights file format and the two trained files built into the full module
//!   (`burnpack`: the strict check of the record inside a weights file); [`tensors`]: the
//!   parameters as plain arrays and the one decoder of a weights file into them, without burn
//!   (what the student page's module, feature `lenet-api`, reads its weights files with).

mod burnpack;
pub mod direct;
pub mod explain;
mod half;
pub mod inspect;
pub mod layers;
pub mod network;
pub mod receptive_fields;
pub mod tensors;
pub mod tta;
pub mod weights;

pub use explain::{UnitExplanation, UnitMath};
pub use inspect::{Forward, LayerOutput, LayerWeights, Network};
pub use layers::{
    CLASSES, IMAGE_PIXELS, IMAGE_SIDE, INPUT_PADDING, LAYERS, LayerKind, LayerSpec, MNIST_MEAN,
    MNIST_STD, PADDED_SIDE,
};
pub use network::{LeNet5, LeNet5Config, Trace, Variant, prepare_input};

//! LeNet-5, the network the student page opens up.
//!
//! - [`network`]: the burn module (both variants), its constants and input preparation.
//! - [`inspect`]: a trained network with every layer's values, weights and receptive fields.
//! - [`weights`]: the weights file format and the two trained files built into the module
//!   (`burnpack`: the strict check of the record inside a weights file).

mod burnpack;
pub mod inspect;
pub mod network;
pub mod weights;

pub use inspect::{Forward, LayerOutput, LayerWeights, Network};
pub use network::{
    CLASSES, IMAGE_PIXELS, IMAGE_SIDE, INPUT_PADDING, LeNet5, LeNet5Config, MNIST_MEAN, MNIST_STD,
    PADDED_SIDE, Trace, Variant, prepare_input,
};

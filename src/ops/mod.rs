//! The operations on one tensor, computed by burn with PyTorch's semantics, and the
//! arithmetic around them that needs no tensors.
//!
//! - [`conv`]: 1-D and 2-D convolution; [`conv_transpose`]: transposed convolution;
//!   [`pool`]: max and average pooling (the one [`PoolMode`]).
//! - [`explain`]: one output value of a convolution or pooling, term by term.
//! - [`shape`]: the output-size formulas every op, table and tracer shares.
//! - [`receptive_field`]: which inputs a unit depends on, through a stack of layers.

pub mod conv;
pub mod conv_transpose;
pub mod explain;
pub mod pool;
pub mod receptive_field;
pub mod shape;

pub use conv::{ConvParams, conv1d, conv2d};
pub use conv_transpose::{ConvTransposeParams, conv_transpose1d, conv_transpose2d};
pub use explain::{explain_conv2d, explain_pool2d};
pub use pool::{PoolMode, PoolParams, pool2d};

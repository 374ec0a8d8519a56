//! The operations on one tensor with PyTorch's semantics, computed by burn (or, where burn's
//! cost per call dominates, by [`direct`]'s plain loops), and the arithmetic around them that
//! needs no tensors.
//!
//! - [`conv`]: 1-D and 2-D convolution; [`conv_transpose`]: transposed convolution;
//!   [`pool`]: max and average pooling (the one [`PoolMode`]).
//! - [`direct`]: the same convolutions and pooling in plain loops, for the small problems
//!   where burn's cost per call dominates (and LeNet-5's page forward pass).
//! - [`explain`]: one output value of a convolution or pooling, term by term.
//! - [`shape`]: the output-size formulas every op, table and tracer shares.
//! - [`receptive_field`]: which inputs a unit depends on, through a stack of layers.

pub mod conv;
pub mod conv_transpose;
pub mod direct;
pub mod explain;
pub mod pool;
pub mod receptive_field;
pub mod shape;

pub use conv::{ConvParams, conv1d, conv2d, conv2d_on};
pub use conv_transpose::{ConvTransposeParams, conv_transpose1d, conv_transpose2d};
pub use direct::Route;
pub use explain::{explain_conv2d, explain_pool2d};
pub use pool::{PoolMode, PoolParams, pool2d, pool2d_on};

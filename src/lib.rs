//! convscope's core: convolution, pooling, transposed convolution and LeNet-5 on burn, in plain
//! Rust that `cargo test` checks natively, with one thin wasm-bindgen layer
//! ([`bindings`]) on top for the browser.
//!
//! Conventions everywhere: tensors are row-major, images `[C, H, W]`, sequences `[C, L]`,
//! kernels `[O, C/groups, KH, KW]`; semantics are PyTorch's `torch.nn.functional`
//! (cross-correlation, zero padding, output size rounded down), so the numbers match what
//! students see in other tools and in the lecture.

pub mod api;
pub mod architecture;
pub mod backend;
pub mod bindings;
pub mod data;
pub mod error;
pub mod lenet;
pub mod ops;
pub mod params;
pub mod tensor;
#[cfg(feature = "train")]
pub mod train;

pub use backend::Backend;
pub use error::{Error, ParamError, Result};
pub use ops::conv::{ConvParams, conv1d, conv2d};
pub use ops::conv_transpose::{ConvTransposeParams, conv_transpose1d, conv_transpose2d};
pub use ops::pool::{PoolMode, PoolParams, pool2d};
pub use params::{OptValue, RawOptions};
pub use tensor::HostTensor;

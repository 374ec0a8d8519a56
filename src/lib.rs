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
mod burnpack;
pub mod conv;
pub mod conv_transpose;
pub mod error;
pub mod image;
pub mod inspect;
pub mod lenet;
#[cfg(not(target_arch = "wasm32"))]
pub mod mnist;
pub mod params;
pub mod pool;
pub mod preprocess;
pub mod receptive_field;
pub mod shape;
pub mod tensor;
pub mod weights;

pub use backend::Backend;
pub use conv::{ConvParams, conv1d, conv2d};
pub use conv_transpose::{ConvTransposeParams, conv_transpose1d, conv_transpose2d};
pub use error::{Error, ParamError, Result};
pub use params::{OptValue, RawOptions};
pub use pool::{PoolMode, PoolParams, pool2d};
pub use tensor::HostTensor;

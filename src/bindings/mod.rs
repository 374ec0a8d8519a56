//! The wasm-bindgen layer: every export of `pkg/convscope.js`. Conversions only: reading JS
//! values, turning results and errors into JS, all in [`convert`]; the operations are in
//! [`crate::api`] and the modules it calls.
//!
//! Nothing here may panic (a panic inside WebAssembly aborts the module and every later call
//! fails), and no JS exception may unwind through wasm frames: every read of a page's value
//! goes through `read.js`, whose functions never throw.

mod architecture;
mod convert;
mod explain;
mod lenet;
mod ops;
#[cfg(feature = "train")]
mod train;

//! The wasm-bindgen layer: every export of `pkg/convscope.js`. Conversions only: reading JS
//! values, turning results and errors into JS, all in [`convert`]; the operations are in
//! [`crate::api`] and the modules it calls.
//!
//! Nothing here may panic (a panic inside WebAssembly aborts the module and every later call
//! fails), and no JS exception may unwind through wasm frames: every read of a page's value
//! goes through `read.js`, whose functions never throw.

// Without `full-api` (the training module) only `LeNet5.fromBytes`/`forward`, `preprocessDigit`,
// `layerSpecs`, `backendName`, `Trainer` and the transfer classes are exported; part of
// `convert` is then unused. With `lenet-api` alone (the student page's module, pkg-lenet/) the
// LeNet-5 API is exported without the built-in weights, the ops, the architectures and
// `explainConv2d`.
#[cfg(feature = "train")]
mod alphabet;
#[cfg(feature = "full-api")]
mod architecture;
#[cfg_attr(not(feature = "full-api"), allow(dead_code, unused_imports))]
mod convert;
#[cfg(feature = "lenet-api")]
mod explain;
#[cfg_attr(not(feature = "full-api"), allow(dead_code, unused_imports))]
mod lenet;
#[cfg_attr(not(feature = "full-api"), allow(dead_code, unused_imports))]
mod ops;
#[cfg(feature = "train")]
mod train;
#[cfg(feature = "train")]
mod transfer;

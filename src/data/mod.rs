//! Images in and out of the network: grayscale images and their transforms ([`image`]), a
//! drawn canvas turned into an MNIST-like digit ([`preprocess`]), and the MNIST files the
//! native tests and the trainer read ([`mnist`], not in the wasm build).

pub mod alphabet;
pub mod augment;
pub mod image;
#[cfg(not(target_arch = "wasm32"))]
pub mod mnist;
pub mod preprocess;
pub mod rng;

//! Which burn CPU backend runs the tensors.
//!
//! The project was specified on burn-ndarray; burn 0.22 deprecates it in favour of burn-flex,
//! which measured faster here (see README "Backends"). Both are cargo features and both can be
//! compiled at once: native tests then run every op on each of them. The wasm module is built
//! with one, and [`Backend::default`] picks flex when it is compiled in.

use burn::tensor::{Device, Tensor, TensorData};

use crate::error::Error;

#[cfg(not(any(feature = "flex", feature = "ndarray")))]
compile_error!("enable at least one backend feature: `flex` or `ndarray`");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    #[cfg(feature = "flex")]
    Flex,
    #[cfg(feature = "ndarray")]
    NdArray,
}

impl Backend {
    /// Every backend compiled into this build.
    pub const ALL: &'static [Backend] = &[
        #[cfg(feature = "flex")]
        Backend::Flex,
        #[cfg(feature = "ndarray")]
        Backend::NdArray,
    ];

    /// burn's device for this backend.
    pub fn device(self) -> Device {
        match self {
            #[cfg(feature = "flex")]
            Backend::Flex => Device::flex(),
            #[cfg(feature = "ndarray")]
            #[allow(deprecated)]
            // the ndarray backend is kept on purpose, see the module doc
            Backend::NdArray => Device::ndarray(),
        }
    }

    /// The name used in the README, benchmarks and `backendName()` in JS.
    pub fn name(self) -> &'static str {
        match self {
            #[cfg(feature = "flex")]
            Backend::Flex => "flex",
            #[cfg(feature = "ndarray")]
            Backend::NdArray => "ndarray",
        }
    }
}

impl Default for Backend {
    fn default() -> Self {
        Backend::ALL[0]
    }
}

/// Moves a row-major buffer onto `device` as a tensor of `shape`.
///
/// The caller has already checked that `data.len()` equals the product of `shape`.
pub(crate) fn upload<const D: usize>(
    data: &[f32],
    shape: [usize; D],
    device: &Device,
) -> Tensor<D> {
    Tensor::<D>::from_data(TensorData::new(data.to_vec(), shape), device)
}

/// Reads a tensor back into a row-major buffer.
pub(crate) fn download<const D: usize>(t: Tensor<D>) -> Result<Vec<f32>, Error> {
    // No `.convert::<f32>()`: the tensors are f32, and the conversion links burn's whole
    // dtype-to-dtype cast table (~180 KB of wasm).
    t.into_data()
        .try_into_vec::<f32>()
        .map_err(|e| Error::Backend(format!("{e:?}")))
}

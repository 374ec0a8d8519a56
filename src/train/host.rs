//! Reading a backend's float tensor as a row-major `&[f32]` and building one from a `Vec<f32>`:
//! what the custom training operations ([`super::custom_ops`]) need from burn-flex and
//! burn-ndarray to run their loops ([`super::kernels`]) on the values.

use burn::backend::tensor::{Device, FloatTensor};
use burn::backend::{Backend, DType, FloatDType, Shape, TensorData, TensorMetadata};

/// A CPU backend whose float tensors the host can read and write.
pub trait Host: Backend {
    /// Runs `f` on the values of `t` as row-major f32 (cast first when stored in another
    /// float type). An unreadable tensor (not expected on the CPU backends) reads as empty.
    fn with_values<R>(t: &FloatTensor<Self>, f: impl FnOnce(&[f32]) -> R) -> R;

    /// A tensor of `shape` holding `values` (row-major) on `device`.
    fn from_values(values: Vec<f32>, shape: &[usize], device: &Device<Self>) -> FloatTensor<Self> {
        Self::float_from_data(TensorData::new(values, Shape::from(shape.to_vec())), device)
    }
}

/// `t` in f32.
fn as_f32<B: Backend>(t: &FloatTensor<B>) -> FloatTensor<B> {
    match t.dtype() {
        DType::F32 => t.clone(),
        _ => B::float_cast(t.clone(), FloatDType::F32),
    }
}

#[cfg(feature = "flex")]
impl Host for burn::backend::Flex {
    fn with_values<R>(t: &FloatTensor<Self>, f: impl FnOnce(&[f32]) -> R) -> R {
        let t = as_f32::<Self>(t);
        match t.as_slice::<f32>() {
            Some(values) => f(values),
            None => f(t.to_contiguous().as_slice::<f32>().unwrap_or(&[])),
        }
    }

    fn from_values(values: Vec<f32>, shape: &[usize], _: &Device<Self>) -> FloatTensor<Self> {
        burn::backend::flex::FlexTensor::from_data(TensorData::new(
            values,
            Shape::from(shape.to_vec()),
        ))
    }
}

#[cfg(feature = "ndarray")]
#[allow(deprecated)] // burn-ndarray is kept on purpose (src/backend.rs)
impl Host for burn::backend::NdArray {
    fn with_values<R>(t: &FloatTensor<Self>, f: impl FnOnce(&[f32]) -> R) -> R {
        use burn::backend::ops::FloatTensorOps;
        // burn-ndarray's read is a future that is ready at once.
        let read = Self::float_into_data(as_f32::<Self>(t));
        let mut read = std::pin::pin!(read);
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        match read.as_mut().poll(&mut cx) {
            std::task::Poll::Ready(Ok(data)) => f(data.as_slice::<f32>().unwrap_or(&[])),
            _ => f(&[]),
        }
    }
}

//! Small f32 convolutions and pooling in plain loops, without burn: the path for the problems
//! where burn's per-operation cost (uploading input, weight and bias as tensors, the dtype
//! dispatch, im2col and gemm set-up, the download) is most of the time.
//!
//! One implementation serves both users: [`crate::ops::conv2d`] / [`crate::ops::conv1d`] /
//! [`crate::ops::pool2d`] route a call here when [`conv::pays`] / [`pool::pays`] say so, and
//! [`crate::lenet::direct`] runs LeNet-5's layers with it. burn's path stays the definition
//! and the reference (tests/ops_direct.rs compares the two on many shapes on every backend).
//!
//! A convolution is one im2col and one small matrix product per group, bias added in the same
//! pass; the inner loops work on blocks of [`BLOCK`] lanes for [`ROWS`] output channels at a
//! time so that rustc emits simd128 for them. Sums are added in another order than burn's
//! (differences of a few float ulps).

pub mod conv;
pub mod pool;

pub use conv::{ConvGeometry, conv2d};
pub use pool::{PoolGeometry, pool2d};

/// Lanes of one accumulator block (4 simd128 vectors).
pub const BLOCK: usize = 16;

/// Output channels computed together (each column block of im2col is loaded once for them).
pub const ROWS: usize = 2;

/// `Σ a[i]·b[i]` in [`BLOCK`] lanes (so that it vectorises), then the lanes and the tail.
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0.0f32; BLOCK];
    let (ca, cb) = (a.chunks_exact(BLOCK), b.chunks_exact(BLOCK));
    let tail: f32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in ca.zip(cb) {
        for ((s, x), y) in acc.iter_mut().zip(x).zip(y) {
            *s += x * y;
        }
    }
    acc.iter().sum::<f32>() + tail
}

/// Which implementation runs a convolution or a pooling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// The direct path when it pays ([`conv::pays`], [`pool::pays`]), else burn: what the
    /// public ops do.
    Auto,
    /// burn: the definition, and the tests' reference for the direct path.
    Burn,
    /// The direct path whatever the size.
    Direct,
}

impl Route {
    /// Whether this call goes the direct way; `pays` is asked only on [`Route::Auto`].
    pub fn takes_direct(self, pays: impl FnOnce() -> bool) -> bool {
        match self {
            Route::Auto => pays(),
            Route::Burn => false,
            Route::Direct => true,
        }
    }
}

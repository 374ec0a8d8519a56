//! Case-study architectures (LeNet-5, AlexNet, VGG, GoogLeNet, ResNet, ResNeXt, SENet) as
//! data, and the shape inference that turns them into the lecture's layer tables.
//!
//! - [`spec`]: what a network *is*: layers and blocks with their hyperparameters.
//! - [`zoo`]: the networks, transcribed from their papers' tables (sources in each spec).
//! - [`infer`]: the one routine that computes every shape, parameter count, multiply-add
//!   count and receptive field, reusing [`crate::ops::shape::conv_len`] and
//!   [`crate::ops::receptive_field::sizes`].
//!
//! ```
//! use convscope::architecture::{self, InferOptions};
//! let alexnet = architecture::get("alexnet").unwrap();
//! let table = architecture::infer(&alexnet, &InferOptions::default()).unwrap();
//! assert_eq!(table.rows[1].out_shape, [96, 55, 55]); // CONV1: 96 11×11 filters at stride 4
//! ```

pub mod infer;
pub mod spec;
pub mod zoo;

pub use infer::{Hyper, InferOptions, Inference, LayerOverride, Row, RowKind, Totals, infer};
pub use spec::{Node, Spec};

use crate::error::ParamError;

/// Every architecture's identifier, in lecture order.
pub fn names() -> &'static [&'static str] {
    &zoo::NAMES
}

/// The spec of `name`, or `None`.
pub fn get(name: &str) -> Option<Spec> {
    zoo::get(name)
}

/// The spec of `name`, or an error of `op` naming the parameter `name` and listing the choices.
pub fn lookup(op: &'static str, name: &str) -> Result<Spec, ParamError> {
    get(name).ok_or_else(|| {
        ParamError::new(
            op,
            "name",
            format!("expected one of {}, got {name:?}", zoo::NAMES.join(", ")),
        )
    })
}

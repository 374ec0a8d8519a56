//! The tensor operations for the page: convolutions, transposed convolutions, pooling and the
//! output-size formula. Conversions only; the work is in [`crate::api`]. Without `full-api`
//! (the training module) only `backendName` is exported.

use js_sys::Object;
use wasm_bindgen::prelude::*;

use super::convert::{JsResult, core_error, read_options, read_tensor, set, tensor_to_js};
use crate::api;
use crate::backend::Backend;
use crate::ops::conv::ConvParams;
use crate::ops::conv_transpose::ConvTransposeParams;
use crate::ops::pool::PoolParams;
use crate::params::RawOptions;
use crate::tensor::HostTensor;

type BinaryOp = fn(Backend, &HostTensor, &HostTensor, &RawOptions) -> crate::Result<HostTensor>;

/// Reads `input`, `weight` and the options (keys `known`), runs `f`, returns the tensor.
fn binary(
    op: &'static str,
    known: &[&str],
    f: BinaryOp,
    input: &JsValue,
    weight: &JsValue,
    options: &JsValue,
) -> JsResult<JsValue> {
    let input = read_tensor(op, "input", input)?;
    let weight = read_tensor(op, "weight", weight)?;
    // No list option (a bias: one value per output channel) can be longer than the weight.
    let max_list = weight.data.len().max(2);
    let opts = read_options(op, options, known, max_list)?;
    let out =
        f(Backend::default(), &input, &weight, &opts).map_err(|e| core_error(op, "input", e))?;
    Ok(tensor_to_js(&out))
}

#[cfg(feature = "full-api")]
/// `conv2d(input [C,H,W], weight [O,C/groups,KH,KW], {bias?, stride?, padding?, dilation?,
/// groups?})` → `{data, shape: [O, OH, OW]}`, as `torch.nn.functional.conv2d`.
#[wasm_bindgen]
pub fn conv2d(input: JsValue, weight: JsValue, options: JsValue) -> JsResult<JsValue> {
    let known = ConvParams::<2>::OPTION_KEYS;
    binary("conv2d", known, api::conv2d_js, &input, &weight, &options)
}

#[cfg(feature = "full-api")]
/// `conv1d(input [C,L], weight [O,C/groups,K], {bias?, stride?, padding?, dilation?, groups?})`
/// → `{data, shape: [O, OL]}`, as `torch.nn.functional.conv1d`.
#[wasm_bindgen]
pub fn conv1d(input: JsValue, weight: JsValue, options: JsValue) -> JsResult<JsValue> {
    let known = ConvParams::<1>::OPTION_KEYS;
    binary("conv1d", known, api::conv1d_js, &input, &weight, &options)
}

#[cfg(feature = "full-api")]
/// `convTranspose2d(input [C,H,W], weight [C,O/groups,KH,KW], {bias?, stride?, padding?,
/// outputPadding?, dilation?, groups?})` → `{data, shape: [O, OH, OW]}`, as
/// `torch.nn.functional.conv_transpose2d`.
#[wasm_bindgen(js_name = convTranspose2d)]
pub fn conv_transpose2d(input: JsValue, weight: JsValue, options: JsValue) -> JsResult<JsValue> {
    let (op, known) = ("convTranspose2d", ConvTransposeParams::<2>::OPTION_KEYS);
    binary(
        op,
        known,
        api::conv_transpose2d_js,
        &input,
        &weight,
        &options,
    )
}

#[cfg(feature = "full-api")]
/// `convTranspose1d(input [C,L], weight [C,O/groups,K], {...})` → `{data, shape: [O, OL]}`,
/// as `torch.nn.functional.conv_transpose1d`.
#[wasm_bindgen(js_name = convTranspose1d)]
pub fn conv_transpose1d(input: JsValue, weight: JsValue, options: JsValue) -> JsResult<JsValue> {
    let (op, known) = ("convTranspose1d", ConvTransposeParams::<1>::OPTION_KEYS);
    binary(
        op,
        known,
        api::conv_transpose1d_js,
        &input,
        &weight,
        &options,
    )
}

#[cfg(feature = "full-api")]
/// `pool2d(input [C,H,W], {mode: 'max'|'avg', kernel, stride? = kernel, padding? = 0})` →
/// `{data, shape: [C, OH, OW]}`, as `F.max_pool2d` / `F.avg_pool2d` (count_include_pad).
#[wasm_bindgen]
pub fn pool2d(input: JsValue, options: JsValue) -> JsResult<JsValue> {
    const OP: &str = "pool2d";
    let input = read_tensor(OP, "input", &input)?;
    let opts = read_options(OP, &options, PoolParams::OPTION_KEYS, 2)?;
    let out = api::pool2d_js(Backend::default(), &input, &opts)
        .map_err(|e| core_error(OP, "input", e))?;
    Ok(tensor_to_js(&out))
}

#[cfg(feature = "full-api")]
/// `outputSize({kind?: 'conv'|'pool'|'transposed', input, kernel, stride?, padding?,
/// dilation?, outputPadding?})` → `{size, formula, reason}` for one axis, without running an
/// op; `size < 1` comes with a `reason` that explains it.
#[wasm_bindgen(js_name = outputSize)]
pub fn output_size(options: JsValue) -> JsResult<JsValue> {
    let opts = read_options("outputSize", &options, api::OUTPUT_SIZE_KEYS, 2)?;
    let r = api::output_size_js(&opts)?;
    let obj = Object::new();
    set(&obj, "size", &JsValue::from(r.size as f64));
    set(&obj, "formula", &JsValue::from(r.formula));
    set(
        &obj,
        "reason",
        &r.reason.map_or(JsValue::NULL, JsValue::from),
    );
    Ok(obj.into())
}

/// The burn backend this module was built with: `'flex'` or `'ndarray'`.
#[wasm_bindgen(js_name = backendName)]
pub fn backend_name() -> String {
    Backend::default().name().to_string()
}

//! The wasm-bindgen layer: converts JS values to the core's types and back, and core errors to
//! JS `Error`s. No arithmetic and no validation beyond "is this the right JS type" lives here;
//! see [`crate::api`] for the operations and [`crate::params`] for option checking.
//!
//! Nothing in this file may panic: a panic inside WebAssembly aborts the module and every later
//! call fails. Every conversion returns `Result<_, JsError>`.

use js_sys::{Array, Float32Array, Object, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::api;
use crate::backend::Backend;
use crate::error::Error;
use crate::params::{OptValue, RawOptions};
use crate::tensor::HostTensor;

mod architecture;
mod explain;
mod lenet;

pub(crate) fn js_err(e: Error) -> JsError {
    JsError::new(&e.to_string())
}

pub(crate) fn type_name(v: &JsValue) -> String {
    v.js_typeof()
        .as_string()
        .unwrap_or_else(|| "unknown".into())
}

/// Longest array accepted from JS, checked before anything is copied (an allocation failure
/// would abort the wasm instance).
pub(crate) const MAX_JS_LEN: u32 = crate::tensor::MAX_ELEMENTS as u32;

/// Most keys an options object may have (every op knows fewer than ten).
const MAX_OPTION_KEYS: u32 = 32;

/// Why an argument could not be read as numbers.
pub(crate) enum ReadError {
    /// Not an array or typed array of numbers; the string names what it was.
    NotNumbers(String),
    /// More than [`MAX_JS_LEN`] elements.
    TooLong(u32),
    /// Reading it threw in JS (a getter, a Proxy).
    Threw,
}

impl ReadError {
    pub(crate) fn describe(&self) -> String {
        match self {
            ReadError::NotNumbers(what) => format!("got {what}"),
            ReadError::TooLong(n) => {
                format!("it has {n} elements, more than the {MAX_JS_LEN} allowed")
            }
            ReadError::Threw => "reading it threw an exception".into(),
        }
    }
}

/// Reads a JS array or typed array of numbers.
///
/// Only calls that catch JS exceptions are used (`Reflect.get`, typed-array copies): an
/// exception thrown by a getter or Proxy must not unwind through wasm frames, which would leak
/// the wasm stack.
pub(crate) fn numbers(v: &JsValue) -> Result<Vec<f64>, ReadError> {
    macro_rules! typed {
        ($($t:ty),*) => {$(
            if let Some(a) = v.dyn_ref::<$t>() {
                let n = a.length();
                if n > MAX_JS_LEN {
                    return Err(ReadError::TooLong(n));
                }
                return Ok(a.to_vec().into_iter().map(f64::from).collect());
            }
        )*};
    }
    typed!(
        Float32Array,
        js_sys::Float64Array,
        js_sys::Int8Array,
        js_sys::Uint8Array,
        js_sys::Uint8ClampedArray,
        js_sys::Int16Array,
        js_sys::Uint16Array,
        js_sys::Int32Array,
        js_sys::Uint32Array
    );
    if !Array::is_array(v) {
        return Err(ReadError::NotNumbers(type_name(v)));
    }
    let n = Reflect::get(v, &"length".into())
        .map_err(|_| ReadError::Threw)?
        .as_f64()
        .unwrap_or(0.0);
    if n > MAX_JS_LEN as f64 {
        return Err(ReadError::TooLong(n as u32));
    }
    let mut out = Vec::with_capacity(n as usize);
    for i in 0..n as u32 {
        let x = Reflect::get_u32(v, i).map_err(|_| ReadError::Threw)?;
        out.push(
            x.as_f64().ok_or_else(|| {
                ReadError::NotNumbers(format!("an array holding {}", type_name(&x)))
            })?,
        );
    }
    Ok(out)
}

/// Copies a JS options object into [`RawOptions`] without interpreting it.
fn raw_options(op: &'static str, v: &JsValue) -> Result<RawOptions, JsError> {
    let mut opts = RawOptions::new();
    if v.is_undefined() || v.is_null() {
        return Ok(opts);
    }
    let what = if Array::is_array(v) {
        "an array".to_string()
    } else {
        type_name(v)
    };
    if !v.is_object() || v.is_function() || Array::is_array(v) {
        return Err(JsError::new(&format!(
            "{op}: invalid `options`: expected an object such as {{stride: 1}}, got {what}"
        )));
    }
    let bad = |m: String| JsError::new(&format!("{op}: invalid `options`: {m}"));
    let keys =
        Reflect::own_keys(v).map_err(|_| bad("reading its keys threw an exception".into()))?;
    if keys.length() > MAX_OPTION_KEYS {
        return Err(bad(format!(
            "it has {} keys, more than {MAX_OPTION_KEYS}",
            keys.length()
        )));
    }
    for i in 0..keys.length() {
        let key = Reflect::get_u32(&keys, i)
            .map_err(|_| bad("reading its keys threw an exception".into()))?;
        let Some(name) = key.as_string() else {
            continue;
        }; // symbols are not options
        let value = Reflect::get(v, &key)
            .map_err(|_| bad(format!("reading `{name}` threw an exception")))?;
        let parsed = if value.is_undefined() || value.is_null() {
            continue;
        } else if let Some(n) = value.as_f64() {
            OptValue::Num(n)
        } else if let Some(s) = value.as_string() {
            OptValue::Text(s)
        } else if let Some(b) = value.as_bool() {
            OptValue::Bool(b)
        } else {
            match numbers(&value) {
                Ok(list) => OptValue::List(list),
                Err(ReadError::NotNumbers(t)) => OptValue::Other(t),
                Err(e) => {
                    return Err(JsError::new(&format!(
                        "{op}: invalid `{name}`: {}",
                        e.describe()
                    )));
                }
            }
        };
        opts.insert(&name, parsed);
    }
    Ok(opts)
}

/// Reads `{data: Float32Array | number[], shape: number[]}`.
fn host_tensor(op: &'static str, param: &str, v: &JsValue) -> Result<HostTensor, JsError> {
    let bad = |what: &str| {
        JsError::new(&format!(
            "{op}: invalid `{param}`: expected {{data: Float32Array, shape: number[]}}, {what}"
        ))
    };
    if !v.is_object() {
        return Err(bad(&format!("got {}", type_name(v))));
    }
    let data =
        Reflect::get(v, &"data".into()).map_err(|_| bad("reading .data threw an exception"))?;
    let shape =
        Reflect::get(v, &"shape".into()).map_err(|_| bad("reading .shape threw an exception"))?;
    let data: Vec<f32> = if let Some(a) = data.dyn_ref::<Float32Array>() {
        if a.length() > MAX_JS_LEN {
            return Err(bad(&format!(
                ".data has {} values, more than the {MAX_JS_LEN} allowed",
                a.length()
            )));
        }
        a.to_vec()
    } else {
        numbers(&data)
            .map_err(|e| bad(&format!(".data: {}", e.describe())))?
            .into_iter()
            .map(|x| x as f32)
            .collect()
    };
    if Array::is_array(&shape)
        && Reflect::get(&shape, &"length".into())
            .ok()
            .and_then(|l| l.as_f64())
            .unwrap_or(0.0)
            > 8.0
    {
        return Err(bad(".shape has more than 8 axes"));
    }
    let dims = numbers(&shape).map_err(|e| bad(&format!(".shape: {}", e.describe())))?;
    if dims.len() > 8 {
        return Err(bad(".shape has more than 8 axes"));
    }
    let mut shape = Vec::with_capacity(dims.len());
    for d in dims {
        // Whole numbers only; the core decides whether the size itself is acceptable.
        if !(d.is_finite() && d.fract() == 0.0 && d >= 0.0 && d <= u32::MAX as f64) {
            return Err(bad(&format!(".shape has {d}, expected whole numbers >= 1")));
        }
        shape.push(d as usize);
    }
    Ok(HostTensor::new(data, shape))
}

pub(crate) fn set(obj: &Object, key: &str, value: &JsValue) {
    // Setting a property on a fresh plain object cannot fail; ignore the impossible error.
    let _ = Reflect::set(obj, &key.into(), value);
}

/// Converts a result tensor into `{data: Float32Array, shape: number[]}`.
pub(crate) fn tensor_to_js(t: &HostTensor) -> JsValue {
    let obj = Object::new();
    set(&obj, "data", &Float32Array::from(t.data.as_slice()).into());
    let shape: Array = t.shape.iter().map(|&d| JsValue::from(d as f64)).collect();
    set(&obj, "shape", &shape.into());
    obj.into()
}

type BinaryOp = fn(Backend, &HostTensor, &HostTensor, &RawOptions) -> crate::Result<HostTensor>;

fn binary(
    op: &'static str,
    f: BinaryOp,
    input: &JsValue,
    weight: &JsValue,
    options: &JsValue,
) -> Result<JsValue, JsError> {
    let input = host_tensor(op, "input", input)?;
    let weight = host_tensor(op, "weight", weight)?;
    let opts = raw_options(op, options)?;
    let out = f(Backend::default(), &input, &weight, &opts).map_err(js_err)?;
    Ok(tensor_to_js(&out))
}

/// `conv2d(input [C,H,W], weight [O,C/groups,KH,KW], {bias?, stride?, padding?, dilation?,
/// groups?})` → `{data, shape: [O, OH, OW]}`, as `torch.nn.functional.conv2d`.
#[wasm_bindgen]
pub fn conv2d(input: JsValue, weight: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    binary("conv2d", api::conv2d_js, &input, &weight, &options)
}

/// `conv1d(input [C,L], weight [O,C/groups,K], {bias?, stride?, padding?, dilation?, groups?})`
/// → `{data, shape: [O, OL]}`, as `torch.nn.functional.conv1d`.
#[wasm_bindgen]
pub fn conv1d(input: JsValue, weight: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    binary("conv1d", api::conv1d_js, &input, &weight, &options)
}

/// `convTranspose2d(input [C,H,W], weight [C,O/groups,KH,KW], {bias?, stride?, padding?,
/// outputPadding?, dilation?, groups?})` → `{data, shape: [O, OH, OW]}`, as
/// `torch.nn.functional.conv_transpose2d`.
#[wasm_bindgen(js_name = convTranspose2d)]
pub fn conv_transpose2d(
    input: JsValue,
    weight: JsValue,
    options: JsValue,
) -> Result<JsValue, JsError> {
    binary(
        "convTranspose2d",
        api::conv_transpose2d_js,
        &input,
        &weight,
        &options,
    )
}

/// `convTranspose1d(input [C,L], weight [C,O/groups,K], {...})` → `{data, shape: [O, OL]}`,
/// as `torch.nn.functional.conv_transpose1d`.
#[wasm_bindgen(js_name = convTranspose1d)]
pub fn conv_transpose1d(
    input: JsValue,
    weight: JsValue,
    options: JsValue,
) -> Result<JsValue, JsError> {
    binary(
        "convTranspose1d",
        api::conv_transpose1d_js,
        &input,
        &weight,
        &options,
    )
}

/// `pool2d(input [C,H,W], {mode: 'max'|'avg', kernel, stride? = kernel, padding? = 0})` →
/// `{data, shape: [C, OH, OW]}`, as `F.max_pool2d` / `F.avg_pool2d` (count_include_pad).
#[wasm_bindgen]
pub fn pool2d(input: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let input = host_tensor("pool2d", "input", &input)?;
    let opts = raw_options("pool2d", &options)?;
    let out = api::pool2d_js(Backend::default(), &input, &opts).map_err(js_err)?;
    Ok(tensor_to_js(&out))
}

/// `outputSize({kind?: 'conv'|'pool'|'transposed', input, kernel, stride?, padding?,
/// dilation?, outputPadding?})` → `{size, formula, reason}` for one axis, without running an
/// op; `size < 1` comes with a `reason` that explains it.
#[wasm_bindgen(js_name = outputSize)]
pub fn output_size(options: JsValue) -> Result<JsValue, JsError> {
    let opts = raw_options("outputSize", &options)?;
    let r = api::output_size_js(&opts).map_err(|e| js_err(e.into()))?;
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

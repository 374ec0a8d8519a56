//! Results and errors to JS: tensors as `{data, shape}`, serde values as plain data, core
//! errors as JS `Error`s carrying `op`, `param`, `code`, `expected`, `got` and `limit`.

use js_sys::{Array, Float32Array, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::JsResult;
use crate::error::{Code, Error, ParamError, Value};
use crate::tensor::HostTensor;

/// Sets a property on an object this module made.
pub(crate) fn set_key(obj: &JsValue, key: &JsValue, value: &JsValue) {
    // Setting a property on a fresh plain object cannot fail; ignore the impossible error.
    let _ = Reflect::set(obj, key, value);
}

/// Sets `key` on an object this module made.
pub(crate) fn set(obj: &Object, key: &str, value: &JsValue) {
    set_key(obj, &key.into(), value);
}

/// A list of numbers as a JS array.
pub(crate) fn usizes_to_js(v: &[usize]) -> JsValue {
    v.iter()
        .map(|&d| JsValue::from(d as f64))
        .collect::<Array>()
        .into()
}

/// Numbers as a `Float32Array`.
pub(crate) fn floats_to_js(v: &[f32]) -> JsValue {
    Float32Array::from(v).into()
}

/// Names (classes, layers) as a JS array of strings.
#[cfg(feature = "train")]
pub(crate) fn strings_to_js<S: AsRef<str>>(v: &[S]) -> JsValue {
    v.iter()
        .map(|s| JsValue::from(s.as_ref()))
        .collect::<Array>()
        .into()
}

/// A result tensor as `{data: Float32Array, shape: number[]}`.
pub(crate) fn tensor_to_js(t: &HostTensor) -> JsValue {
    let obj = Object::new();
    set(&obj, "data", &floats_to_js(&t.data));
    set(&obj, "shape", &usizes_to_js(&t.shape));
    obj.into()
}

/// A serde value as plain JS data (objects, arrays, numbers, `null`).
pub(crate) fn to_plain_js<T: Serialize>(op: &'static str, value: &T) -> JsResult<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| {
            js_error(
                &format!("{op}: could not convert the result: {e}"),
                op,
                None,
                Code::Internal,
            )
        })
}

fn value_to_js(v: &Value) -> JsValue {
    match v {
        Value::Num(n) => JsValue::from(*n),
        Value::Text(s) => JsValue::from(s.as_str()),
        Value::List(items) => items.iter().map(value_to_js).collect::<Array>().into(),
    }
}

/// A JS `Error` with `message` and the properties `op`, `param` (a string or null) and `code`.
pub(crate) fn js_error(message: &str, op: &str, param: Option<&str>, code: Code) -> JsValue {
    let err: Object = js_sys::Error::new(message).into();
    set(&err, "op", &op.into());
    set(&err, "param", &param.map_or(JsValue::NULL, JsValue::from));
    set(&err, "code", &code.name().into());
    err.into()
}

impl From<ParamError> for JsValue {
    /// The JS `Error` for an argument error: its message, `op`, `param`, `code`, and
    /// `expected` / `got` / `limit` where the error has them.
    fn from(e: ParamError) -> JsValue {
        let err: Object = js_error(&e.to_string(), e.op, Some(&e.param), e.code).into();
        for (key, value) in [
            ("expected", &e.expected),
            ("got", &e.got),
            ("limit", &e.limit),
        ] {
            if let Some(v) = value {
                set(&err, key, &value_to_js(v));
            }
        }
        err.into()
    }
}

/// The JS `Error` for a core error of `op`: argument errors carry their own op and parameter;
/// a weights error is about `param`; the rest name only `op`.
pub(crate) fn core_error(op: &'static str, param: &str, e: Error) -> JsValue {
    match e {
        Error::Param(p) => p.into(),
        Error::Weights(w) => ParamError::new(op, param, format!("model weights: {}", w.message))
            .with_code(w.code)
            .into(),
        e @ (Error::Backend(_) | Error::Data(_)) => {
            js_error(&format!("{op}: {e}"), op, None, e.code())
        }
    }
}

//! Case-study architectures for the page: `architectureNames()`, `architecture(name)` and
//! `inferShapes(spec, {inputSize?, overrides?})`. Conversions only; the arithmetic is in
//! [`crate::architecture`].
//!
//! Specs and tables cross the boundary through `serde-wasm-bindgen` in its JSON-compatible
//! mode (plain objects, `null` for missing values, numbers for counts, which stay below 2^53
//! by construction). A spec coming *from* JS is first walked iteratively to bound its depth
//! and size: a deeply nested object would otherwise make the recursive deserializer and the
//! recursive inference overflow the wasm stack, which aborts the module instead of throwing.

use js_sys::{Array, Object};
use serde::Serialize;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::{js_err, numbers, type_name};
use crate::architecture::{self as arch, InferOptions, Spec};
use crate::params::{OptValue, RawOptions};

const OP: &str = arch::infer::OP;
/// Deepest nesting of JS objects/arrays accepted in a spec (real specs: about 12).
const MAX_SPEC_DEPTH: usize = 40;
/// Most values (objects, arrays, numbers, strings) accepted in a spec (ResNet-152: about 8,000).
const MAX_SPEC_VALUES: usize = 50_000;
/// Longest JSON text of a spec or options object accepted (ResNet-152: about 300 KB).
const MAX_JSON_CHARS: u32 = 4 << 20;
/// Most layer overrides accepted in one call.
const MAX_OVERRIDES: u32 = 1_000;

/// A plain-data copy of `v` made by `JSON.parse(JSON.stringify(v))`, through calls that catch
/// JS exceptions: getters and Proxies run exactly once, here, and whatever they throw becomes
/// an error instead of unwinding through wasm frames (which would leak the wasm stack). What is
/// checked afterwards is exactly what is parsed.
fn snapshot(param: &str, v: &JsValue) -> Result<JsValue, JsError> {
    let bad = |m: String| JsError::new(&format!("{OP}: invalid `{param}`: {m}"));
    let text = js_sys::JSON::stringify(v)
        .map_err(|e| bad(format!("it cannot be copied as JSON ({})", type_name(&e))))?;
    if text.length() > MAX_JSON_CHARS {
        return Err(bad(format!(
            "its JSON text has {} characters, more than {MAX_JSON_CHARS}",
            text.length()
        )));
    }
    js_sys::JSON::parse(&String::from(text)).map_err(|_| bad("it cannot be copied as JSON".into()))
}

fn to_js<T: Serialize>(op: &str, value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("{op}: could not convert the result: {e}")))
}

fn is_plain_object(v: &JsValue) -> bool {
    v.is_object() && !v.is_function() && !Array::is_array(v)
}

/// Rejects values nested deeper than [`MAX_SPEC_DEPTH`] or larger than [`MAX_SPEC_VALUES`],
/// without recursion (cycles hit the depth limit).
fn check_size(v: &JsValue) -> Result<(), String> {
    let mut stack = vec![(v.clone(), 0usize)];
    let mut seen = 0usize;
    while let Some((x, depth)) = stack.pop() {
        seen += 1;
        if seen > MAX_SPEC_VALUES {
            return Err(format!("expected at most {MAX_SPEC_VALUES} values"));
        }
        if depth > MAX_SPEC_DEPTH {
            return Err(format!(
                "expected objects nested at most {MAX_SPEC_DEPTH} deep"
            ));
        }
        if let Some(a) = x.dyn_ref::<Array>() {
            stack.extend(a.iter().map(|e| (e, depth + 1)));
        } else if x.is_object() && !x.is_function() && !js_sys::ArrayBuffer::is_view(&x) {
            let obj: &Object = x.unchecked_ref();
            stack.extend(Object::values(obj).iter().map(|e| (e, depth + 1)));
        }
    }
    Ok(())
}

/// One option value, uninterpreted; `None` for `undefined`/`null`.
fn opt_value(v: &JsValue) -> Option<OptValue> {
    if v.is_undefined() || v.is_null() {
        None
    } else if let Some(n) = v.as_f64() {
        Some(OptValue::Num(n))
    } else if let Some(s) = v.as_string() {
        Some(OptValue::Text(s))
    } else if let Some(b) = v.as_bool() {
        Some(OptValue::Bool(b))
    } else {
        match numbers(v) {
            Ok(list) => Some(OptValue::List(list)),
            Err(e) => Some(OptValue::Other(e.describe())),
        }
    }
}

/// `{inputSize?, overrides?: {[path]: {stride?, padding?}}}` → top-level options and one
/// [`RawOptions`] per overridden layer path.
fn read_options(v: &JsValue) -> Result<(RawOptions, Vec<(String, RawOptions)>), JsError> {
    let mut top = RawOptions::new();
    let mut overrides = Vec::new();
    if v.is_undefined() || v.is_null() {
        return Ok((top, overrides));
    }
    if !is_plain_object(v) {
        return Err(JsError::new(&format!(
            "{OP}: invalid `options`: expected {{inputSize?, overrides?}}, got {}",
            type_name(v)
        )));
    }
    let v = &snapshot("options", v)?;
    if let Ok(o) = js_sys::Reflect::get(v, &"overrides".into())
        && o.is_object()
        && Object::keys(o.unchecked_ref::<Object>()).length() > MAX_OVERRIDES
    {
        return Err(JsError::new(&format!(
            "{OP}: invalid `overrides`: more than {MAX_OVERRIDES} layers"
        )));
    }
    if Object::keys(v.unchecked_ref::<Object>()).length() > 32 {
        return Err(JsError::new(&format!(
            "{OP}: invalid `options`: more than 32 keys"
        )));
    }
    for entry in Object::entries(v.unchecked_ref()).iter() {
        let pair: Array = entry.unchecked_into();
        let key = pair.get(0).as_string().unwrap_or_default();
        let value = pair.get(1);
        if key != "overrides" {
            if let Some(o) = opt_value(&value) {
                top.insert(&key, o);
            }
            continue;
        }
        if value.is_undefined() || value.is_null() {
            continue;
        }
        if !is_plain_object(&value) {
            return Err(JsError::new(&format!(
                "{OP}: invalid `overrides`: expected an object {{\"<layer path>\": {{stride?, padding?}}}}, got {}",
                type_name(&value)
            )));
        }
        for layer in Object::entries(value.unchecked_ref()).iter() {
            let layer: Array = layer.unchecked_into();
            let path = layer.get(0).as_string().unwrap_or_default();
            let edit = layer.get(1);
            if edit.is_undefined() || edit.is_null() {
                continue;
            }
            if !is_plain_object(&edit) {
                return Err(JsError::new(&format!(
                    "{OP}: invalid `{path}`: expected {{stride?, padding?}}, got {}",
                    type_name(&edit)
                )));
            }
            let mut raw = RawOptions::new();
            for kv in Object::entries(edit.unchecked_ref()).iter() {
                let kv: Array = kv.unchecked_into();
                let k = kv.get(0).as_string().unwrap_or_default();
                if let Some(o) = opt_value(&kv.get(1)) {
                    raw.insert(&k, o);
                }
            }
            overrides.push((path, raw));
        }
    }
    Ok((top, overrides))
}

/// A spec from JS: an architecture name or a spec object (as `architecture(name)` returns).
fn read_spec(v: &JsValue) -> Result<Spec, JsError> {
    if let Some(name) = v.as_string() {
        return arch::get(&name).ok_or_else(|| {
            JsError::new(&format!(
                "{OP}: invalid `spec`: expected a spec object or one of {}, got {name:?}",
                arch::names().join(", ")
            ))
        });
    }
    if !is_plain_object(v) {
        return Err(JsError::new(&format!(
            "{OP}: invalid `spec`: expected a spec object or an architecture name, got {}",
            type_name(v)
        )));
    }
    let v = snapshot("spec", v)?;
    check_size(&v).map_err(|m| JsError::new(&format!("{OP}: invalid `spec`: {m}")))?;
    serde_wasm_bindgen::from_value(v)
        .map_err(|e| JsError::new(&format!("{OP}: invalid `spec`: {e}")))
}

/// `architectureNames()` → the identifiers of every case-study network, in lecture order
/// (`'lenet5'`, `'alexnet'`, …, `'se-resnet50'`).
#[wasm_bindgen(js_name = architectureNames)]
pub fn architecture_names() -> Array {
    arch::names().iter().map(|n| JsValue::from_str(n)).collect()
}

/// `architecture(name)` → the network's spec as a plain object: `{name, title, family, year,
/// source, notes, top5Error, top5Note, input: [C,H,W], layers: [{kind, name, …}]}`.
#[wasm_bindgen(js_name = architecture)]
pub fn architecture_spec(name: JsValue) -> Result<JsValue, JsError> {
    let Some(name) = name.as_string() else {
        return Err(JsError::new(&format!(
            "architecture: invalid `name`: expected a string, got {}",
            type_name(&name)
        )));
    };
    let spec = arch::lookup("architecture", &name).map_err(|e| js_err(e.into()))?;
    to_js("architecture", &spec)
}

/// `inferShapes(spec | name, {inputSize?: n | [h,w], overrides?: {[path]: {stride?, padding?}}})`
/// → `{name, title, input, rows: [{path, name, kind, kernel, stride, padding, outShape, params,
/// macs, receptiveField, cumulativeParams, cumulativeMacs, …}], totals: {params, macs,
/// weightLayers, outShape, byKind}}`. An invalid spec or edit throws an `Error`
/// ``inferShapes: invalid `<layer>.<param>`: …``.
#[wasm_bindgen(js_name = inferShapes)]
pub fn infer_shapes(spec: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let spec = read_spec(&spec)?;
    let (top, overrides) = read_options(&options)?;
    let opts = InferOptions::parse(&top, &overrides).map_err(|e| js_err(e.into()))?;
    let table = arch::infer(&spec, &opts).map_err(|e| js_err(e.into()))?;
    to_js(OP, &table)
}

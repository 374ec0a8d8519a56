//! Case-study architectures for the page: `architectureNames()`, `architecture(name)` and
//! `inferShapes(spec, {inputSize?, overrides?})`. Conversions only; the arithmetic is in
//! [`crate::architecture`].
//!
//! Specs and tables cross the boundary through `serde-wasm-bindgen` in its JSON-compatible
//! mode (plain objects, `null` for missing values, numbers for counts, which stay below 2^53
//! by construction). A spec coming *from* JS is first copied as plain data within bounds on
//! its depth and size ([`read_plain`]): a deeply nested object would otherwise make the
//! recursive deserializer and the recursive inference overflow the wasm stack, which aborts
//! the module instead of throwing.

use js_sys::Array;
use wasm_bindgen::prelude::*;

use super::convert::{
    JsResult, PlainLimits, kind, object_keys, opt_value, option_values, read_plain, read_string,
    to_plain_js, values_of,
};
use crate::architecture::{self as arch, InferOptions, Spec};
use crate::error::{Code, ParamError};
use crate::params::RawOptions;

const OP: &str = arch::infer::OP;
/// What a spec from JS may hold (real specs: nesting about 12, ResNet-152 about 8,000 values
/// and 300 KB of text).
const SPEC_LIMITS: PlainLimits = PlainLimits {
    depth: 40,
    values: 50_000,
    chars: 4 << 20,
};
/// Most layer overrides accepted in one call.
const MAX_OVERRIDES: usize = 1_000;
/// Longest architecture name accepted.
const MAX_NAME_CHARS: usize = 64;
/// Option keys of `inferShapes` and of one layer override.
const OPTION_KEYS: &[&str] = &["inputSize", "overrides"];
const OVERRIDE_KEYS: &[&str] = &["stride", "padding"];

/// `{inputSize?, overrides?: {[path]: {stride?, padding?}}}` → top-level options and one
/// [`RawOptions`] per overridden layer path. Unknown keys fail before any value is read.
fn read_infer_options(v: &JsValue) -> Result<(RawOptions, Vec<(String, RawOptions)>), ParamError> {
    let mut top = RawOptions::new();
    let mut overrides = Vec::new();
    let form = "{inputSize?, overrides?}";
    for (key, value) in option_values(OP, "options", "", form, v, OPTION_KEYS)? {
        if key != "overrides" {
            top.insert(&key, opt_value(OP, &key, &value, 2)?);
            continue;
        }
        let form = "an object {\"<layer path>\": {stride?, padding?}}";
        let paths = object_keys(OP, "overrides", form, &value, MAX_OVERRIDES, &|_| {
            format!("more than {MAX_OVERRIDES} layers")
        })?;
        for (path, edit) in values_of(OP, "", &value, paths)? {
            let prefix = format!("{path}.");
            let mut raw = RawOptions::new();
            for (k, x) in option_values(
                OP,
                &path,
                &prefix,
                "{stride?, padding?}",
                &edit,
                OVERRIDE_KEYS,
            )? {
                raw.insert(&k, opt_value(OP, &format!("{prefix}{k}"), &x, 2)?);
            }
            overrides.push((path, raw));
        }
    }
    Ok((top, overrides))
}

/// A spec from JS: an architecture name or a spec object (as `architecture(name)` returns).
fn read_spec(v: &JsValue) -> Result<Spec, ParamError> {
    let bad = |code: Code, m: String| ParamError::new(OP, "spec", m).with_code(code);
    let k = kind(v);
    if k == "string" {
        let name = read_string(OP, "spec", v, MAX_NAME_CHARS)?;
        return arch::get(&name).ok_or_else(|| {
            let names = arch::names();
            bad(
                Code::InvalidValue,
                format!(
                    "expected a spec object or one of {}, got {name:?}",
                    names.join(", ")
                ),
            )
            .with_expected(names)
            .with_got(name)
        });
    }
    if k != "object" {
        return Err(bad(
            Code::WrongType,
            format!("expected a spec object or an architecture name, got {k}"),
        )
        .with_got(k));
    }
    let copy = read_plain(OP, "spec", v, &SPEC_LIMITS)?;
    serde_wasm_bindgen::from_value(copy).map_err(|e| bad(Code::InvalidValue, e.to_string()))
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
pub fn architecture_spec(name: JsValue) -> JsResult<JsValue> {
    const OP: &str = "architecture";
    let name = read_string(OP, "name", &name, MAX_NAME_CHARS)?;
    let spec = arch::lookup(OP, &name)?;
    to_plain_js(OP, &spec)
}

/// `inferShapes(spec | name, {inputSize?: n | [h,w], overrides?: {[path]: {stride?, padding?}}})`
/// → `{name, title, input, rows: [{path, name, kind, kernel, stride, padding, outShape, params,
/// macs, receptiveField, cumulativeParams, cumulativeMacs, …}], totals: {params, macs,
/// weightLayers, outShape, byKind}}`. An invalid spec or edit throws an `Error`
/// ``inferShapes: invalid `<layer>.<param>`: …``.
#[wasm_bindgen(js_name = inferShapes)]
pub fn infer_shapes(spec: JsValue, options: JsValue) -> JsResult<JsValue> {
    let spec = read_spec(&spec)?;
    let (top, overrides) = read_infer_options(&options)?;
    let opts = InferOptions::parse(&top, &overrides)?;
    let table = arch::infer(&spec, &opts)?;
    to_plain_js(OP, &table)
}

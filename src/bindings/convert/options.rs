//! Reading options objects: every key is checked against what the operation knows before
//! any value is read or copied.

use js_sys::Array;
use wasm_bindgen::prelude::*;

use super::numbers::{ReadError, numbers, read_string};
use super::{FAILED, get, js_own_keys, kind};
use crate::error::{Code, ParamError};
use crate::params::{OptValue, RawOptions, check_key};

/// Most keys an options object may have (every op knows fewer than ten).
pub(crate) const MAX_OPTION_KEYS: usize = 32;

/// Longest string accepted as an option value (mode names, kinds: a few letters).
const MAX_OPTION_CHARS: usize = 256;

/// The own enumerable string keys of object `v`, called `name` in errors, at most `max`
/// (`too_many(n)` says why not); `undefined`/`null` have none. Reads no values.
pub(crate) fn object_keys(
    op: &'static str,
    name: &str,
    form: &str,
    v: &JsValue,
    max: usize,
    too_many: &dyn Fn(usize) -> String,
) -> Result<Vec<String>, ParamError> {
    let bad = |code: Code, m: String| ParamError::new(op, name, m).with_code(code);
    let k = kind(v);
    match k.as_str() {
        "undefined" | "null" => return Ok(Vec::new()),
        "object" => {}
        _ => {
            let what = if k == "array" {
                "an array".into()
            } else {
                k.clone()
            };
            return Err(bad(Code::WrongType, format!("expected {form}, got {what}")).with_got(k));
        }
    }
    let keys = js_own_keys(v);
    if FAILED.with(|f| *f == keys) {
        return Err(bad(
            Code::Unreadable,
            "reading its keys threw an exception".into(),
        ));
    }
    // `Object.keys` made this array: a plain array of strings.
    let keys: Array = keys.into();
    let n = keys.length() as usize;
    if n > max {
        return Err(bad(Code::TooLarge, too_many(n)).with_got(n).with_limit(max));
    }
    Ok(keys.iter().filter_map(|k| k.as_string()).collect())
}

/// The values of the known keys of options object `v` (`null`/`undefined` values dropped),
/// each read once, after every key was checked: an unknown key fails before any value is
/// read or copied. Keys are named `prefix + key` in errors.
pub(crate) fn option_values(
    op: &'static str,
    name: &str,
    prefix: &str,
    form: &str,
    v: &JsValue,
    known: &[&str],
) -> Result<Vec<(String, JsValue)>, ParamError> {
    let keys = object_keys(op, name, form, v, MAX_OPTION_KEYS, &|n| {
        format!("it has {n} keys, more than {MAX_OPTION_KEYS}")
    })?;
    let named = |mut e: ParamError| {
        e.param = format!("{prefix}{}", e.param);
        e
    };
    for key in &keys {
        check_key(op, key, known).map_err(named)?;
    }
    values_of(op, prefix, v, keys)
}

/// The values of `keys` of object `v`, each read once, `null`/`undefined` dropped; keys are
/// named `prefix + key` in errors.
pub(crate) fn values_of(
    op: &'static str,
    prefix: &str,
    v: &JsValue,
    keys: Vec<String>,
) -> Result<Vec<(String, JsValue)>, ParamError> {
    let mut out = Vec::with_capacity(keys.len());
    for key in keys {
        let value = get(v, &key).ok_or_else(|| {
            ParamError::new(
                op,
                format!("{prefix}{key}"),
                "reading it threw an exception",
            )
            .with_code(Code::Unreadable)
        })?;
        if !value.is_undefined() && !value.is_null() {
            out.push((key, value));
        }
    }
    Ok(out)
}

/// One option value, uninterpreted except for its type; lists longer than `max_list` (more
/// than the op can use) are refused before they are copied.
pub(crate) fn opt_value(
    op: &'static str,
    param: &str,
    v: &JsValue,
    max_list: usize,
) -> Result<OptValue, ParamError> {
    let k = kind(v);
    Ok(match k.as_str() {
        "number" => OptValue::Num(v.as_f64().unwrap_or(f64::NAN)),
        "boolean" => OptValue::Bool(v.as_bool().unwrap_or(false)),
        "string" => OptValue::Text(read_string(op, param, v, MAX_OPTION_CHARS)?),
        _ => match numbers(v, max_list).and_then(|n| n.f64s()) {
            Ok(list) => OptValue::List(list),
            Err(ReadError::NotNumbers(k)) => OptValue::Other(format!("a value of type {k}")),
            Err(ReadError::Element(k)) => OptValue::Other(format!("an array holding {k}")),
            Err(e) => return Err(e.named(op, param, "")),
        },
    })
}

/// Reads an options object for `op`, which knows the keys `known` and uses lists of at most
/// `max_list` numbers.
pub(crate) fn read_options(
    op: &'static str,
    v: &JsValue,
    known: &[&str],
    max_list: usize,
) -> Result<RawOptions, ParamError> {
    let mut opts = RawOptions::new();
    for (key, value) in option_values(op, "options", "", "an object such as {stride: 1}", v, known)?
    {
        opts.insert(&key, opt_value(op, &key, &value, max_list)?);
    }
    Ok(opts)
}

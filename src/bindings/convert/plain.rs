//! Reading plain data (an architecture spec) within bounds on depth, count and text.

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

use super::to_js::set_key;
use super::{FAILED, get, js_own_keys, kind};
use crate::error::{Code, ParamError};

/// A value still to copy: the value, where its copy goes (container, key), its path for
/// messages, its depth.
type Job = (JsValue, Option<(JsValue, JsValue)>, String, usize);

/// Bounds on a plain-data value read with [`read_plain`].
pub(crate) struct PlainLimits {
    /// Deepest nesting of objects/arrays.
    pub depth: usize,
    /// Most values (objects, arrays, numbers, strings) in all.
    pub values: usize,
    /// Most characters in all its strings together.
    pub chars: usize,
}

/// A plain-data copy of `v` (objects, arrays, numbers, strings, booleans, `null`; `undefined`
/// dropped from objects), as `JSON.parse(JSON.stringify(v))` would make, read once through
/// [`get`] within `lim` and without recursion: getters run once, here, and what is checked
/// afterwards is exactly what was copied. Typed arrays, functions and the like are refused.
pub(crate) fn read_plain(
    op: &'static str,
    param: &str,
    v: &JsValue,
    lim: &PlainLimits,
) -> Result<JsValue, ParamError> {
    let bad = |code: Code, m: String| ParamError::new(op, param, m).with_code(code);
    let too_many = || {
        bad(
            Code::TooLarge,
            format!("expected at most {} values", lim.values),
        )
        .with_limit(lim.values)
    };
    let threw = |path: &str| {
        bad(
            Code::Unreadable,
            format!("reading {param}{path} threw an exception"),
        )
    };
    let mut root = JsValue::UNDEFINED;
    let mut stack: Vec<Job> = vec![(v.clone(), None, String::new(), 0)];
    let (mut seen, mut chars) = (0usize, 0usize);
    while let Some((src, dest, path, depth)) = stack.pop() {
        seen += 1;
        if seen > lim.values {
            return Err(too_many());
        }
        if depth > lim.depth {
            return Err(bad(
                Code::TooLarge,
                format!("expected objects nested at most {} deep", lim.depth),
            )
            .with_limit(lim.depth));
        }
        let k = kind(&src);
        let copy: JsValue = match k.as_str() {
            "number" | "boolean" | "null" => src,
            "undefined" => JsValue::NULL,
            "string" => {
                chars += get(&src, "length").and_then(|l| l.as_f64()).unwrap_or(0.0) as usize;
                if chars > lim.chars {
                    return Err(bad(
                        Code::TooLarge,
                        format!("expected at most {} characters of text", lim.chars),
                    )
                    .with_limit(lim.chars));
                }
                src
            }
            "array" => {
                let n = get(&src, "length").ok_or_else(|| threw(&path))?;
                let n = n
                    .as_f64()
                    .filter(|n| *n >= 0.0 && n.fract() == 0.0)
                    .ok_or_else(|| {
                        bad(
                            Code::WrongType,
                            format!("{param}{path} has an invalid length"),
                        )
                    })?;
                if seen as f64 + stack.len() as f64 + n > lim.values as f64 {
                    return Err(too_many());
                }
                let copy = Array::new_with_length(n as u32);
                for i in 0..n as u32 {
                    let at = format!("{path}[{i}]");
                    let e = get(&src, &i.to_string()).ok_or_else(|| threw(&at))?;
                    stack.push((e, Some((copy.clone().into(), i.into())), at, depth + 1));
                }
                copy.into()
            }
            "object" => {
                let keys = js_own_keys(&src);
                if FAILED.with(|f| *f == keys) {
                    return Err(threw(&path));
                }
                let keys: Array = keys.into();
                if seen + stack.len() + keys.length() as usize > lim.values {
                    return Err(too_many());
                }
                let copy = Object::new();
                for key in keys.iter() {
                    let Some(name) = key.as_string() else {
                        continue;
                    };
                    let at = format!("{path}.{name}");
                    let e = get(&src, &name).ok_or_else(|| threw(&at))?;
                    if !e.is_undefined() {
                        // A placeholder now keeps the keys in their order.
                        set_key(&copy, &key, &JsValue::NULL);
                        stack.push((e, Some((copy.clone().into(), key)), at, depth + 1));
                    }
                }
                copy.into()
            }
            _ => {
                return Err(bad(
                    Code::WrongType,
                    format!(
                        "{param}{path} is a {k}; expected plain objects, arrays, numbers and strings"
                    ),
                )
                .with_got(k));
            }
        };
        match dest {
            None => root = copy,
            Some((container, key)) => set_key(&container, &key, &copy),
        }
    }
    Ok(root)
}

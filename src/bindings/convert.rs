//! THE conversion module between JavaScript and the core: reading tensors, options, strings,
//! bytes and numbers from the values a page passes, turning results into JS values, and core
//! errors into JS `Error`s that carry `op`, `param`, `code` and the values as properties.
//!
//! Every read of a page's value goes through `read.js`, whose functions never throw and run a
//! page's code (getters, Proxy traps) only inside `try`. Sizes are measured before anything is
//! copied, and checked against what the caller can use (a tensor's shape, an option's largest
//! legitimate list, the known option keys), so a huge or wrong value costs no wasm memory.
//! Numbers are never coerced: a string where a number is due is an error.
//!
//! Nothing here may panic: a panic inside WebAssembly aborts the module.

use js_sys::{Array, Float32Array, Float64Array, Object, Reflect, Uint8Array};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::error::{Code, Error, ParamError, Value, js_number};
use crate::params::{OptValue, RawOptions, check_key, to_int};
use crate::tensor::{HostTensor, MAX_ELEMENTS, check_len, element_count};

/// What every export returns: the value, or the JS `Error` to throw.
pub(crate) type JsResult<T> = Result<T, JsValue>;

#[wasm_bindgen(module = "/src/bindings/read.js")]
extern "C" {
    #[wasm_bindgen(js_name = failed)]
    fn js_failed() -> JsValue;
    #[wasm_bindgen(js_name = kind)]
    fn js_kind(v: &JsValue) -> String;
    #[wasm_bindgen(js_name = length)]
    fn js_length(v: &JsValue) -> f64;
    #[wasm_bindgen(js_name = copy)]
    fn js_copy(dst: &JsValue, src: &JsValue) -> bool;
    #[wasm_bindgen(js_name = get)]
    fn js_get(o: &JsValue, key: &str) -> JsValue;
    #[wasm_bindgen(js_name = ownKeys)]
    fn js_own_keys(o: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = readArray)]
    fn js_read_array(src: &JsValue, n: u32, f32: bool) -> JsValue;
}

thread_local! {
    static FAILED: JsValue = js_failed();
}

/// `o[key]`, or `None` when reading it threw.
fn get(o: &JsValue, key: &str) -> Option<JsValue> {
    let v = js_get(o, key);
    (!FAILED.with(|f| *f == v)).then_some(v)
}

/// What a JS value is, for messages and dispatch: a `typeof` name, `null`, `array`, a typed
/// array's name (`Float32Array`), `ArrayBuffer`, `revoked Proxy` or `object`.
pub(crate) fn kind(v: &JsValue) -> String {
    js_kind(v)
}

/// Typed arrays whose elements are JS numbers (not BigInt64Array / BigUint64Array).
fn is_number_array(kind: &str) -> bool {
    kind.ends_with("Array") && !kind.starts_with("Big")
}

/// Element types that can be copied straight into wasm memory.
trait Elem: Copy + Default {
    /// A typed-array view of `n` elements at `ptr` in wasm memory.
    ///
    /// # Safety
    /// `ptr..ptr + n` must be valid for writes, and the view must be dropped before wasm
    /// memory can grow (a growth detaches it) or the memory is used otherwise.
    unsafe fn view(ptr: *mut Self, n: usize) -> JsValue;
}

impl Elem for f32 {
    unsafe fn view(ptr: *mut f32, n: usize) -> JsValue {
        unsafe { Float32Array::view_mut_raw(ptr, n) }.into()
    }
}

impl Elem for f64 {
    unsafe fn view(ptr: *mut f64, n: usize) -> JsValue {
        unsafe { Float64Array::view_mut_raw(ptr, n) }.into()
    }
}

impl Elem for u8 {
    unsafe fn view(ptr: *mut u8, n: usize) -> JsValue {
        unsafe { Uint8Array::view_mut_raw(ptr, n) }.into()
    }
}

/// Copies typed array (or ArrayBuffer) `src` of `n` elements into a new vector; `None` if
/// its length changed or the copy failed.
fn copy_into<T: Elem>(src: &JsValue, n: usize) -> Option<Vec<T>> {
    let mut out = vec![T::default(); n];
    if n == 0 {
        return (js_length(src) == 0.0).then_some(out);
    }
    // SAFETY: `out` holds `n` initialised elements; the view is used only by `js_copy`, which
    // runs no Rust code (so wasm memory cannot grow), and is dropped right after it.
    let view = unsafe { T::view(out.as_mut_ptr(), n) };
    let ok = js_copy(&view, src);
    drop(view);
    ok.then_some(out)
}

/// Why a value could not be read as a list of numbers.
pub(crate) enum ReadError {
    /// Not an array or typed array of numbers; names what it was.
    NotNumbers(String),
    /// An array element that is not a number; names what it was.
    Element(String),
    /// More than the caller can use.
    TooLong { len: f64, max: usize },
    /// Reading it threw in JS (a getter, a Proxy), or it changed while being read.
    Threw,
}

impl ReadError {
    pub(crate) fn describe(&self) -> String {
        match self {
            ReadError::NotNumbers(k) => format!("got {k}"),
            ReadError::Element(k) => format!("got an array holding {k}"),
            ReadError::TooLong { len, max } => format!(
                "it has {} elements, more than the {max} allowed",
                js_number(*len)
            ),
            ReadError::Threw => "reading it threw an exception".into(),
        }
    }

    pub(crate) fn code(&self) -> Code {
        match self {
            ReadError::NotNumbers(_) => Code::WrongType,
            ReadError::Element(_) => Code::NotANumber,
            ReadError::TooLong { .. } => Code::TooLarge,
            ReadError::Threw => Code::Unreadable,
        }
    }

    /// This error about `param` of `op`, after `prefix` (e.g. "expected a Float32Array, ").
    pub(crate) fn named(&self, op: &'static str, param: &str, prefix: &str) -> ParamError {
        let e = ParamError::new(op, param, format!("{prefix}{}", self.describe()))
            .with_code(self.code());
        match self {
            ReadError::NotNumbers(k) | ReadError::Element(k) => e.with_got(k.as_str()),
            ReadError::TooLong { len, max } => e.with_got(*len).with_limit(*max),
            ReadError::Threw => e,
        }
    }
}

/// A JS array or typed array of numbers, measured but not yet copied.
pub(crate) struct Numbers<'a> {
    src: &'a JsValue,
    len: usize,
    typed: bool,
}

/// Measures `v` as a list of at most `max` numbers, copying nothing.
pub(crate) fn numbers(v: &JsValue, max: usize) -> Result<Numbers<'_>, ReadError> {
    let k = kind(v);
    let (len, typed) = if is_number_array(&k) {
        (js_length(v), true)
    } else if k == "array" {
        let len = get(v, "length").ok_or(ReadError::Threw)?;
        // A Proxy can answer anything for an array's length.
        match len.as_f64() {
            Some(n) if n >= 0.0 && n.fract() == 0.0 => (n, false),
            _ => {
                return Err(ReadError::NotNumbers(
                    "an array with an invalid length".into(),
                ));
            }
        }
    } else {
        return Err(ReadError::NotNumbers(k));
    };
    if len > max as f64 {
        return Err(ReadError::TooLong { len, max });
    }
    Ok(Numbers {
        src: v,
        len: len as usize,
        typed,
    })
}

impl Numbers<'_> {
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    fn read<T: Elem>(&self, f32: bool) -> Result<Vec<T>, ReadError> {
        if self.typed {
            return copy_into(self.src, self.len).ok_or(ReadError::Threw);
        }
        let copied = js_read_array(self.src, self.len as u32, f32);
        if FAILED.with(|f| *f == copied) {
            return Err(ReadError::Threw);
        }
        if let Some(k) = copied.as_string() {
            return Err(ReadError::Element(k));
        }
        copy_into(&copied, self.len).ok_or(ReadError::Threw)
    }

    pub(crate) fn f32s(&self) -> Result<Vec<f32>, ReadError> {
        self.read(true)
    }

    pub(crate) fn f64s(&self) -> Result<Vec<f64>, ReadError> {
        self.read(false)
    }
}

/// Reads a `Float32Array` (or array of numbers) argument of at most `max` values.
pub(crate) fn read_f32s(
    op: &'static str,
    param: &str,
    v: &JsValue,
    max: usize,
) -> Result<Vec<f32>, ParamError> {
    const PREFIX: &str = "expected a Float32Array, ";
    numbers(v, max)
        .and_then(|n| n.f32s())
        .map_err(|e| e.named(op, param, PREFIX))
}

/// Reads `{data: Float32Array | number[], shape: number[]}`. The shape is read first and the
/// data's length compared with it before any value is copied.
pub(crate) fn read_tensor(
    op: &'static str,
    param: &str,
    v: &JsValue,
) -> Result<HostTensor, ParamError> {
    let bad = |code: Code, what: String| {
        ParamError::new(
            op,
            param,
            format!("expected {{data: Float32Array, shape: number[]}}, {what}"),
        )
        .with_code(code)
    };
    let k = kind(v);
    if k != "object" {
        return Err(bad(Code::WrongType, format!("got {k}")).with_got(k));
    }
    let threw = |field: &str| {
        bad(
            Code::Unreadable,
            format!("reading .{field} threw an exception"),
        )
    };
    // `.data` is read (its getter run) first, as before; it is measured and copied only after
    // the shape is known.
    let data = get(v, "data").ok_or_else(|| threw("data"))?;
    let shape = get(v, "shape").ok_or_else(|| threw("shape"))?;
    let dims = match numbers(&shape, 8) {
        Err(ReadError::TooLong { len, .. }) => {
            return Err(
                bad(Code::InvalidValue, ".shape has more than 8 axes".into())
                    .with_got(len)
                    .with_limit(8usize),
            );
        }
        other => other.and_then(|n| n.f64s()),
    }
    .map_err(|e| bad(e.code(), format!(".shape: {}", e.describe())))?;
    let mut dims_usize = Vec::with_capacity(dims.len());
    for d in dims {
        // Whole numbers only; the core decides whether the size itself is acceptable.
        if !(d.is_finite() && d.fract() == 0.0 && d >= 0.0 && d <= u32::MAX as f64) {
            return Err(bad(
                Code::InvalidValue,
                format!(".shape has {}, expected whole numbers >= 1", js_number(d)),
            )
            .with_got(d));
        }
        dims_usize.push(d as usize);
    }
    let numel = element_count(op, param, &dims_usize)?;
    let list = numbers(&data, MAX_ELEMENTS).map_err(|e| match e {
        ReadError::TooLong { len, max } => bad(
            Code::TooLarge,
            format!(
                ".data has {} values, more than the {max} allowed",
                js_number(len)
            ),
        )
        .with_got(len)
        .with_limit(max),
        e => bad(e.code(), format!(".data: {}", e.describe())),
    })?;
    check_len(op, param, &dims_usize, numel, list.len())?;
    let values = list
        .f32s()
        .map_err(|e| bad(e.code(), format!(".data: {}", e.describe())))?;
    Ok(HostTensor::new(values, dims_usize))
}

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

/// Reads a string of at most `max` UTF-16 units; its length is checked before it is copied.
pub(crate) fn read_string(
    op: &'static str,
    param: &str,
    v: &JsValue,
    max: usize,
) -> Result<String, ParamError> {
    let k = kind(v);
    let bad =
        |what: String| ParamError::new(op, param, format!("expected a short string, got {what}"));
    if k != "string" {
        return Err(bad(k.clone()).with_code(Code::WrongType).with_got(k));
    }
    // A string primitive's own `length`: no page code runs.
    let len = get(v, "length").and_then(|l| l.as_f64()).unwrap_or(0.0);
    if len > max as f64 {
        return Err(bad(format!("a string of {len} characters"))
            .with_code(Code::TooLarge)
            .with_got(len)
            .with_limit(max));
    }
    Ok(v.as_string().unwrap_or_default())
}

/// Reads a number argument: a JS number, never coerced (`'3'`, `null`, `[3]` are errors).
pub(crate) fn read_number(op: &'static str, param: &str, v: &JsValue) -> Result<f64, ParamError> {
    v.as_f64().ok_or_else(|| {
        let k = kind(v);
        ParamError::new(op, param, format!("expected a number, got {k}"))
            .with_code(Code::NotANumber)
            .with_got(k)
    })
}

/// Reads a whole-number argument `>= min` (an index, a size).
pub(crate) fn read_whole(
    op: &'static str,
    param: &str,
    v: &JsValue,
    min: usize,
) -> Result<usize, ParamError> {
    to_int(op, param, read_number(op, param, v)?, min)
}

/// Reads a `Uint8ClampedArray`, `Uint8Array` or `ArrayBuffer` of at most `max` bytes.
pub(crate) fn read_bytes(
    op: &'static str,
    param: &str,
    v: &JsValue,
    max: usize,
) -> Result<Vec<u8>, ParamError> {
    let k = kind(v);
    if !matches!(
        k.as_str(),
        "Uint8ClampedArray" | "Uint8Array" | "ArrayBuffer"
    ) {
        return Err(ParamError::new(
            op,
            param,
            format!("expected a Uint8ClampedArray, Uint8Array or ArrayBuffer, got {k}"),
        )
        .with_code(Code::WrongType)
        .with_got(k));
    }
    let n = js_length(v);
    if n > max as f64 {
        return Err(ParamError::new(
            op,
            param,
            format!("{} bytes, more than the {max} allowed", js_number(n)),
        )
        .with_code(Code::TooLarge)
        .with_got(n)
        .with_limit(max));
    }
    copy_into(v, n as usize).ok_or_else(|| {
        ParamError::new(
            op,
            param,
            "reading it failed (detached or changed while being read)",
        )
        .with_code(Code::Unreadable)
    })
}

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
    // (value, where its copy goes: (container, key), path for messages, depth)
    let mut stack: Vec<(JsValue, Option<(JsValue, JsValue)>, String, usize)> =
        vec![(v.clone(), None, String::new(), 0)];
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

// ---- to JS --------------------------------------------------------------------------------

/// Sets a property on an object this module made.
fn set_key(obj: &JsValue, key: &JsValue, value: &JsValue) {
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

/// A result tensor as `{data: Float32Array, shape: number[]}`.
pub(crate) fn tensor_to_js(t: &HostTensor) -> JsValue {
    let obj = Object::new();
    set(&obj, "data", &Float32Array::from(t.data.as_slice()).into());
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

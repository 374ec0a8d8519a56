//! Reading numbers, tensors, strings and bytes: measured first, copied only when the caller
//! can use them.

use wasm_bindgen::prelude::*;

use super::{Elem, FAILED, copy_into, get, is_number_array, js_length, js_read_array, kind};
use crate::error::{Code, ParamError, js_number};
use crate::params::to_int;
use crate::tensor::{HostTensor, MAX_ELEMENTS, check_len, element_count};

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

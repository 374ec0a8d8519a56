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

mod numbers;
mod options;
mod plain;
mod to_js;

pub(crate) use numbers::{read_bytes, read_f32s, read_string, read_tensor, read_whole};
pub(crate) use options::{object_keys, opt_value, option_values, read_options, values_of};
pub(crate) use plain::{PlainLimits, read_plain};
#[cfg(feature = "train")]
pub(crate) use to_js::strings_to_js;
pub(crate) use to_js::{core_error, floats_to_js, set, tensor_to_js, to_plain_js, usizes_to_js};

use js_sys::{Float32Array, Float64Array, Uint8Array};
use wasm_bindgen::prelude::*;

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
    pub(crate) static FAILED: JsValue = js_failed();
}

/// `o[key]`, or `None` when reading it threw.
pub(crate) fn get(o: &JsValue, key: &str) -> Option<JsValue> {
    let v = js_get(o, key);
    (!FAILED.with(|f| *f == v)).then_some(v)
}

/// `None` for `undefined` or `null` (an optional argument left out), else `read(v)`.
#[cfg(feature = "train")]
pub(crate) fn optional<T, E>(
    v: &JsValue,
    read: impl FnOnce(&JsValue) -> Result<T, E>,
) -> Result<Option<T>, E> {
    if v.is_undefined() || v.is_null() {
        Ok(None)
    } else {
        read(v).map(Some)
    }
}

/// Reads file argument `bytes` of `op` (at most `max` bytes, checked before copying) and
/// decodes it with `decode`; a core error names `bytes`.
#[cfg(feature = "train")]
pub(crate) fn read_file<T>(
    op: &'static str,
    bytes: &JsValue,
    max: usize,
    decode: impl FnOnce(&[u8]) -> crate::error::Result<T>,
) -> JsResult<T> {
    let bytes = read_bytes(op, "bytes", bytes, max)?;
    decode(&bytes).map_err(|e| core_error(op, "bytes", e))
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
pub(crate) trait Elem: Copy + Default {
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
pub(crate) fn copy_into<T: Elem>(src: &JsValue, n: usize) -> Option<Vec<T>> {
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

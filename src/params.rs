//! Option objects as they arrive from JavaScript, and their validation into integers.
//!
//! JS callers pass options such as `{stride: 2, padding: [1, 0], groups: 2}`. The binding layer
//! copies such an object into [`RawOptions`] without interpreting it (numbers stay `f64`, so
//! `-1`, `1.5` and `NaN` reach this module intact); everything that can be wrong with a value is
//! decided here, in plain Rust that `cargo test` checks, and reported as a [`ParamError`] that
//! names the option.

use crate::error::{Code, ParamError, Value, js_number, js_numbers, num_and_text_from};

/// The largest stride, padding, dilation, kernel or dimension accepted anywhere. It keeps all
/// size arithmetic far from overflow and bounds memory; real demos use single digits.
pub const MAX_INT_PARAM: usize = 1 << 20;

/// One option value, uninterpreted.
#[derive(Debug, Clone, PartialEq)]
pub enum OptValue {
    /// A JS number.
    Num(f64),
    /// A JS array or typed array whose elements are all numbers.
    List(Vec<f64>),
    /// A JS string.
    Text(String),
    /// A JS boolean.
    Bool(bool),
    /// Anything else; the string names its JS type (`"object"`, `"function"`, …) for the
    /// error message.
    Other(String),
}

impl OptValue {
    /// The value as an error message shows it (numbers as JavaScript prints them).
    pub fn describe(&self) -> String {
        match self {
            OptValue::Num(v) => js_number(*v),
            OptValue::List(v) => js_numbers(v),
            OptValue::Text(s) => format!("{s:?}"),
            OptValue::Bool(b) => format!("{b}"),
            OptValue::Other(t) => format!("a value of type {t}"),
        }
    }

    /// The value as an error reports it in `got`: a number, a string, a list of numbers, or
    /// the JS type name.
    pub fn value(&self) -> Value {
        match self {
            OptValue::Num(v) => Value::Num(*v),
            OptValue::List(v) => Value::from(v.as_slice()),
            OptValue::Text(s) => Value::Text(s.clone()),
            OptValue::Bool(b) => Value::Text(b.to_string()),
            OptValue::Other(t) => Value::Text(t.clone()),
        }
    }

    /// The error code for "this value has the wrong type, a number was due".
    fn not_a_number(&self) -> Code {
        match self {
            OptValue::Num(_) | OptValue::List(_) => Code::InvalidValue,
            _ => Code::NotANumber,
        }
    }
}

/// An options object: its keys in order, `null`/`undefined` values already dropped.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawOptions {
    entries: Vec<(String, OptValue)>,
}

impl RawOptions {
    pub fn new() -> Self {
        Self::default()
    }

    /// Builder used by tests and by Rust callers: `RawOptions::new().with("stride", 2.0)`.
    pub fn with(mut self, key: &str, value: impl Into<OptValue>) -> Self {
        self.insert(key, value.into());
        self
    }

    /// Sets `key`, replacing an earlier value.
    pub fn insert(&mut self, key: &str, value: OptValue) {
        self.entries.retain(|(k, _)| k != key);
        self.entries.push((key.to_string(), value));
    }

    pub fn get(&self, key: &str) -> Option<&OptValue> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Rejects keys the operation does not know, so a typo such as `strides` is an error
    /// instead of a silently ignored setting.
    pub fn check_known(&self, op: &'static str, known: &[&str]) -> Result<(), ParamError> {
        for (key, _) in &self.entries {
            check_key(op, key, known)?;
        }
        Ok(())
    }

    /// A whole number `>= min`, or `default` when absent.
    pub fn int(
        &self,
        op: &'static str,
        key: &str,
        default: usize,
        min: usize,
    ) -> Result<usize, ParamError> {
        match self.get(key) {
            None => Ok(default),
            Some(OptValue::Num(v)) => to_int(op, key, *v, min),
            Some(other) => Err(ParamError::new(
                op,
                key,
                format!("expected a whole number >= {min}, got {}", other.describe()),
            )
            .with_code(other.not_a_number())
            .with_got(other.value())),
        }
    }

    /// A number or an `[h, w]` pair of whole numbers `>= min`; a single number applies to both
    /// axes, as in PyTorch.
    pub fn pair(
        &self,
        op: &'static str,
        key: &str,
        default: [usize; 2],
        min: usize,
    ) -> Result<[usize; 2], ParamError> {
        self.axes(op, key, default, min)
    }

    /// `N` whole numbers `>= min`, one per spatial axis: a single number applies to every axis,
    /// a list must have exactly `N` entries.
    pub fn axes<const N: usize>(
        &self,
        op: &'static str,
        key: &str,
        default: [usize; N],
        min: usize,
    ) -> Result<[usize; N], ParamError> {
        match self.get(key) {
            None => Ok(default),
            Some(OptValue::Num(v)) => Ok([to_int(op, key, *v, min)?; N]),
            Some(OptValue::List(list)) if list.len() == N => {
                let mut out = [0; N];
                for (o, &v) in out.iter_mut().zip(list) {
                    *o = to_int(op, key, v, min)?;
                }
                Ok(out)
            }
            Some(other) => {
                let form = if N == 1 {
                    String::new()
                } else {
                    format!(" or a list of {N} of them")
                };
                Err(ParamError::new(
                    op,
                    key,
                    format!(
                        "expected a whole number >= {min}{form}, got {}",
                        other.describe()
                    ),
                )
                .with_code(other.not_a_number())
                .with_got(other.value()))
            }
        }
    }

    /// A list of numbers (a `Float32Array` or an array), e.g. a bias vector.
    pub fn floats(&self, op: &'static str, key: &str) -> Result<Option<Vec<f32>>, ParamError> {
        match self.get(key) {
            None => Ok(None),
            Some(OptValue::List(v)) => Ok(Some(v.iter().map(|&x| x as f32).collect())),
            Some(other) => Err(ParamError::new(
                op,
                key,
                format!(
                    "expected a Float32Array or an array of numbers, got {}",
                    other.describe()
                ),
            )
            .with_code(Code::WrongType)
            .with_got(other.value())),
        }
    }

    /// A string option.
    pub fn text(&self, op: &'static str, key: &str) -> Result<Option<&str>, ParamError> {
        match self.get(key) {
            None => Ok(None),
            Some(OptValue::Text(s)) => Ok(Some(s)),
            Some(other) => Err(ParamError::new(
                op,
                key,
                format!("expected a string, got {}", other.describe()),
            )
            .with_code(Code::WrongType)
            .with_got(other.value())),
        }
    }
}

num_and_text_from!(OptValue: f64, i32, usize);

impl From<[i32; 2]> for OptValue {
    fn from(v: [i32; 2]) -> Self {
        OptValue::List(v.iter().map(|&x| x as f64).collect())
    }
}

impl From<&[f32]> for OptValue {
    fn from(v: &[f32]) -> Self {
        OptValue::List(v.iter().map(|&x| x as f64).collect())
    }
}

impl From<Vec<f32>> for OptValue {
    fn from(v: Vec<f32>) -> Self {
        OptValue::from(v.as_slice())
    }
}

/// Rejects `key` unless the operation knows it, so a typo such as `strides` is an error
/// instead of a silently ignored setting. The binding layer calls this on every key before it
/// copies any value.
pub fn check_key(op: &'static str, key: &str, known: &[&str]) -> Result<(), ParamError> {
    if known.contains(&key) {
        return Ok(());
    }
    Err(ParamError::new(
        op,
        key,
        format!("unknown option; expected one of {}", known.join(", ")),
    )
    .with_code(Code::UnknownOption)
    .with_expected(known)
    .with_got(key))
}

/// Converts a JS number into a whole number in `min..=MAX_INT_PARAM`, naming `param` when it
/// is not one (negative, fractional, NaN, infinite or absurdly large).
pub fn to_int(op: &'static str, param: &str, v: f64, min: usize) -> Result<usize, ParamError> {
    let shown = js_number(v);
    if !v.is_finite() || v.fract() != 0.0 {
        return Err(ParamError::new(
            op,
            param,
            format!("expected a whole number >= {min}, got {shown}"),
        )
        .with_got(v));
    }
    if v < min as f64 {
        return Err(ParamError::new(
            op,
            param,
            format!("expected a whole number >= {min}, got {shown}"),
        )
        .with_got(v)
        .with_limit(min));
    }
    if v > MAX_INT_PARAM as f64 {
        return Err(ParamError::new(
            op,
            param,
            format!("expected at most {MAX_INT_PARAM}, got {shown}"),
        )
        .with_code(Code::TooLarge)
        .with_got(v)
        .with_limit(MAX_INT_PARAM));
    }
    Ok(v as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pair_accepts_a_number_for_both_axes_and_a_two_element_list() {
        let o = RawOptions::new().with("stride", 2).with("padding", [1, 0]);
        assert_eq!(o.pair("t", "stride", [1, 1], 1), Ok([2, 2]));
        assert_eq!(o.pair("t", "padding", [0, 0], 0), Ok([1, 0]));
        assert_eq!(o.pair("t", "dilation", [1, 1], 1), Ok([1, 1]));
    }

    #[test]
    fn fractional_negative_nan_and_huge_values_are_rejected_by_name() {
        for bad in [1.5, -1.0, f64::NAN, f64::INFINITY, 1e12] {
            let o = RawOptions::new().with("padding", bad);
            let e = o.pair("conv2d", "padding", [0, 0], 0).unwrap_err();
            assert_eq!(e.param, "padding", "{bad}");
        }
    }

    #[test]
    fn unknown_keys_are_rejected_with_the_list_of_known_ones() {
        let o = RawOptions::new().with("strides", 2);
        let e = o.check_known("conv2d", &["stride", "padding"]).unwrap_err();
        assert_eq!(e.param, "strides");
        assert_eq!(e.code, Code::UnknownOption);
        assert!(e.message.contains("stride, padding"), "{e}");
    }

    #[test]
    fn infinity_and_lists_are_shown_as_javascript_shows_them() {
        let o = RawOptions::new()
            .with("stride", f64::INFINITY)
            .with("padding", OptValue::List(vec![1.0, 2.0, 3.0]));
        let e = o.int("conv2d", "stride", 1, 1).unwrap_err();
        assert_eq!(e.message, "expected a whole number >= 1, got Infinity");
        let e = o.pair("conv2d", "padding", [0, 0], 0).unwrap_err();
        assert!(e.message.ends_with("got [1, 2, 3]"), "{e}");
    }

    #[test]
    fn a_string_where_a_number_is_due_is_not_a_number_and_a_huge_number_is_too_large() {
        let o = RawOptions::new().with("stride", "2").with("padding", 1e12);
        let e = o.int("conv2d", "stride", 1, 1).unwrap_err();
        assert_eq!(
            (e.code, e.got.as_deref()),
            (Code::NotANumber, Some(&Value::from("2")))
        );
        let e = o.int("conv2d", "padding", 0, 0).unwrap_err();
        assert_eq!(e.code, Code::TooLarge);
        assert_eq!(e.limit.as_deref(), Some(&Value::from(MAX_INT_PARAM)));
    }
}

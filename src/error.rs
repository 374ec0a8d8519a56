//! Typed errors of the pure core.
//!
//! Every error names the parameter that is wrong and says what was expected and what was
//! given, so the page can show it inline next to the control that caused it. Besides the
//! English sentence, an error carries the same facts as data: a stable [`Code`] and, where
//! meaningful, the `expected` / `got` / `limit` values. The wasm binding layer turns these into
//! JavaScript `Error`s with those properties (`src/bindings/convert.rs`); nothing here knows
//! about JS.

use std::fmt;

/// What kind of failure an error is: a stable, machine-readable name (the JS `Error`'s `code`).
/// The README lists every code; front ends switch on it instead of parsing messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    /// A value of the wrong JS type: a string where a tensor is due, an array for options.
    WrongType,
    /// A number parameter got something that is not a JS number (no coercion is done).
    NotANumber,
    /// A value of the right type that is not allowed: stride 0, 1.5, `'median'`, an unknown
    /// layer or variant name, an output that would be empty.
    InvalidValue,
    /// A required option is missing.
    Required,
    /// An option the operation does not know (a typo such as `strides`).
    UnknownOption,
    /// Sizes that disagree: data length vs shape, channels, bias length, pixel count.
    ShapeMismatch,
    /// Over a limit that keeps the page responsive and the wasm heap bounded.
    TooLarge,
    /// Reading the value threw in JS (a throwing getter, a Proxy, a revoked Proxy).
    Unreadable,
    /// A weights file that is truncated, corrupt or not laid out as `encode` writes it.
    WeightsCorrupt,
    /// A well-formed weights file for the other LeNet-5 variant.
    WeightsWrongVariant,
    /// A data file (MNIST) that is missing or corrupt (native only).
    DataCorrupt,
    /// A `LeNet5` method called on a freed network or on an object that is not one (this
    /// error is made by `src/bindings/read.js`, before wasm is entered).
    Freed,
    /// The tensor backend failed after validation passed (a bug; reported, not panicked).
    Internal,
    /// Transfer learning: fewer than 2 class names.
    TooFewClasses,
    /// Transfer learning: more than 10 class names (LeNet-5 has 10 outputs).
    TooManyClasses,
    /// Transfer learning: a class name that is empty (or only spaces).
    EmptyClassName,
    /// Transfer learning: the same class name twice.
    DuplicateClassName,
    /// Transfer learning: a class with no example.
    ClassWithoutExamples,
    /// A drawing (an example or an image to classify) with no ink.
    BlankDrawing,
}

impl Code {
    /// Every code, in the order the README lists them.
    pub const ALL: [Code; 19] = [
        Code::WrongType,
        Code::NotANumber,
        Code::InvalidValue,
        Code::Required,
        Code::UnknownOption,
        Code::ShapeMismatch,
        Code::TooLarge,
        Code::Unreadable,
        Code::WeightsCorrupt,
        Code::WeightsWrongVariant,
        Code::DataCorrupt,
        Code::Freed,
        Code::Internal,
        Code::TooFewClasses,
        Code::TooManyClasses,
        Code::EmptyClassName,
        Code::DuplicateClassName,
        Code::ClassWithoutExamples,
        Code::BlankDrawing,
    ];

    /// The snake_case name JS sees as `err.code`.
    pub fn name(self) -> &'static str {
        match self {
            Code::WrongType => "wrong_type",
            Code::NotANumber => "not_a_number",
            Code::InvalidValue => "invalid_value",
            Code::Required => "required",
            Code::UnknownOption => "unknown_option",
            Code::ShapeMismatch => "shape_mismatch",
            Code::TooLarge => "too_large",
            Code::Unreadable => "unreadable",
            Code::WeightsCorrupt => "weights_corrupt",
            Code::WeightsWrongVariant => "weights_wrong_variant",
            Code::DataCorrupt => "data_corrupt",
            Code::Freed => "freed",
            Code::Internal => "internal",
            Code::TooFewClasses => "too_few_classes",
            Code::TooManyClasses => "too_many_classes",
            Code::EmptyClassName => "empty_class_name",
            Code::DuplicateClassName => "duplicate_class_name",
            Code::ClassWithoutExamples => "class_without_examples",
            Code::BlankDrawing => "blank_drawing",
        }
    }
}

/// A value an error reports as `expected`, `got` or `limit`: a number, a string (a JS type
/// name, an option value, a choice), or a list of them (a shape, the allowed choices).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Num(f64),
    Text(String),
    List(Vec<Value>),
}

/// Implements `From` for an enum with `Num(f64)` and `Text(String)` variants: every listed
/// number type becomes `Num` (as f64), a `&str` becomes `Text`. The one conversion rule of the
/// two value types, an error's [`Value`] and an option's [`crate::params::OptValue`].
macro_rules! num_and_text_from {
    ($enum:ident: $($t:ty),+) => {
        $(impl From<$t> for $enum {
            #[allow(clippy::unnecessary_cast)] // f64 as f64, for one rule for every type
            fn from(v: $t) -> Self {
                $enum::Num(v as f64)
            }
        })+

        impl From<&str> for $enum {
            fn from(v: &str) -> Self {
                $enum::Text(v.to_string())
            }
        }
    };
}
pub(crate) use num_and_text_from;

num_and_text_from!(Value: f64, usize, u64);

impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}

impl<T: Clone + Into<Value>> From<&[T]> for Value {
    fn from(v: &[T]) -> Self {
        Value::List(v.iter().cloned().map(Into::into).collect())
    }
}

impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(v: Vec<T>) -> Self {
        Value::List(v.into_iter().map(Into::into).collect())
    }
}

/// A JS number as JavaScript prints it: `Infinity`, `-Infinity`, `NaN`, `3`, `1.5` (Rust's
/// own `inf` / `NaN` spelling must not reach a JS message).
pub fn js_number(v: f64) -> String {
    if v.is_nan() {
        "NaN".into()
    } else if v.is_infinite() {
        if v > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else {
        format!("{v}")
    }
}

/// A list of JS numbers as `[1, 2, 3]`.
pub fn js_numbers(v: &[f64]) -> String {
    let parts: Vec<String> = v.iter().map(|&x| js_number(x)).collect();
    format!("[{}]", parts.join(", "))
}

/// A bad argument to one of the core's operations.
///
/// `op` is the operation (`"conv2d"`, `"pool2d"`, …), `param` the name of the offending
/// parameter exactly as the JavaScript API spells it (`"weight"`, `"stride"`, `"bias"`, …),
/// `message` says expected vs. actual; `code`, `expected`, `got` and `limit` say the same as
/// data.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamError {
    pub op: &'static str,
    pub param: String,
    pub message: String,
    pub code: Code,
    /// Boxed so that `Result<_, ParamError>` stays small (clippy's `result_large_err`).
    pub expected: Option<Box<Value>>,
    pub got: Option<Box<Value>>,
    pub limit: Option<Box<Value>>,
}

impl ParamError {
    /// An [`Code::InvalidValue`] error; refine it with [`ParamError::with_code`] and the value
    /// builders.
    pub fn new(op: &'static str, param: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            op,
            param: param.into(),
            message: message.into(),
            code: Code::InvalidValue,
            expected: None,
            got: None,
            limit: None,
        }
    }

    /// The same error with another code.
    pub fn with_code(mut self, code: Code) -> Self {
        self.code = code;
        self
    }

    /// The same error reporting what was expected.
    pub fn with_expected(mut self, v: impl Into<Value>) -> Self {
        self.expected = Some(Box::new(v.into()));
        self
    }

    /// The same error reporting what was given.
    pub fn with_got(mut self, v: impl Into<Value>) -> Self {
        self.got = Some(Box::new(v.into()));
        self
    }

    /// The same error reporting the limit that was crossed.
    pub fn with_limit(mut self, v: impl Into<Value>) -> Self {
        self.limit = Some(Box::new(v.into()));
        self
    }
}

impl fmt::Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: invalid `{}`: {}", self.op, self.param, self.message)
    }
}

impl std::error::Error for ParamError {}

/// A weights file that could not be read: why, in words, and as a [`Code`]
/// ([`Code::WeightsCorrupt`] or [`Code::WeightsWrongVariant`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeightsError {
    pub code: Code,
    pub message: String,
}

impl WeightsError {
    pub fn corrupt(message: impl Into<String>) -> Self {
        Self {
            code: Code::WeightsCorrupt,
            message: message.into(),
        }
    }

    pub fn wrong_variant(message: impl Into<String>) -> Self {
        Self {
            code: Code::WeightsWrongVariant,
            message: message.into(),
        }
    }
}

impl fmt::Display for WeightsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Everything the core can fail with.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// A caller passed a bad argument; nothing was computed.
    Param(ParamError),
    /// The tensor backend failed after validation passed (should not happen; reported, not
    /// panicked, so the wasm module survives it).
    Backend(String),
    /// Model weights could not be decoded (truncated, corrupt, or for another network).
    Weights(WeightsError),
    /// A data file (MNIST) is missing, corrupt or not what it claims to be.
    Data(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Param(e) => e.fmt(f),
            Error::Backend(m) => write!(f, "tensor backend error: {m}"),
            Error::Weights(e) => write!(f, "model weights: {e}"),
            Error::Data(m) => write!(f, "data: {m}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<ParamError> for Error {
    fn from(e: ParamError) -> Self {
        Error::Param(e)
    }
}

impl From<WeightsError> for Error {
    fn from(e: WeightsError) -> Self {
        Error::Weights(e)
    }
}

impl Error {
    /// The parameter this error names, if it is an argument error.
    pub fn param(&self) -> Option<&str> {
        match self {
            Error::Param(e) => Some(&e.param),
            _ => None,
        }
    }

    /// The error's [`Code`].
    pub fn code(&self) -> Code {
        match self {
            Error::Param(e) => e.code,
            Error::Backend(_) => Code::Internal,
            Error::Weights(e) => e.code,
            Error::Data(_) => Code::DataCorrupt,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_as_javascript_prints_them() {
        assert_eq!(js_number(f64::INFINITY), "Infinity");
        assert_eq!(js_number(f64::NEG_INFINITY), "-Infinity");
        assert_eq!(js_number(f64::NAN), "NaN");
        assert_eq!(js_number(3.0), "3");
        assert_eq!(js_number(-1.5), "-1.5");
        assert_eq!(js_numbers(&[1.0, 2.5]), "[1, 2.5]");
    }

    #[test]
    fn every_code_has_a_distinct_snake_case_name() {
        let names: Vec<&str> = Code::ALL.iter().map(|c| c.name()).collect();
        for (i, n) in names.iter().enumerate() {
            assert!(n.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{n}");
            assert!(!names[..i].contains(n), "{n} twice");
        }
    }
}

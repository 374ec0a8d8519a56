//! Typed errors of the pure core.
//!
//! Every error names the parameter that is wrong and says what was expected and what was
//! given, so the page can show it inline next to the control that caused it. The wasm binding
//! layer turns these into JavaScript `Error`s (`src/bindings.rs`); nothing here knows about JS.

use std::fmt;

/// A bad argument to one of the core's operations.
///
/// `op` is the operation (`"conv2d"`, `"pool2d"`, …), `param` the name of the offending
/// parameter exactly as the JavaScript API spells it (`"weight"`, `"stride"`, `"bias"`, …),
/// and `message` says expected vs. actual.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamError {
    pub op: &'static str,
    pub param: String,
    pub message: String,
}

impl ParamError {
    pub fn new(op: &'static str, param: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            op,
            param: param.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: invalid `{}`: {}", self.op, self.param, self.message)
    }
}

impl std::error::Error for ParamError {}

/// Everything the core can fail with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// A caller passed a bad argument; nothing was computed.
    Param(ParamError),
    /// The tensor backend failed after validation passed (should not happen; reported, not
    /// panicked, so the wasm module survives it).
    Backend(String),
    /// Model weights could not be decoded (truncated, corrupt, or for another network).
    Weights(String),
    /// A data file (MNIST) is missing, corrupt or not what it claims to be.
    Data(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Param(e) => e.fmt(f),
            Error::Backend(m) => write!(f, "tensor backend error: {m}"),
            Error::Weights(m) => write!(f, "model weights: {m}"),
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

impl Error {
    /// The parameter this error names, if it is an argument error.
    pub fn param(&self) -> Option<&str> {
        match self {
            Error::Param(e) => Some(&e.param),
            _ => None,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

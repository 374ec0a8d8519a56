//! The state of one walk: the tensor flowing along a path ([`Flow`]), where a list of nodes
//! sits ([`Scope`]), and the table being written with its running totals ([`Ctx`]), plus the
//! checked arithmetic every layer uses.

use super::options::LayerOverride;
use super::row::Row;
use super::{MAX_COUNT, MAX_FIELD, MAX_LAYERS, OP};
use crate::error::ParamError;
use crate::ops::receptive_field::{Geometry, sizes};
use crate::ops::shape::{AxisParams, SizeKind, conv_len, output_size};
use crate::params::MAX_INT_PARAM;

/// The tensor flowing along one path, and the geometry chain that led to it.
#[derive(Debug, Clone)]
pub(super) struct Flow {
    pub shape: [usize; 3],
    /// Non-identity layer geometries from the input to here.
    chain: Vec<Geometry>,
    /// Overflow guard for [`sizes`]: per axis, `Π S` and `Σ D(K−1)` along the chain.
    stride_product: [u64; 2],
    extent_sum: [u64; 2],
}

impl Flow {
    /// The network's input.
    pub fn input(shape: [usize; 3]) -> Self {
        Self {
            shape,
            chain: Vec::new(),
            stride_product: [1, 1],
            extent_sum: [0, 0],
        }
    }

    /// `([r_h, r_w], [j_h, j_w])`: receptive field and jump of one unit of this flow.
    pub fn field(&self) -> ([usize; 2], [usize; 2]) {
        let last = |axis| sizes(&self.chain, axis).last().copied().unwrap_or((1, 1));
        let (rh, jh) = last(0);
        let (rw, jw) = last(1);
        ([rh, rw], [jh, jw])
    }

    /// `[r_h, r_w]`, to pick the branch with the largest receptive field.
    pub fn reach(&self) -> [usize; 2] {
        self.field().0
    }

    /// The same flow with another shape and the same geometry (a layer that keeps the grid).
    pub fn reshaped(&self, shape: [usize; 3]) -> Self {
        Self {
            shape,
            ..self.clone()
        }
    }

    /// This flow after a layer of geometry `g` that outputs `shape`; errors when receptive
    /// fields could overflow [`sizes`].
    pub fn advance(&self, path: &str, g: Geometry, shape: [usize; 3]) -> Result<Flow, ParamError> {
        let mut next = self.reshaped(shape);
        if g.kernel == [1, 1] && g.stride == [1, 1] {
            return Ok(next);
        }
        for axis in 0..2 {
            let extent = (g.dilation[axis] as u64).saturating_mul(g.kernel[axis] as u64 - 1);
            next.stride_product[axis] =
                next.stride_product[axis].saturating_mul(g.stride[axis] as u64);
            next.extent_sum[axis] = next.extent_sum[axis].saturating_add(extent);
            let bound = next.extent_sum[axis]
                .saturating_mul(next.stride_product[axis])
                .saturating_add(1);
            if bound >= MAX_FIELD || next.stride_product[axis] >= MAX_FIELD {
                let param = if next.stride_product[axis] > 1 << 16 {
                    "stride"
                } else {
                    "kernel"
                };
                return Err(err(
                    path,
                    param,
                    format!(
                        "receptive fields here could exceed 2^31 input pixels (strides multiply to {})",
                        next.stride_product[axis]
                    ),
                ));
            }
        }
        next.chain.push(g);
        Ok(next)
    }
}

/// Where a list of nodes sits.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scope<'a> {
    /// Path of the enclosing block.
    pub prefix: Option<&'a str>,
    pub depth: usize,
    /// Branch inside the enclosing block; `None` at the top and for a block's merge row.
    pub branch: Option<&'a str>,
}

impl Scope<'static> {
    /// The network's own list of layers.
    pub const TOP: Scope<'static> = Scope {
        prefix: None,
        depth: 0,
        branch: None,
    };
}

impl<'a> Scope<'a> {
    /// The scope of `branch` inside the block at `path` (`None`: the block's merge row).
    pub fn inside(&self, path: &'a str, branch: Option<&'a str>) -> Scope<'a> {
        Scope {
            prefix: Some(path),
            depth: self.depth + 1,
            branch,
        }
    }

    /// `prefix.name`, or `name` at the top.
    pub fn path(&self, name: &str) -> String {
        match self.prefix {
            Some(p) => format!("{p}.{name}"),
            None => name.to_string(),
        }
    }
}

/// The table being written.
pub(super) struct Ctx<'a> {
    pub title: &'a str,
    pub input: [usize; 3],
    pub overrides: &'a [(String, LayerOverride)],
    pub used: Vec<bool>,
    pub rows: Vec<Row>,
    pub params: u64,
    pub macs: u64,
}

/// An error of `inferShapes` naming `<path>.<param>`.
pub(super) fn err(path: &str, param: &str, message: impl Into<String>) -> ParamError {
    ParamError::new(OP, format!("{path}.{param}"), message)
}

/// `Π factors`, or an error when it exceeds [`MAX_COUNT`].
pub(super) fn checked_product(
    path: &str,
    param: &str,
    factors: &[usize],
) -> Result<u64, ParamError> {
    let mut p: u64 = 1;
    for &f in factors {
        p = p.checked_mul(f as u64).filter(|&v| v <= MAX_COUNT).ok_or_else(|| {
            err(path, param, format!("the layer would have more than 2^53 parameters or multiply-adds ({factors:?})"))
        })?;
    }
    Ok(p)
}

/// `a + b`, or an error when it exceeds [`MAX_COUNT`].
pub(super) fn checked_sum(path: &str, param: &str, a: u64, b: u64) -> Result<u64, ParamError> {
    a.checked_add(b).filter(|&v| v <= MAX_COUNT).ok_or_else(|| {
        err(
            path,
            param,
            "the network would have more than 2^53 parameters or multiply-adds",
        )
    })
}

/// A whole number in `min..=MAX_INT_PARAM`.
pub(super) fn check_int(path: &str, param: &str, v: usize, min: usize) -> Result<(), ParamError> {
    if v < min || v > MAX_INT_PARAM {
        return Err(err(
            path,
            param,
            format!("expected a whole number in {min}..={MAX_INT_PARAM}, got {v}"),
        ));
    }
    Ok(())
}

pub(super) fn check_pair(
    path: &str,
    param: &str,
    v: [usize; 2],
    min: usize,
) -> Result<(), ParamError> {
    v.iter().try_for_each(|&x| check_int(path, param, x, min))
}

impl Ctx<'_> {
    /// The edit of the layer at `path`, marking it used.
    pub fn override_for(&mut self, path: &str) -> Option<LayerOverride> {
        let i = self.overrides.iter().position(|(p, _)| p == path)?;
        self.used[i] = true;
        Some(self.overrides[i].1)
    }

    /// " (input 227×227; edits: conv1.stride = 8)" for error messages.
    pub fn context(&self) -> String {
        let [_, h, w] = self.input;
        let mut s = format!(" (input {h}×{w}");
        let f = |v: [usize; 2]| {
            if v[0] == v[1] {
                v[0].to_string()
            } else {
                format!("{v:?}")
            }
        };
        let edits: Vec<String> = self
            .overrides
            .iter()
            .flat_map(|(p, o)| {
                o.stride
                    .map(|v| format!("{p}.stride = {}", f(v)))
                    .into_iter()
                    .chain(o.padding.map(|v| format!("{p}.padding = {}", f(v))))
            })
            .collect();
        if !edits.is_empty() {
            s.push_str("; edits: ");
            s.push_str(&edits.join(", "));
        }
        s.push(')');
        s
    }

    /// The first edited layer inside the block at `prefix`, with the parameter it changed.
    pub fn edit_inside(&self, prefix: &str) -> Option<String> {
        let dotted = format!("{prefix}.");
        self.overrides
            .iter()
            .find(|(p, _)| p.starts_with(&dotted))
            .map(|(p, o)| {
                let param = if o.stride.is_some() {
                    "stride"
                } else {
                    "padding"
                };
                format!("{p}.{param}")
            })
    }

    /// One spatial axis through [`conv_len`]; an empty output is an error naming the layer
    /// and the parameter (`padding` if the user changed it here, else `kernel`), with
    /// [`output_size`]'s explanation.
    pub fn axis(
        &self,
        path: &str,
        edited_padding: bool,
        kind: SizeKind,
        input: usize,
        p: AxisParams,
    ) -> Result<usize, ParamError> {
        if let Some(n) = conv_len(input, &p) {
            if n > MAX_INT_PARAM {
                return Err(err(
                    path,
                    "padding",
                    format!("the output would be {n} wide; at most {MAX_INT_PARAM} is supported"),
                ));
            }
            return Ok(n);
        }
        let reason = output_size(kind, input, &p)
            .ok()
            .and_then(|r| r.reason)
            .unwrap_or_else(|| "the kernel does not fit in the padded input".into());
        let param = if edited_padding { "padding" } else { "kernel" };
        Err(err(
            path,
            param,
            format!(
                "empty output: {reason}; this layer receives a map only {input} wide{}",
                self.context()
            ),
        ))
    }

    /// Appends a row with the running totals; returns its index.
    pub fn push(&mut self, mut row: Row) -> Result<usize, ParamError> {
        if self.rows.len() >= MAX_LAYERS {
            return Err(err(
                &row.path,
                "layers",
                format!("more than {MAX_LAYERS} layers"),
            ));
        }
        self.params = checked_sum(&row.path, "params", self.params, row.params)?;
        self.macs = checked_sum(&row.path, "macs", self.macs, row.macs)?;
        if !row.is_block {
            row.cumulative_params = self.params;
            row.cumulative_macs = self.macs;
        }
        self.rows.push(row);
        Ok(self.rows.len() - 1)
    }

    /// Marks rows `range` as off the main path.
    pub fn off_main(&mut self, range: std::ops::Range<usize>) {
        for r in &mut self.rows[range] {
            r.main_path = false;
        }
    }
}

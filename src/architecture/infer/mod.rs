//! The one shape-inference routine: walks a [`Spec`] from its input to its last layer and
//! derives, for every layer and block, the output shape, the parameter count, the
//! multiply-accumulates and the receptive field, with running totals.
//!
//! - Output sizes come from [`crate::ops::shape::conv_len`] (`⌊(W + 2P − D(K−1) − 1)/S⌋ + 1`, the
//!   formula of PyTorch's `Conv2d`/`MaxPool2d` docs); an empty output is explained with
//!   [`crate::ops::shape::output_size`]'s reason. Nothing here re-derives that formula.
//! - Receptive fields come from [`crate::ops::receptive_field::sizes`] (Araujo, Norris & Sim 2019,
//!   Distill) applied to the chain of layer geometries from the input to each layer. Through
//!   a block the chain follows the *main path*: the branch whose receptive field is largest
//!   (a residual block's main branch, an Inception module's 5×5 branch). Squeeze-and-excitation
//!   gates are global (their pooling sees the whole map) but only rescale channels, so the
//!   main path passes through them unchanged; the table reports the main path, as the papers do.
//! - Parameters: convolution `O·(C/groups)·KH·KW` (+ `O` with bias); batch norm `2·C` (γ and
//!   β; the running mean and variance are buffers, not parameters, and are excluded, as in
//!   PyTorch's `parameters()`); fully connected `in·out` (+ `out`); pooling, LRN, activations,
//!   additions and concatenations have none.
//! - Multiply-accumulates ("FLOPs" in the ResNet, ResNeXt and SENet papers, which count
//!   multiply-adds of convolutions and fully connected layers): convolution
//!   `O·OH·OW·(C/groups)·KH·KW`, fully connected `in·out`. Bias additions, batch norm,
//!   pooling, activations, residual additions and SE scaling are element-wise and not counted,
//!   as in those papers.
//!
//! Every error is a [`ParamError`] of op `inferShapes` whose parameter is `<layer path>.<param>`
//! (e.g. ``inferShapes: invalid `pool3.kernel`: …``), so the page can point at the layer.

use serde::Serialize;

use super::spec::{Activation, Conv, Fc, Node, Pool, PoolOp, Spec};
use crate::error::ParamError;
use crate::params::{MAX_INT_PARAM, RawOptions};
use crate::ops::receptive_field::{Geometry, sizes};
use crate::ops::shape::{AxisParams, SizeKind, conv_len, output_size};

/// The op name in error messages.
pub const OP: &str = "inferShapes";

/// Largest parameter or multiply-add count reported: 2^53, beyond which JavaScript numbers
/// are no longer exact.
pub const MAX_COUNT: u64 = 1 << 53;

/// Blocks nested deeper than this are rejected (real networks nest at most two deep: an SE
/// gate inside a residual block). Keeps the recursion far from the stack limit in wasm.
pub const MAX_NESTING: usize = 8;

/// Layers (rows) per network at most; ResNet-152 has about 520.
pub const MAX_LAYERS: usize = 20_000;

/// Bound on receptive-field arithmetic: `1 + Σ D(K−1) · Π S` along any chain must stay below
/// this, so [`sizes`] (which works in `usize`, 32 bits in wasm) cannot overflow. Real
/// networks stay below 10^4.
pub const MAX_FIELD: u64 = 1 << 31;

/// A user's change to one convolution or pooling layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LayerOverride {
    pub stride: Option<[usize; 2]>,
    pub padding: Option<[usize; 2]>,
}

/// What the page may change: the input's `[H, W]` and per-layer stride/padding, keyed by
/// layer path (`"conv1"`, `"layer2.0.conv1"`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InferOptions {
    pub input_size: Option<[usize; 2]>,
    pub overrides: Vec<(String, LayerOverride)>,
}

impl InferOptions {
    /// Validates the options as they come from JS: `top` holds `inputSize` (a number or
    /// `[h, w]`), `overrides` one `{stride?, padding?}` per layer path. Errors name
    /// `inputSize` or `<path>.<param>`.
    pub fn parse(top: &RawOptions, overrides: &[(String, RawOptions)]) -> Result<Self, ParamError> {
        top.check_known(OP, &["inputSize", "overrides"])?;
        let input_size = match top.get("inputSize") {
            None => None,
            Some(_) => Some(top.pair(OP, "inputSize", [1, 1], 1)?),
        };
        let mut out = Vec::with_capacity(overrides.len());
        for (path, raw) in overrides {
            let named = |mut e: ParamError| {
                e.param = format!("{path}.{}", e.param);
                e
            };
            raw.check_known(OP, &["stride", "padding"]).map_err(named)?;
            let stride = match raw.get("stride") {
                None => None,
                Some(_) => Some(raw.pair(OP, "stride", [1, 1], 1).map_err(named)?),
            };
            let padding = match raw.get("padding") {
                None => None,
                Some(_) => Some(raw.pair(OP, "padding", [0, 0], 0).map_err(named)?),
            };
            out.retain(|(p, _): &(String, LayerOverride)| p != path);
            out.push((path.clone(), LayerOverride { stride, padding }));
        }
        Ok(Self {
            input_size,
            overrides: out,
        })
    }

    /// Options that change only the input size.
    pub fn input(h: usize, w: usize) -> Self {
        Self {
            input_size: Some([h, w]),
            overrides: Vec::new(),
        }
    }

    /// Adds a stride/padding change of the layer at `path`.
    pub fn with(
        mut self,
        path: &str,
        stride: Option<[usize; 2]>,
        padding: Option<[usize; 2]>,
    ) -> Self {
        self.overrides
            .push((path.to_string(), LayerOverride { stride, padding }));
        self
    }
}

/// One line of the table: a layer, a block (its first line, with the block's totals) or a
/// merge (`add`, `concat`, `scale`) that closes a block.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Row {
    /// Unique dotted path: the names of the enclosing blocks and the layer's own name
    /// (`"layer2.0.conv1"`).
    pub path: String,
    pub name: String,
    /// `input`, `conv`, `batchNorm`, `pool`, `globalAvgPool`, `lrn`, `fc`, the block kinds
    /// `residual`, `inception`, `squeezeExcite`, or the merges `add`, `concat`, `scale`.
    pub kind: &'static str,
    /// Residual block: `basic`/`bottleneck`; pooling: `max`/`avg`.
    pub variant: Option<String>,
    /// Nesting depth: 0 for top-level layers and blocks, 1 inside a block, …
    pub depth: usize,
    /// Path of the enclosing block.
    pub parent: Option<String>,
    /// Branch inside the enclosing block: `main`/`shortcut` (residual), the branch's name
    /// (Inception), `gate` (squeeze-and-excitation); `None` for the merge row.
    pub branch: Option<String>,
    pub is_block: bool,
    pub kernel: Option<[usize; 2]>,
    pub stride: Option<[usize; 2]>,
    pub padding: Option<[usize; 2]>,
    pub dilation: Option<[usize; 2]>,
    pub groups: Option<usize>,
    pub bias: Option<bool>,
    /// LRN: number of neighbouring channels normalised over.
    pub lrn_size: Option<usize>,
    /// Inputs each output value is a weighted sum of: `(C/groups)·KH·KW` for a convolution,
    /// `C·H·W` for a fully connected layer (the flattened input).
    pub fan_in: Option<u64>,
    pub act: Option<Activation>,
    /// `[C, H, W]` (fully connected outputs are `[N, 1, 1]`).
    pub in_shape: [usize; 3],
    pub out_shape: [usize; 3],
    /// For a block: the sum over its layers.
    pub params: u64,
    pub macs: u64,
    /// `[h, w]` in input pixels of one output unit, along the main path. It can exceed the
    /// input: the part outside is padding.
    pub receptive_field: [usize; 2],
    /// Input pixels between neighbouring output units (the product of strides).
    pub jump: [usize; 2],
    /// Totals from the input up to and including this row (a block: its whole content).
    pub cumulative_params: u64,
    pub cumulative_macs: u64,
    /// Whether the row is on the main path (see the module docs); rows of other branches are
    /// included in every total but not in `weightLayers`.
    pub main_path: bool,
    /// Stride and padding may be overridden (convolution and pooling layers).
    pub editable: bool,
    /// An override changed this layer.
    pub edited: bool,
}

/// Parameters and multiply-adds of one kind of layer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KindTotal {
    pub kind: &'static str,
    pub params: u64,
    pub macs: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Totals {
    pub params: u64,
    pub macs: u64,
    /// Convolution and fully connected layers on the main path: the depth the network's
    /// name counts (VGG-16: 16, ResNet-50: 50, GoogLeNet: 22).
    pub weight_layers: usize,
    pub out_shape: [usize; 3],
    /// `conv`, `fc`, `batchNorm`: where the parameters and the compute live.
    pub by_kind: Vec<KindTotal>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Inference {
    pub name: String,
    pub title: String,
    /// `[C, H, W]` actually used (after `inputSize`).
    pub input: [usize; 3],
    pub rows: Vec<Row>,
    pub totals: Totals,
}

/// The tensor flowing along one path, and the geometry chain that led to it.
#[derive(Debug, Clone)]
struct Flow {
    shape: [usize; 3],
    /// Non-identity layer geometries from the input to here.
    chain: Vec<Geometry>,
    /// Overflow guard for [`sizes`]: per axis, `Π S` and `Σ D(K−1)` along the chain.
    stride_product: [u64; 2],
    extent_sum: [u64; 2],
}

impl Flow {
    fn field(&self) -> ([usize; 2], [usize; 2]) {
        let last = |axis| sizes(&self.chain, axis).last().copied().unwrap_or((1, 1));
        let (rh, jh) = last(0);
        let (rw, jw) = last(1);
        ([rh, rw], [jh, jw])
    }
}

/// Where a list of nodes sits.
#[derive(Debug, Clone, Copy)]
struct Scope<'a> {
    prefix: Option<&'a str>,
    depth: usize,
    branch: Option<&'a str>,
}

struct Ctx<'a> {
    title: &'a str,
    input: [usize; 3],
    overrides: &'a [(String, LayerOverride)],
    used: Vec<bool>,
    rows: Vec<Row>,
    params: u64,
    macs: u64,
}

fn err(path: &str, param: &str, message: impl Into<String>) -> ParamError {
    ParamError::new(OP, format!("{path}.{param}"), message)
}

/// `[C, H, W]` in the lecture's notation `H×W×C`.
pub fn fmt_shape([c, h, w]: [usize; 3]) -> String {
    if h == 1 && w == 1 {
        format!("{c}")
    } else {
        format!("{h}×{w}×{c}")
    }
}

fn checked_product(path: &str, param: &str, factors: &[usize]) -> Result<u64, ParamError> {
    let mut p: u64 = 1;
    for &f in factors {
        p = p.checked_mul(f as u64).filter(|&v| v <= MAX_COUNT).ok_or_else(|| {
            err(path, param, format!("the layer would have more than 2^53 parameters or multiply-adds ({factors:?})"))
        })?;
    }
    Ok(p)
}

fn checked_sum(path: &str, param: &str, a: u64, b: u64) -> Result<u64, ParamError> {
    a.checked_add(b).filter(|&v| v <= MAX_COUNT).ok_or_else(|| {
        err(
            path,
            param,
            "the network would have more than 2^53 parameters or multiply-adds",
        )
    })
}

fn check_int(path: &str, param: &str, v: usize, min: usize) -> Result<(), ParamError> {
    if v < min || v > MAX_INT_PARAM {
        return Err(err(
            path,
            param,
            format!("expected a whole number in {min}..={MAX_INT_PARAM}, got {v}"),
        ));
    }
    Ok(())
}

fn check_pair(path: &str, param: &str, v: [usize; 2], min: usize) -> Result<(), ParamError> {
    v.iter().try_for_each(|&x| check_int(path, param, x, min))
}

impl Ctx<'_> {
    fn override_for(&mut self, path: &str) -> Option<LayerOverride> {
        let i = self.overrides.iter().position(|(p, _)| p == path)?;
        self.used[i] = true;
        Some(self.overrides[i].1)
    }

    /// " (input 227×227; edits: conv1.stride = 8)" for error messages.
    fn context(&self) -> String {
        let [_, h, w] = self.input;
        let mut s = format!(" (input {h}×{w}");
        let edits: Vec<String> = self
            .overrides
            .iter()
            .flat_map(|(p, o)| {
                let f = |v: [usize; 2]| {
                    if v[0] == v[1] {
                        v[0].to_string()
                    } else {
                        format!("{v:?}")
                    }
                };
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
    fn edit_inside(&self, prefix: &str) -> Option<String> {
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
    fn axis(
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
    fn push(&mut self, row: Row) -> Result<usize, ParamError> {
        if self.rows.len() >= MAX_LAYERS {
            return Err(err(
                &row.path,
                "layers",
                format!("more than {MAX_LAYERS} layers"),
            ));
        }
        self.params = checked_sum(&row.path, "params", self.params, row.params)?;
        self.macs = checked_sum(&row.path, "macs", self.macs, row.macs)?;
        let mut row = row;
        if !row.is_block {
            row.cumulative_params = self.params;
            row.cumulative_macs = self.macs;
        }
        self.rows.push(row);
        Ok(self.rows.len() - 1)
    }
}

/// Extends `flow`'s chain by `g` and checks the receptive-field overflow guard.
fn advance(path: &str, flow: &Flow, g: Geometry, shape: [usize; 3]) -> Result<Flow, ParamError> {
    let mut next = flow.clone();
    next.shape = shape;
    let identity = g.kernel == [1, 1] && g.stride == [1, 1];
    if identity {
        return Ok(next);
    }
    for axis in 0..2 {
        let extent = (g.dilation[axis] as u64).saturating_mul(g.kernel[axis] as u64 - 1);
        next.stride_product[axis] = next.stride_product[axis].saturating_mul(g.stride[axis] as u64);
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

fn base_row(
    path: &str,
    name: &str,
    kind: &'static str,
    scope: &Scope,
    in_shape: [usize; 3],
) -> Row {
    Row {
        path: path.to_string(),
        name: name.to_string(),
        kind,
        variant: None,
        depth: scope.depth,
        parent: scope.prefix.map(str::to_string),
        branch: scope.branch.map(str::to_string),
        is_block: false,
        kernel: None,
        stride: None,
        padding: None,
        dilation: None,
        groups: None,
        bias: None,
        lrn_size: None,
        fan_in: None,
        act: None,
        in_shape,
        out_shape: in_shape,
        params: 0,
        macs: 0,
        receptive_field: [1, 1],
        jump: [1, 1],
        cumulative_params: 0,
        cumulative_macs: 0,
        main_path: true,
        editable: false,
        edited: false,
    }
}

fn conv_layer(
    ctx: &mut Ctx,
    c: &Conv,
    path: &str,
    scope: &Scope,
    flow: &Flow,
) -> Result<Flow, ParamError> {
    let [ch, h, w] = flow.shape;
    let edit = ctx.override_for(path);
    let stride = edit.and_then(|o| o.stride).unwrap_or(c.stride);
    let padding = edit.and_then(|o| o.padding).unwrap_or(c.padding);
    check_int(path, "out", c.out, 1)?;
    check_pair(path, "kernel", c.kernel, 1)?;
    check_pair(path, "stride", stride, 1)?;
    check_pair(path, "padding", padding, 0)?;
    check_pair(path, "dilation", c.dilation, 1)?;
    check_int(path, "groups", c.groups, 1)?;
    if !ch.is_multiple_of(c.groups) || !c.out.is_multiple_of(c.groups) {
        return Err(err(
            path,
            "groups",
            format!(
                "{} groups must divide both the {ch} input channels and the {} filters",
                c.groups, c.out
            ),
        ));
    }
    for axis in 0..2 {
        if c.dilation[axis]
            .checked_mul(c.kernel[axis] - 1)
            .is_none_or(|s| s > MAX_INT_PARAM)
        {
            return Err(err(
                path,
                "dilation",
                "the dilated kernel is larger than supported",
            ));
        }
    }
    let edited_padding = edit.is_some_and(|o| o.padding.is_some());
    let ax = |i: usize| AxisParams::new(c.kernel[i], stride[i], padding[i], c.dilation[i]);
    let oh = ctx.axis(path, edited_padding, SizeKind::Conv, h, ax(0))?;
    let ow = ctx.axis(path, edited_padding, SizeKind::Conv, w, ax(1))?;
    let per_filter = [ch / c.groups, c.kernel[0], c.kernel[1]];
    let weights = checked_product(
        path,
        "out",
        &[c.out, per_filter[0], per_filter[1], per_filter[2]],
    )?;
    let params = checked_sum(path, "out", weights, if c.bias { c.out as u64 } else { 0 })?;
    let macs = checked_product(
        path,
        "out",
        &[c.out, oh, ow, per_filter[0], per_filter[1], per_filter[2]],
    )?;
    let g = Geometry {
        kernel: c.kernel,
        stride,
        padding,
        dilation: c.dilation,
    };
    let next = advance(path, flow, g, [c.out, oh, ow])?;
    let (receptive_field, jump) = next.field();
    let mut row = base_row(path, &c.name, "conv", scope, flow.shape);
    row.kernel = Some(c.kernel);
    row.stride = Some(stride);
    row.padding = Some(padding);
    row.dilation = Some(c.dilation);
    row.groups = Some(c.groups);
    row.bias = Some(c.bias);
    row.fan_in = Some(checked_product(path, "out", &per_filter)?);
    row.act = c.act;
    row.out_shape = next.shape;
    row.params = params;
    row.macs = macs;
    row.receptive_field = receptive_field;
    row.jump = jump;
    row.editable = true;
    row.edited = edit.is_some();
    ctx.push(row)?;
    Ok(next)
}

fn pool_layer(
    ctx: &mut Ctx,
    p: &Pool,
    path: &str,
    scope: &Scope,
    flow: &Flow,
) -> Result<Flow, ParamError> {
    let [ch, h, w] = flow.shape;
    let edit = ctx.override_for(path);
    let stride = edit.and_then(|o| o.stride).unwrap_or(p.stride);
    let padding = edit.and_then(|o| o.padding).unwrap_or(p.padding);
    check_pair(path, "kernel", p.kernel, 1)?;
    check_pair(path, "stride", stride, 1)?;
    check_pair(path, "padding", padding, 0)?;
    for (&pad, &k) in padding.iter().zip(&p.kernel) {
        // PyTorch's MaxPool2d/AvgPool2d rule: a window must overlap the real input.
        if pad > k / 2 {
            return Err(err(
                path,
                "padding",
                format!(
                    "expected at most half the {k}-wide window (⌊{k}/2⌋ = {}), got {pad}: a window placed entirely in the padding would see no input",
                    k / 2,
                ),
            ));
        }
    }
    let edited_padding = edit.is_some_and(|o| o.padding.is_some());
    let ax = |i: usize| AxisParams::new(p.kernel[i], stride[i], padding[i], 1);
    let oh = ctx.axis(path, edited_padding, SizeKind::Pool, h, ax(0))?;
    let ow = ctx.axis(path, edited_padding, SizeKind::Pool, w, ax(1))?;
    let g = Geometry {
        kernel: p.kernel,
        stride,
        padding,
        dilation: [1, 1],
    };
    let next = advance(path, flow, g, [ch, oh, ow])?;
    let (receptive_field, jump) = next.field();
    let mut row = base_row(path, &p.name, "pool", scope, flow.shape);
    row.variant = Some(match p.mode {
        PoolOp::Max => "max".into(),
        PoolOp::Avg => "avg".into(),
    });
    row.kernel = Some(p.kernel);
    row.stride = Some(stride);
    row.padding = Some(padding);
    row.out_shape = next.shape;
    row.receptive_field = receptive_field;
    row.jump = jump;
    row.editable = true;
    row.edited = edit.is_some();
    ctx.push(row)?;
    Ok(next)
}

/// A layer that sees the whole `H×W` map at once (global pooling, fully connected): for the
/// arithmetic it is a convolution whose kernel is the map ("A fully connected layer over an
/// H×W input is a convolution with an H×W kernel", [`Geometry`]).
fn whole_map(ctx: &Ctx, path: &str, flow: &Flow, out_channels: usize) -> Result<Flow, ParamError> {
    let [_, h, w] = flow.shape;
    let g = Geometry {
        kernel: [h, w],
        stride: [1, 1],
        padding: [0, 0],
        dilation: [1, 1],
    };
    let oh = ctx.axis(path, false, SizeKind::Pool, h, AxisParams::new(h, 1, 0, 1))?;
    let ow = ctx.axis(path, false, SizeKind::Pool, w, AxisParams::new(w, 1, 0, 1))?;
    advance(path, flow, g, [out_channels, oh, ow])
}

fn fc_layer(
    ctx: &mut Ctx,
    f: &Fc,
    path: &str,
    scope: &Scope,
    flow: &Flow,
) -> Result<Flow, ParamError> {
    check_int(path, "out", f.out, 1)?;
    let [c, h, w] = flow.shape;
    let inputs = checked_product(path, "out", &[c, h, w])?;
    // In u64: `inputs` may not fit a 32-bit usize (wasm).
    let weights = inputs
        .checked_mul(f.out as u64)
        .filter(|&v| v <= MAX_COUNT)
        .ok_or_else(|| err(path, "out", "the layer would have more than 2^53 weights"))?;
    let params = checked_sum(path, "out", weights, if f.bias { f.out as u64 } else { 0 })?;
    let next = whole_map(ctx, path, flow, f.out)?;
    let (receptive_field, jump) = next.field();
    let mut row = base_row(path, &f.name, "fc", scope, flow.shape);
    row.bias = Some(f.bias);
    row.fan_in = Some(inputs);
    row.act = f.act;
    row.out_shape = next.shape;
    row.params = params;
    row.macs = weights;
    row.receptive_field = receptive_field;
    row.jump = jump;
    if ctx.override_for(path).is_some() {
        return Err(err(
            path,
            "stride",
            "a fully connected layer has no stride or padding; only convolution and pooling layers can be edited",
        ));
    }
    ctx.push(row)?;
    Ok(next)
}

/// A layer that keeps the shape and the geometry (batch norm, LRN): `params` learned values.
fn same_shape(
    ctx: &mut Ctx,
    mut row: Row,
    path: &str,
    flow: &Flow,
    params: u64,
) -> Result<Flow, ParamError> {
    if ctx.override_for(path).is_some() {
        return Err(err(
            path,
            "stride",
            format!(
                "a {} layer has no stride or padding; only convolution and pooling layers can be edited",
                row.kind
            ),
        ));
    }
    let (receptive_field, jump) = flow.field();
    row.params = params;
    row.receptive_field = receptive_field;
    row.jump = jump;
    ctx.push(row)?;
    Ok(flow.clone())
}

fn join(prefix: Option<&str>, name: &str) -> String {
    match prefix {
        Some(p) => format!("{p}.{name}"),
        None => name.to_string(),
    }
}

/// Marks rows `range` as off the main path.
fn off_main(ctx: &mut Ctx, range: std::ops::Range<usize>) {
    for r in &mut ctx.rows[range] {
        r.main_path = false;
    }
}

/// `(r_h, r_w)` of a flow, to pick the branch with the largest receptive field.
fn reach(flow: &Flow) -> [usize; 2] {
    flow.field().0
}

/// Fills in a block's header row once its content is known.
fn close_block(ctx: &mut Ctx, header: usize, start: (u64, u64), out: &Flow) {
    let (receptive_field, jump) = out.field();
    let (params, macs) = (ctx.params - start.0, ctx.macs - start.1);
    let (cp, cm) = (ctx.params, ctx.macs);
    if let Some(row) = ctx.rows.get_mut(header) {
        row.out_shape = out.shape;
        row.params = params;
        row.macs = macs;
        row.receptive_field = receptive_field;
        row.jump = jump;
        row.cumulative_params = cp;
        row.cumulative_macs = cm;
    }
}

fn walk(ctx: &mut Ctx, nodes: &[Node], scope: Scope, flow: Flow) -> Result<Flow, ParamError> {
    let mut flow = flow;
    for node in nodes {
        flow = node_flow(ctx, node, scope, &flow)?;
    }
    Ok(flow)
}

fn node_flow(ctx: &mut Ctx, node: &Node, scope: Scope, flow: &Flow) -> Result<Flow, ParamError> {
    let name = node.name();
    let path = join(scope.prefix, name);
    if name.is_empty() || name.contains(['.', '`']) {
        return Err(err(
            &path,
            "name",
            format!("expected a non-empty name without '.' or '`', got {name:?}"),
        ));
    }
    if ctx.rows.iter().any(|r| r.path == path) {
        return Err(err(
            &path,
            "name",
            "two layers have this path; names must be unique within a block",
        ));
    }
    match node {
        Node::Conv(c) => conv_layer(ctx, c, &path, &scope, flow),
        Node::Pool(p) => pool_layer(ctx, p, &path, &scope, flow),
        Node::Fc(f) => fc_layer(ctx, f, &path, &scope, flow),
        Node::BatchNorm(n) => {
            let mut row = base_row(&path, name, "batchNorm", &scope, flow.shape);
            row.act = n.act;
            same_shape(ctx, row, &path, flow, 2 * flow.shape[0] as u64)
        }
        Node::Lrn(l) => {
            check_int(&path, "size", l.size, 1)?;
            let mut row = base_row(&path, name, "lrn", &scope, flow.shape);
            row.lrn_size = Some(l.size);
            same_shape(ctx, row, &path, flow, 0)
        }
        Node::GlobalAvgPool(n) => {
            if ctx.override_for(&path).is_some() {
                return Err(err(
                    &path,
                    "stride",
                    "global pooling always covers the whole map; it has no stride or padding to edit",
                ));
            }
            let next = whole_map(ctx, &path, flow, flow.shape[0])?;
            let (receptive_field, jump) = next.field();
            let mut row = base_row(&path, name, "globalAvgPool", &scope, flow.shape);
            row.kernel = Some([flow.shape[1], flow.shape[2]]);
            row.act = n.act;
            row.out_shape = next.shape;
            row.receptive_field = receptive_field;
            row.jump = jump;
            ctx.push(row)?;
            Ok(next)
        }
        Node::Residual(_) | Node::Inception(_) | Node::SqueezeExcite(_) => {
            block(ctx, node, &path, scope, flow)
        }
    }
}

fn block(
    ctx: &mut Ctx,
    node: &Node,
    path: &str,
    scope: Scope,
    flow: &Flow,
) -> Result<Flow, ParamError> {
    if scope.depth >= MAX_NESTING {
        return Err(err(
            path,
            "layers",
            format!("blocks nested more than {MAX_NESTING} deep"),
        ));
    }
    if ctx.override_for(path).is_some() {
        return Err(err(
            path,
            "stride",
            "a block has no stride or padding of its own; edit one of its layers",
        ));
    }
    let mut header = base_row(path, node.name(), node.kind(), &scope, flow.shape);
    header.is_block = true;
    let start = (ctx.params, ctx.macs);
    let head = ctx.push(header)?;
    let inner = |branch| Scope {
        prefix: Some(path),
        depth: scope.depth + 1,
        branch: Some(branch),
    };
    let out = match node {
        Node::Residual(r) => {
            if let Some(row) = ctx.rows.get_mut(head) {
                row.variant = Some(r.variant.clone());
            }
            let main = walk(ctx, &r.main, inner("main"), flow.clone())?;
            let main_end = ctx.rows.len();
            let short = walk(ctx, &r.shortcut, inner("shortcut"), flow.clone())?;
            let short_end = ctx.rows.len();
            if main.shape != short.shape {
                let param = ctx
                    .edit_inside(path)
                    .unwrap_or_else(|| format!("{path}.shortcut"));
                let how = if r.shortcut.is_empty() {
                    "the identity shortcut"
                } else {
                    "the shortcut"
                };
                return Err(ParamError::new(
                    OP,
                    param,
                    format!(
                        "the residual add in {path} needs equal shapes, but the main path gives {} and {how} gives {}{}",
                        fmt_shape(main.shape),
                        fmt_shape(short.shape),
                        ctx.context()
                    ),
                ));
            }
            let out = if reach(&short) > reach(&main) {
                off_main(ctx, head + 1..main_end);
                short
            } else {
                off_main(ctx, main_end..short_end);
                main
            };
            let mut add = base_row(
                &join(Some(path), "add"),
                "add",
                "add",
                &inner("main"),
                out.shape,
            );
            add.branch = None;
            add.act = r.act;
            let (rf, jump) = out.field();
            add.receptive_field = rf;
            add.jump = jump;
            ctx.push(add)?;
            out
        }
        Node::Inception(inc) => {
            if inc.branches.is_empty() {
                return Err(err(path, "branches", "expected at least one branch"));
            }
            let mut outs: Vec<(Flow, std::ops::Range<usize>)> = Vec::new();
            for b in &inc.branches {
                let begin = ctx.rows.len();
                let f = walk(ctx, &b.layers, inner(&b.name), flow.clone())?;
                outs.push((f, begin..ctx.rows.len()));
            }
            let [_, h, w] = outs[0].0.shape;
            let mut channels = 0usize;
            for (f, _) in &outs {
                if f.shape[1..] != [h, w] {
                    let param = ctx
                        .edit_inside(path)
                        .unwrap_or_else(|| format!("{path}.branches"));
                    let shapes: Vec<String> =
                        outs.iter().map(|(f, _)| fmt_shape(f.shape)).collect();
                    return Err(ParamError::new(
                        OP,
                        param,
                        format!(
                            "concatenating the branches of {path} needs the same height and width, got {}{}",
                            shapes.join(", "),
                            ctx.context()
                        ),
                    ));
                }
                channels = channels.saturating_add(f.shape[0]);
            }
            check_int(path, "branches", channels, 1)?;
            let best = (0..outs.len())
                .max_by_key(|&i| (reach(&outs[i].0), std::cmp::Reverse(i)))
                .unwrap_or(0);
            for (i, (_, range)) in outs.iter().enumerate() {
                if i != best {
                    off_main(ctx, range.clone());
                }
            }
            let mut out = outs.swap_remove(best).0;
            out.shape = [channels, h, w];
            let mut cat = base_row(
                &join(Some(path), "concat"),
                "concat",
                "concat",
                &inner(""),
                out.shape,
            );
            cat.branch = None;
            let (rf, jump) = out.field();
            cat.receptive_field = rf;
            cat.jump = jump;
            ctx.push(cat)?;
            out
        }
        Node::SqueezeExcite(se) => {
            let begin = ctx.rows.len();
            let gate = walk(ctx, &se.gate, inner("gate"), flow.clone())?;
            off_main(ctx, begin..ctx.rows.len());
            let want = [flow.shape[0], 1, 1];
            if gate.shape != want {
                return Err(err(
                    path,
                    "gate",
                    format!(
                        "the gate must end in one weight per channel ({}), got {}",
                        fmt_shape(want),
                        fmt_shape(gate.shape)
                    ),
                ));
            }
            let mut scale = base_row(
                &join(Some(path), "scale"),
                "scale",
                "scale",
                &inner(""),
                flow.shape,
            );
            scale.branch = None;
            let (rf, jump) = flow.field();
            scale.receptive_field = rf;
            scale.jump = jump;
            ctx.push(scale)?;
            flow.clone()
        }
        _ => flow.clone(),
    };
    close_block(ctx, head, start, &out);
    Ok(out)
}

/// Derives every layer's shape, parameters, multiply-adds and receptive field from `spec` and
/// `opts` (input size, stride/padding edits). Errors name `<layer path>.<param>`.
pub fn infer(spec: &Spec, opts: &InferOptions) -> Result<Inference, ParamError> {
    let [c, h0, w0] = spec.input;
    let [h, w] = opts.input_size.unwrap_or([h0, w0]);
    for (param, v) in [("input", c), ("input", h0), ("input", w0)] {
        if !(1..=MAX_INT_PARAM).contains(&v) {
            return Err(ParamError::new(
                OP,
                param,
                format!(
                    "expected sizes in 1..={MAX_INT_PARAM}, got {:?}",
                    spec.input
                ),
            ));
        }
    }
    for v in [h, w] {
        if !(1..=MAX_INT_PARAM).contains(&v) {
            return Err(ParamError::new(
                OP,
                "inputSize",
                format!("expected a whole number in 1..={MAX_INT_PARAM}, got {v}"),
            ));
        }
    }
    let input = [c, h, w];
    let mut ctx = Ctx {
        title: &spec.title,
        input,
        overrides: &opts.overrides,
        used: vec![false; opts.overrides.len()],
        rows: Vec::new(),
        params: 0,
        macs: 0,
    };
    let top = Scope {
        prefix: None,
        depth: 0,
        branch: None,
    };
    ctx.push(base_row("input", "input", "input", &top, input))?;
    let flow = Flow {
        shape: input,
        chain: Vec::new(),
        stride_product: [1, 1],
        extent_sum: [0, 0],
    };
    let out = walk(&mut ctx, &spec.layers, top, flow)?;
    if let Some(i) = ctx.used.iter().position(|u| !u) {
        let path = &opts.overrides[i].0;
        let editable: Vec<&str> = ctx
            .rows
            .iter()
            .filter(|r| r.editable)
            .take(6)
            .map(|r| r.path.as_str())
            .collect();
        return Err(ParamError::new(
            OP,
            format!("overrides.{path}"),
            format!(
                "{} has no layer with this path; editable layers are e.g. {}",
                ctx.title,
                editable.join(", ")
            ),
        ));
    }
    let mut by_kind = vec![
        KindTotal {
            kind: "conv",
            params: 0,
            macs: 0,
        },
        KindTotal {
            kind: "fc",
            params: 0,
            macs: 0,
        },
        KindTotal {
            kind: "batchNorm",
            params: 0,
            macs: 0,
        },
    ];
    let mut weight_layers = 0;
    for r in &ctx.rows {
        if let Some(k) = by_kind.iter_mut().find(|k| k.kind == r.kind) {
            // Bounded by the network totals, which passed the 2^53 check.
            k.params += r.params;
            k.macs += r.macs;
        }
        if r.main_path && matches!(r.kind, "conv" | "fc") {
            weight_layers += 1;
        }
    }
    let totals = Totals {
        params: ctx.params,
        macs: ctx.macs,
        weight_layers,
        out_shape: out.shape,
        by_kind,
    };
    Ok(Inference {
        name: spec.name.clone(),
        title: spec.title.clone(),
        input,
        rows: ctx.rows,
        totals,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::architecture::spec::{self, Node};

    fn tiny(layers: Vec<Node>) -> Spec {
        Spec {
            name: "tiny".into(),
            title: "Tiny".into(),
            family: "test".into(),
            year: "2024".into(),
            source: "hand-made".into(),
            notes: String::new(),
            top5_error: None,
            top5_note: None,
            input: [3, 8, 8],
            layers,
        }
    }

    #[test]
    fn counts_follow_the_documented_formulas() {
        // conv 3→4, 3×3, groups 1, bias: 4·3·9 + 4 = 112 params, 4·6·6·3·9 = 3888 MACs.
        let s = tiny(vec![
            spec::conv("c", 4, 3, 1, 0).bias().node(),
            spec::bn("bn"),
            spec::fc("f", 10, None),
        ]);
        let t = infer(&s, &InferOptions::default()).unwrap();
        assert_eq!((t.rows[1].params, t.rows[1].macs), (112, 3888));
        assert_eq!((t.rows[1].fan_in, t.rows[3].fan_in), (Some(27), Some(144)));
        assert_eq!(t.rows[2].params, 8); // γ, β per channel
        assert_eq!((t.rows[3].params, t.rows[3].macs), (144 * 10 + 10, 1440));
        assert_eq!(t.rows[3].receptive_field, [8, 8]); // the FC sees the whole 6×6 map = 8×8 input
        assert_eq!(t.totals.params, 112 + 8 + 1450);
        assert_eq!(fmt_shape([4, 6, 6]), "6×6×4");
        assert_eq!(fmt_shape([10, 1, 1]), "10");
    }

    #[test]
    fn duplicate_paths_and_deep_nesting_are_rejected() {
        let s = tiny(vec![spec::bn("x"), spec::bn("x")]);
        assert_eq!(
            infer(&s, &InferOptions::default()).unwrap_err().param,
            "x.name"
        );
        let mut node = spec::bn("leaf");
        for i in 0..=MAX_NESTING {
            node = Node::SqueezeExcite(spec::SqueezeExcite {
                name: format!("b{i}"),
                gate: vec![node],
            });
        }
        let e = infer(&tiny(vec![node]), &InferOptions::default()).unwrap_err();
        assert!(e.param.ends_with("b0.layers"), "{e}");
    }
}

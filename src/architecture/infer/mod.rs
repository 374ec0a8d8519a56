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
//!
//! The walk and the totals are here; [`layer`] computes each kind of layer, [`blocks`] the
//! blocks, [`row`] describes a line of the table, [`ctx`] the state of a walk and [`options`]
//! what the page may change.

mod blocks;
mod ctx;
mod layer;
mod options;
mod row;

use serde::Serialize;

pub use options::{InferOptions, LayerOverride};
pub use row::{Hyper, Row, RowKind};

use super::spec::{Node, Spec};
use crate::error::ParamError;
use crate::params::MAX_INT_PARAM;
use ctx::{Ctx, Flow, Scope, err};
use row::{Layer, Place};

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
/// this, so [`sizes`](crate::ops::receptive_field::sizes) (which works in `usize`, 32 bits in
/// wasm) cannot overflow. Real networks stay below 10^4.
pub const MAX_FIELD: u64 = 1 << 31;

/// Parameters and multiply-adds of one kind of layer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KindTotal {
    pub kind: RowKind,
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

/// `[C, H, W]` in the lecture's notation `H×W×C`.
pub fn fmt_shape([c, h, w]: [usize; 3]) -> String {
    if h == 1 && w == 1 {
        format!("{c}")
    } else {
        format!("{h}×{w}×{c}")
    }
}

fn walk(ctx: &mut Ctx, nodes: &[Node], scope: Scope, flow: Flow) -> Result<Flow, ParamError> {
    let mut flow = flow;
    for node in nodes {
        flow = node_flow(ctx, node, scope, &flow)?;
    }
    Ok(flow)
}

/// The one refusal of a stride/padding edit on a layer or block that has neither.
fn not_editable(path: &str, kind: RowKind) -> ParamError {
    let why = match kind {
        RowKind::GlobalAvgPool => {
            "global pooling always covers the whole map; it has no stride or padding to edit"
                .to_string()
        }
        k if k.is_block() => {
            "a block has no stride or padding of its own; edit one of its layers".to_string()
        }
        k => {
            let what = match k {
                RowKind::Fc => "fully connected",
                other => other.name(),
            };
            format!(
                "a {what} layer has no stride or padding; only convolution and pooling layers can be edited"
            )
        }
    };
    err(path, "stride", why)
}

/// The rows of one node (a layer, or a block with its rows) and the flow after it.
fn node_flow(ctx: &mut Ctx, node: &Node, scope: Scope, flow: &Flow) -> Result<Flow, ParamError> {
    let name = node.name();
    let path = scope.path(name);
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
    let editable = matches!(node, Node::Conv(_) | Node::Pool(_));
    if !editable && ctx.override_for(&path).is_some() {
        return Err(not_editable(&path, RowKind::of(node)));
    }
    let layer = match node {
        Node::Conv(c) => layer::conv(ctx, c, &path, flow)?,
        Node::Pool(p) => layer::pool(ctx, p, &path, flow)?,
        Node::Fc(f) => layer::fc(ctx, f, &path, flow)?,
        Node::BatchNorm(n) => layer::batch_norm(n, flow),
        Node::Lrn(l) => layer::lrn(l, &path, flow)?,
        Node::GlobalAvgPool(n) => layer::global_avg_pool(ctx, n, &path, flow)?,
        Node::Residual(_) | Node::Inception(_) | Node::SqueezeExcite(_) => {
            return blocks::block(ctx, node, &path, scope, flow);
        }
    };
    let place = Place {
        path: &path,
        name,
        scope,
    };
    ctx.push(Row::new(&place, flow.shape, &layer))?;
    Ok(layer.out)
}

/// `[C, H, W]` of the input: the spec's, with `inputSize` if given.
fn input_shape(spec: &Spec, opts: &InferOptions) -> Result<[usize; 3], ParamError> {
    let [c, h0, w0] = spec.input;
    if !spec.input.iter().all(|v| (1..=MAX_INT_PARAM).contains(v)) {
        return Err(ParamError::new(
            OP,
            "input",
            format!(
                "expected sizes in 1..={MAX_INT_PARAM}, got {:?}",
                spec.input
            ),
        ));
    }
    let [h, w] = opts.input_size.unwrap_or([h0, w0]);
    if let Some(v) = [h, w]
        .into_iter()
        .find(|v| !(1..=MAX_INT_PARAM).contains(v))
    {
        return Err(ParamError::new(
            OP,
            "inputSize",
            format!("expected a whole number in 1..={MAX_INT_PARAM}, got {v}"),
        ));
    }
    Ok([c, h, w])
}

/// The error for an override whose path names no layer.
fn unused_override(ctx: &Ctx, path: &str) -> ParamError {
    let editable: Vec<&str> = ctx
        .rows
        .iter()
        .filter(|r| r.editable)
        .take(6)
        .map(|r| r.path.as_str())
        .collect();
    ParamError::new(
        OP,
        format!("overrides.{path}"),
        format!(
            "{} has no layer with this path; editable layers are e.g. {}",
            ctx.title,
            editable.join(", ")
        ),
    )
}

/// Network totals from the rows: per kind (`conv`, `fc`, `batchNorm`) and the depth.
fn totals(ctx: &Ctx, out: &Flow) -> Totals {
    let by_kind = [RowKind::Conv, RowKind::Fc, RowKind::BatchNorm]
        .into_iter()
        .map(|kind| {
            let of_kind = ctx.rows.iter().filter(|r| r.kind == kind);
            // Bounded by the network totals, which passed the 2^53 check.
            KindTotal {
                kind,
                params: of_kind.clone().map(|r| r.params).sum(),
                macs: of_kind.map(|r| r.macs).sum(),
            }
        })
        .collect();
    Totals {
        params: ctx.params,
        macs: ctx.macs,
        weight_layers: ctx
            .rows
            .iter()
            .filter(|r| r.main_path && r.kind.is_weight_layer())
            .count(),
        out_shape: out.shape,
        by_kind,
    }
}

/// Derives every layer's shape, parameters, multiply-adds and receptive field from `spec` and
/// `opts` (input size, stride/padding edits). Errors name `<layer path>.<param>`.
pub fn infer(spec: &Spec, opts: &InferOptions) -> Result<Inference, ParamError> {
    let input = input_shape(spec, opts)?;
    let mut ctx = Ctx {
        title: &spec.title,
        input,
        overrides: &opts.overrides,
        used: vec![false; opts.overrides.len()],
        rows: Vec::new(),
        params: 0,
        macs: 0,
    };
    let flow = Flow::input(input);
    let place = Place {
        path: "input",
        name: "input",
        scope: Scope::TOP,
    };
    let row = Row::new(
        &place,
        input,
        &Layer::plain(RowKind::Input, Hyper::default(), flow.clone()),
    );
    ctx.push(row)?;
    let out = walk(&mut ctx, &spec.layers, Scope::TOP, flow)?;
    if let Some(i) = ctx.used.iter().position(|u| !u) {
        return Err(unused_override(&ctx, &opts.overrides[i].0));
    }
    let totals = totals(&ctx, &out);
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
        assert_eq!(
            (t.rows[1].hyper.fan_in, t.rows[3].hyper.fan_in),
            (Some(27), Some(144))
        );
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

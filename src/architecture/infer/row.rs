//! One line of the table: what kind of line it is ([`RowKind`]), and the [`Row`] the page
//! receives, built in one place ([`Row::new`]) from where the line sits ([`Place`]) and what
//! its layer computed ([`Layer`]).

use serde::Serialize;

use super::ctx::{Flow, Scope};
use crate::architecture::spec::{Activation, Node};

/// What a line of the table is: a layer, a block, or the merge that closes a block. In JS the
/// camelCase name (`"batchNorm"`, `"squeezeExcite"`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum RowKind {
    Input,
    Conv,
    BatchNorm,
    Pool,
    GlobalAvgPool,
    Lrn,
    Fc,
    Residual,
    Inception,
    SqueezeExcite,
    /// A residual block's addition.
    Add,
    /// An Inception module's concatenation.
    Concat,
    /// A squeeze-and-excitation block's channel scaling.
    Scale,
}

impl RowKind {
    /// The kind of a spec node (its serde tag).
    pub fn of(node: &Node) -> Self {
        match node {
            Node::Conv(_) => RowKind::Conv,
            Node::BatchNorm(_) => RowKind::BatchNorm,
            Node::Pool(_) => RowKind::Pool,
            Node::GlobalAvgPool(_) => RowKind::GlobalAvgPool,
            Node::Lrn(_) => RowKind::Lrn,
            Node::Fc(_) => RowKind::Fc,
            Node::Residual(_) => RowKind::Residual,
            Node::Inception(_) => RowKind::Inception,
            Node::SqueezeExcite(_) => RowKind::SqueezeExcite,
        }
    }

    /// The name JS sees.
    pub fn name(self) -> &'static str {
        match self {
            RowKind::Input => "input",
            RowKind::Conv => "conv",
            RowKind::BatchNorm => "batchNorm",
            RowKind::Pool => "pool",
            RowKind::GlobalAvgPool => "globalAvgPool",
            RowKind::Lrn => "lrn",
            RowKind::Fc => "fc",
            RowKind::Residual => "residual",
            RowKind::Inception => "inception",
            RowKind::SqueezeExcite => "squeezeExcite",
            RowKind::Add => "add",
            RowKind::Concat => "concat",
            RowKind::Scale => "scale",
        }
    }

    /// A block: its row heads the rows of its branches.
    pub fn is_block(self) -> bool {
        matches!(
            self,
            RowKind::Residual | RowKind::Inception | RowKind::SqueezeExcite
        )
    }

    /// A layer with weights that the network's depth counts (convolution, fully connected).
    pub fn is_weight_layer(self) -> bool {
        matches!(self, RowKind::Conv | RowKind::Fc)
    }
}

/// Compares with the name JS sees: `row.kind == "conv"`.
impl PartialEq<&str> for RowKind {
    fn eq(&self, other: &&str) -> bool {
        self.name() == *other
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
    pub kind: RowKind,
    /// Nesting depth: 0 for top-level layers and blocks, 1 inside a block, …
    pub depth: usize,
    /// Path of the enclosing block.
    pub parent: Option<String>,
    /// Branch inside the enclosing block: `main`/`shortcut` (residual), the branch's name
    /// (Inception), `gate` (squeeze-and-excitation); `None` for the merge row.
    pub branch: Option<String>,
    pub is_block: bool,
    /// The layer's hyperparameters (in JS, fields of the row itself).
    #[serde(flatten)]
    pub hyper: Hyper,
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

/// Where a line sits: its path and name, and the scope of the list it belongs to.
#[derive(Debug, Clone, Copy)]
pub(super) struct Place<'a> {
    pub path: &'a str,
    pub name: &'a str,
    pub scope: Scope<'a>,
}

/// A layer's hyperparameters as the table shows them; `None` where its kind has none.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Hyper {
    /// Residual block: `basic`/`bottleneck`; pooling: `max`/`avg`.
    pub variant: Option<String>,
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
}

/// Whether the page may change a layer's stride and padding, and whether it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Editing {
    Fixed,
    Editable { edited: bool },
}

/// What one line computed: its kind, hyperparameters, cost and output.
#[derive(Debug, Clone)]
pub(super) struct Layer {
    pub kind: RowKind,
    pub hyper: Hyper,
    pub params: u64,
    pub macs: u64,
    pub editing: Editing,
    /// The tensor after this line (for a block header: its input until the block closes).
    pub out: Flow,
}

impl Layer {
    /// A line without parameters, multiply-adds or edits.
    pub fn plain(kind: RowKind, hyper: Hyper, out: Flow) -> Self {
        Self {
            kind,
            hyper,
            params: 0,
            macs: 0,
            editing: Editing::Fixed,
            out,
        }
    }
}

impl Row {
    /// The line of `layer` at `place`, reading a tensor of `in_shape`. The running totals are
    /// filled in when the line is added to the table.
    pub(super) fn new(place: &Place, in_shape: [usize; 3], layer: &Layer) -> Row {
        let (receptive_field, jump) = layer.out.field();
        Row {
            path: place.path.to_string(),
            name: place.name.to_string(),
            kind: layer.kind,
            depth: place.scope.depth,
            parent: place.scope.prefix.map(str::to_string),
            branch: place.scope.branch.map(str::to_string),
            is_block: layer.kind.is_block(),
            hyper: layer.hyper.clone(),
            in_shape,
            out_shape: layer.out.shape,
            params: layer.params,
            macs: layer.macs,
            receptive_field,
            jump,
            cumulative_params: 0,
            cumulative_macs: 0,
            main_path: true,
            editable: layer.editing != Editing::Fixed,
            edited: layer.editing == Editing::Editable { edited: true },
        }
    }

    /// Completes a block's header once its content is known: its output, the totals of its
    /// rows (`params`, `macs`) and the running totals after it.
    pub(super) fn close(&mut self, out: &Flow, (params, macs): (u64, u64), cumulative: (u64, u64)) {
        (self.receptive_field, self.jump) = out.field();
        self.out_shape = out.shape;
        (self.params, self.macs) = (params, macs);
        (self.cumulative_params, self.cumulative_macs) = cumulative;
    }
}

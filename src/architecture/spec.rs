//! The data an architecture is described by: an ordered list of layers and blocks with their
//! hyperparameters (channels, kernel, stride, padding, groups, …), nothing computed.
//!
//! Shapes, parameter counts, multiply-accumulates and receptive fields are *not* stored here:
//! [`super::infer`] derives all of them from this description and an input size, so a table
//! can never disagree with the arithmetic, and editing one stride changes every number below.
//!
//! The types derive `serde` so the page receives a spec as a plain JS object
//! (`architecture(name)`) and can send an edited one back (`inferShapes(spec, …)`). In JS the
//! layer kind is the `kind` field (`"conv"`, `"batchNorm"`, `"pool"`, `"globalAvgPool"`,
//! `"lrn"`, `"fc"`, `"residual"`, `"inception"`, `"squeezeExcite"`), pairs are `[h, w]`.

use serde::{Deserialize, Serialize};

pub use crate::ops::pool::PoolMode;

/// One network: where it comes from, what it is fed, and its layers in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Spec {
    /// Identifier used by the API and in URLs: `"alexnet"`, `"resnet50"`, …
    pub name: String,
    /// Display name: `"AlexNet"`, `"ResNet-50"`, …
    pub title: String,
    /// The family the lecture groups it under (`"ResNet"` for ResNet-18 … ResNet-152).
    pub family: String,
    /// Year as the lecture gives it (`"2012"`, `"2016/17"`).
    pub year: String,
    /// The paper whose layer table this spec transcribes.
    pub source: String,
    /// How this spec relates to the paper (which variant, what is left out) and why.
    pub notes: String,
    /// ILSVRC top-5 error in percent as the lecture quotes it for this family, if any. The
    /// competition entries were often ensembles; [`Spec::top5_note`] says which.
    #[serde(default)]
    pub top5_error: Option<f64>,
    #[serde(default)]
    pub top5_note: Option<String>,
    /// `[C, H, W]` of the input the paper's table assumes.
    pub input: [usize; 3],
    pub layers: Vec<Node>,
}

/// Activation applied after a layer. It has no parameters and no multiply-adds in the
/// papers' counts; it is recorded so the table can say which non-linearity follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Activation {
    Relu,
    Tanh,
    Sigmoid,
}

impl Activation {
    /// `"relu"`, `"tanh"` or `"sigmoid"`.
    pub fn name(self) -> &'static str {
        match self {
            Activation::Relu => "relu",
            Activation::Tanh => "tanh",
            Activation::Sigmoid => "sigmoid",
        }
    }
}

fn one2() -> [usize; 2] {
    [1, 1]
}
fn one() -> usize {
    1
}
fn yes() -> bool {
    true
}

/// A 2-D convolution: `out` filters of `kernel` over `C/groups` input channels each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Conv {
    pub name: String,
    /// Output channels `O` (number of filters).
    pub out: usize,
    /// `[KH, KW]`.
    pub kernel: [usize; 2],
    #[serde(default = "one2")]
    pub stride: [usize; 2],
    #[serde(default)]
    pub padding: [usize; 2],
    #[serde(default = "one2")]
    pub dilation: [usize; 2],
    /// Channel groups: each filter sees `C/groups` input channels (AlexNet's two GPUs,
    /// ResNeXt's cardinality).
    #[serde(default = "one")]
    pub groups: usize,
    /// Whether the layer has one bias per filter. Convolutions followed by batch norm have
    /// none (BN's shift makes it redundant), as in the ResNet family.
    #[serde(default)]
    pub bias: bool,
    #[serde(default)]
    pub act: Option<Activation>,
}

/// Max or average pooling over `kernel` windows (no parameters). Average pooling counts the
/// zero padding, as PyTorch's default `count_include_pad=True`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Pool {
    pub name: String,
    pub mode: PoolMode,
    pub kernel: [usize; 2],
    pub stride: [usize; 2],
    #[serde(default)]
    pub padding: [usize; 2],
}

/// A fully connected layer over the flattened `C·H·W` input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Fc {
    pub name: String,
    pub out: usize,
    #[serde(default = "yes")]
    pub bias: bool,
    #[serde(default)]
    pub act: Option<Activation>,
}

/// A layer with only a name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Named {
    pub name: String,
    #[serde(default)]
    pub act: Option<Activation>,
}

/// Local response normalisation across `size` neighbouring channels (AlexNet, GoogLeNet).
/// Its constants (k, α, β) are fixed, not learned: no parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Lrn {
    pub name: String,
    pub size: usize,
}

/// `y = act(main(x) + shortcut(x))` (He et al. 2016). An empty `shortcut` is the identity; a
/// 1×1 convolution (+ BN) there is the "projection shortcut" used where the shape changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Residual {
    pub name: String,
    /// `"basic"` (two 3×3) or `"bottleneck"` (1×1 reduce, 3×3, 1×1 expand); a label only.
    pub variant: String,
    pub main: Vec<Node>,
    #[serde(default)]
    pub shortcut: Vec<Node>,
    #[serde(default)]
    pub act: Option<Activation>,
}

/// One branch of an Inception module.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Branch {
    pub name: String,
    pub layers: Vec<Node>,
}

/// Parallel branches on the same input, concatenated along channels (Szegedy et al. 2015).
/// Every branch must keep the same `H×W`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Inception {
    pub name: String,
    pub branches: Vec<Branch>,
}

/// Squeeze-and-excitation (Hu et al. 2018): `gate` maps the `[C, H, W]` input to `[C, 1, 1]`
/// weights in (0, 1) (global pool → FC → ReLU → FC → sigmoid), and the block's output is the
/// input with each channel scaled by its weight. The shape does not change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SqueezeExcite {
    pub name: String,
    pub gate: Vec<Node>,
}

/// A layer or a block of layers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Node {
    Conv(Conv),
    /// Batch normalisation: a learned scale γ and shift β per channel. The running mean and
    /// variance are buffers, not parameters, and are not counted (as in PyTorch's
    /// `parameters()` and the papers' parameter counts).
    BatchNorm(Named),
    Pool(Pool),
    /// Average over the whole `H×W` map (ResNet, ResNeXt, SENet): `[C, H, W] → [C, 1, 1]`.
    GlobalAvgPool(Named),
    Lrn(Lrn),
    Fc(Fc),
    Residual(Residual),
    Inception(Inception),
    SqueezeExcite(SqueezeExcite),
}

impl Node {
    pub fn name(&self) -> &str {
        match self {
            Node::Conv(c) => &c.name,
            Node::BatchNorm(n) | Node::GlobalAvgPool(n) => &n.name,
            Node::Pool(p) => &p.name,
            Node::Lrn(l) => &l.name,
            Node::Fc(f) => &f.name,
            Node::Residual(r) => &r.name,
            Node::Inception(i) => &i.name,
            Node::SqueezeExcite(s) => &s.name,
        }
    }
}

// Constructors used by the zoo, so each table reads like the paper's.

/// `out` filters of `k×k` at stride `s`, padding `p`, no bias, no activation: the usual
/// convolution followed by batch norm (whose row carries the ReLU).
pub fn conv(name: &str, out: usize, k: usize, s: usize, p: usize) -> Conv {
    Conv {
        name: name.into(),
        out,
        kernel: [k, k],
        stride: [s, s],
        padding: [p, p],
        dilation: [1, 1],
        groups: 1,
        bias: false,
        act: None,
    }
}

impl Conv {
    pub fn bias(mut self) -> Self {
        self.bias = true;
        self
    }
    /// Followed by a ReLU (networks without batch norm).
    pub fn relu(mut self) -> Self {
        self.act = Some(Activation::Relu);
        self
    }
    pub fn groups(mut self, g: usize) -> Self {
        self.groups = g;
        self
    }
    pub fn act(mut self, a: Option<Activation>) -> Self {
        self.act = a;
        self
    }
    pub fn node(self) -> Node {
        Node::Conv(self)
    }
}

pub fn bn(name: &str) -> Node {
    Node::BatchNorm(Named {
        name: name.into(),
        act: None,
    })
}

pub fn bn_relu(name: &str) -> Node {
    Node::BatchNorm(Named {
        name: name.into(),
        act: Some(Activation::Relu),
    })
}

/// `mode` pooling over `k×k` windows at stride `s`, padding `p`.
pub fn pool(name: &str, mode: PoolMode, k: usize, s: usize, p: usize) -> Node {
    Node::Pool(Pool {
        name: name.into(),
        mode,
        kernel: [k, k],
        stride: [s, s],
        padding: [p, p],
    })
}

pub fn max_pool(name: &str, k: usize, s: usize, p: usize) -> Node {
    pool(name, PoolMode::Max, k, s, p)
}

pub fn avg_pool(name: &str, k: usize, s: usize, p: usize) -> Node {
    pool(name, PoolMode::Avg, k, s, p)
}

pub fn global_avg_pool(name: &str) -> Node {
    Node::GlobalAvgPool(Named {
        name: name.into(),
        act: None,
    })
}

pub fn lrn(name: &str, size: usize) -> Node {
    Node::Lrn(Lrn {
        name: name.into(),
        size,
    })
}

pub fn fc(name: &str, out: usize, act: Option<Activation>) -> Node {
    Node::Fc(Fc {
        name: name.into(),
        out,
        bias: true,
        act,
    })
}

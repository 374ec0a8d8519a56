//! Residual networks: ResNet-18 … 152 (He et al. 2016), ResNeXt-50 (Xie et al. 2017) and
//! SE-ResNet-50 (Hu et al. 2018), from one table per network and one block builder.

use super::RELU;
use crate::architecture::spec::{
    Activation, Node, Residual, Spec, SqueezeExcite, bn, bn_relu, conv, fc, global_avg_pool,
    max_pool,
};

/// A ResNet-style network: blocks per stage and the block's shape, He et al. 2016, Table 1
/// (ResNet), Xie et al. 2017, Table 1 (ResNeXt), Hu et al. 2018, Table 1 (SE-ResNet).
pub(super) struct ResNetTable {
    name: &'static str,
    title: &'static str,
    family: &'static str,
    year: &'static str,
    /// Blocks in each of the four stages (the paper's conv2_x … conv5_x).
    blocks: [usize; 4],
    /// Two 3×3 convolutions (ResNet-18/34) instead of the 1×1–3×3–1×1 bottleneck.
    basic: bool,
    /// Channels of the 3×3 convolution in the first stage (doubles every stage).
    width: usize,
    /// Groups of the 3×3 convolution (ResNeXt's cardinality).
    groups: usize,
    top5_error: Option<f64>,
    top5_note: Option<&'static str>,
}

const fn plain(
    name: &'static str,
    title: &'static str,
    blocks: [usize; 4],
    basic: bool,
) -> ResNetTable {
    ResNetTable {
        name,
        title,
        family: "ResNet",
        year: "2015",
        blocks,
        basic,
        width: 64,
        groups: 1,
        top5_error: None,
        top5_note: None,
    }
}

pub(super) const RESNETS: [ResNetTable; 5] = [
    plain("resnet18", "ResNet-18", [2, 2, 2, 2], true),
    plain("resnet34", "ResNet-34", [3, 4, 6, 3], true),
    plain("resnet50", "ResNet-50", [3, 4, 6, 3], false),
    plain("resnet101", "ResNet-101", [3, 4, 23, 3], false),
    ResNetTable {
        top5_error: Some(3.57),
        top5_note: Some(
            "ILSVRC 2015 classification winner (an ensemble of ResNets of different depths)",
        ),
        ..plain("resnet152", "ResNet-152", [3, 8, 36, 3], false)
    },
];

pub(super) const RESNET50_V15: ResNetTable =
    plain("resnet50-v1.5", "ResNet-50 v1.5", [3, 4, 6, 3], false);

pub(super) const RESNEXT50: ResNetTable = ResNetTable {
    family: "ResNeXt",
    year: "2016/17",
    width: 128,
    groups: 32,
    top5_error: Some(4.1),
    top5_note: Some("the lecture's figure for ResNeXt (ILSVRC 2016, 2nd place entry)"),
    ..plain("resnext50-32x4d", "ResNeXt-50 (32×4d)", [3, 4, 6, 3], false)
};

pub(super) const SE_RESNET50: ResNetTable = ResNetTable {
    family: "SENet",
    year: "2017",
    top5_error: Some(2.251),
    top5_note: Some(
        "ILSVRC 2017 classification winner (an ensemble of SENets, SENet-154 the largest)",
    ),
    ..plain("se-resnet50", "SE-ResNet-50", [3, 4, 6, 3], false)
};

/// Where a bottleneck block that halves the map puts its stride.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stride {
    /// In the first 1×1 convolution, as in the ResNet authors' released models (ResNet v1)
    /// and SENet's.
    FirstConv,
    /// In the 3×3 convolution, as in ResNeXt and torchvision's ResNet ("v1.5"), which costs
    /// more multiply-adds (the 3×3 runs at full resolution's input) but is slightly more
    /// accurate.
    ThreeByThree,
}

/// SE reduction ratio r (Hu et al. 2018, Section 6.1: r = 16).
const SE_REDUCTION: usize = 16;

fn squeeze_excite(channels: usize) -> Node {
    Node::SqueezeExcite(SqueezeExcite {
        name: "se".into(),
        gate: vec![
            global_avg_pool("squeeze"),
            fc("fc1", channels / SE_REDUCTION, RELU),
            fc("fc2", channels, Some(Activation::Sigmoid)),
        ],
    })
}

/// One residual block. `in_ch` channels come in, `stride` is 1 or 2.
fn res_block(
    t: &ResNetTable,
    where_: Stride,
    se: bool,
    name: &str,
    in_ch: usize,
    width: usize,
    stride: usize,
) -> Node {
    let (main, out) = if t.basic {
        (
            vec![
                conv("conv1", width, 3, stride, 1).node(),
                bn_relu("bn1"),
                conv("conv2", width, 3, 1, 1).node(),
                bn("bn2"),
            ],
            width,
        )
    } else {
        // Output channels: 4× the 3×3 width for ResNet (64 → 256); ResNeXt keeps ResNet's
        // outputs (256, 512, …) with a wider grouped 3×3 (128 = 32 groups × 4 channels).
        let out = if t.groups > 1 { width * 2 } else { width * 4 };
        let (s1, s3) = match where_ {
            Stride::FirstConv => (stride, 1),
            Stride::ThreeByThree => (1, stride),
        };
        let mut main = vec![
            conv("conv1", width, 1, s1, 0).node(),
            bn_relu("bn1"),
            conv("conv2", width, 3, s3, 1).groups(t.groups).node(),
            bn_relu("bn2"),
            conv("conv3", out, 1, 1, 0).node(),
            bn("bn3"),
        ];
        if se {
            main.push(squeeze_excite(out));
        }
        (main, out)
    };
    // Projection shortcut (the paper's option B) only where the shape changes.
    let shortcut = if stride != 1 || in_ch != out {
        vec![conv("proj", out, 1, stride, 0).node(), bn("proj_bn")]
    } else {
        Vec::new()
    };
    Node::Residual(Residual {
        name: name.into(),
        variant: if t.basic { "basic" } else { "bottleneck" }.into(),
        main,
        shortcut,
        act: RELU,
    })
}

pub(super) fn resnet(t: &ResNetTable, where_: Stride, se: bool) -> Spec {
    let mut layers = vec![
        conv("conv1", 64, 7, 2, 3).node(),
        bn_relu("bn1"),
        max_pool("maxpool", 3, 2, 1),
    ];
    let mut ch = 64;
    for (stage, &n) in t.blocks.iter().enumerate() {
        let width = t.width << stage;
        for i in 0..n {
            let stride = if stage > 0 && i == 0 { 2 } else { 1 };
            let block = res_block(
                t,
                where_,
                se,
                &format!("layer{}_{i}", stage + 1),
                ch,
                width,
                stride,
            );
            ch = match &block {
                Node::Residual(r) => r.main.iter().rev().find_map(|n| match n {
                    Node::Conv(c) => Some(c.out),
                    _ => None,
                }),
                _ => None,
            }
            .unwrap_or(ch);
            layers.push(block);
        }
    }
    layers.push(global_avg_pool("avgpool"));
    layers.push(fc("fc", 1000, None));
    let (source, notes) = match t.family {
        "ResNeXt" => (
            "Xie, Girshick, Dollár, Tu, He 2017, \"Aggregated Residual Transformations for Deep Neural Networks\", Table 1",
            "ResNet-50's layout with the bottleneck's 3×3 convolution split into 32 groups of 4 channels (cardinality 32, width \
             4: \"32×4d\"), twice as wide (128 instead of 64 in the first stage) for about the same parameters and \
             multiply-adds. The stride of a down-sampling block is in the 3×3 convolution. Convolutions have no bias (batch \
             norm follows); BN counts γ and β only.",
        ),
        "SENet" => (
            "Hu, Shen, Sun 2018, \"Squeeze-and-Excitation Networks\", Table 1 (SE-ResNet-50) and Table 2",
            "ResNet-50 (strides as in the authors' ResNet) with a squeeze-and-excitation block on each residual branch before the \
             addition: global average pool (squeeze), FC C→C/16 + ReLU, FC C/16→C + sigmoid (excitation), then every \
             channel is scaled by its weight. About 10% more parameters, under 1% more multiply-adds. The gate sees the whole \
             map; receptive fields are reported along the main path.",
        ),
        _ if where_ == Stride::ThreeByThree => (
            "He, Zhang, Ren, Sun 2016, \"Deep Residual Learning for Image Recognition\", Table 1; stride placement of torchvision's resnet50",
            "Same layers and parameters as ResNet-50, but a down-sampling block strides in its 3×3 convolution instead of the \
             first 1×1, so that 1×1 runs on the full-resolution map: 4.1 instead of 3.8 G multiply-adds. This is the \
             ResNet-50 of torchvision and of most later papers, which is why both numbers are quoted.",
        ),
        _ => (
            "He, Zhang, Ren, Sun 2016, \"Deep Residual Learning for Image Recognition\", Table 1",
            if t.basic {
                "Basic blocks: two 3×3 convolutions with batch norm and an identity skip connection; where a stage halves the \
                 map and doubles the channels, a 1×1 convolution at stride 2 (projection shortcut) makes the shapes match for \
                 the addition. Convolutions have no bias (batch norm follows); BN counts γ and β only. layer1 … layer4 are the \
                 paper's conv2_x … conv5_x."
            } else {
                "Bottleneck blocks: 1×1 to reduce the channels, 3×3, 1×1 to expand them 4×, with batch norm, and a skip \
                 connection (identity, or a 1×1 projection where the shape changes). A down-sampling block strides in its \
                 first 1×1 convolution, as in the authors' released models; this gives the paper's FLOPs. Convolutions have \
                 no bias; BN counts γ and β only. layer1 … layer4 are the paper's conv2_x … conv5_x."
            },
        ),
    };
    Spec {
        name: t.name.into(),
        title: t.title.into(),
        family: t.family.into(),
        year: t.year.into(),
        source: source.into(),
        notes: notes.into(),
        top5_error: t.top5_error,
        top5_note: t.top5_note.map(Into::into),
        input: [3, 224, 224],
        layers,
    }
}

//! The case-study networks of the lecture, transcribed from their papers' layer tables.
//!
//! Only hyperparameters are written down here (channels, kernels, strides, padding, groups,
//! which blocks repeat how often); every shape, parameter count, multiply-add count and
//! receptive field is computed by [`super::infer`]. Each table is a `const` that reads like the
//! paper's table, and a small builder turns it into a [`Spec`].
//!
//! Numbers the tests compare against (from the papers, not from this code): AlexNet ≈ 60 M
//! parameters; VGG-16 138 M parameters, 15.3 G multiply-adds, VGG-19 19.6 G; ResNet-18/34/50/
//! 101/152 1.8/3.6/3.8/7.6/11.3 G multiply-adds (He et al. 2016, Table 1); ResNeXt-50 (32×4d)
//! 25.0 M and 4.2 G (Xie et al. 2017, Table 1); SE-ResNet-50 28.1 M and 3.87 G (Hu et al.
//! 2018, Table 2); GoogLeNet about 6.8 M parameters and 1.5 G multiply-adds (Szegedy et al.
//! 2015, Table 1 and Section 5).

use super::spec::{
    Activation, Branch, Inception, Node, Residual, Spec, SqueezeExcite, avg_pool, bn, bn_relu,
    conv, fc, global_avg_pool, lrn, max_pool, pool,
};
use crate::lenet::layers::{INPUT_PADDING, LAYERS, LayerKind, LayerSpec, Then};
use crate::lenet::network::Variant;

const RELU: Option<Activation> = Some(Activation::Relu);

/// Every architecture's identifier, in the order the lecture presents them.
pub const NAMES: [&str; 14] = [
    "lenet5",
    "alexnet",
    "alexnet-2gpu",
    "vgg16",
    "vgg19",
    "googlenet",
    "resnet18",
    "resnet34",
    "resnet50",
    "resnet101",
    "resnet152",
    "resnext50-32x4d",
    "se-resnet50",
    // The plain ResNet-50 with the stride in the 3×3 convolution (torchvision's "v1.5"), to
    // show why published FLOP counts of "ResNet-50" differ.
    "resnet50-v1.5",
];

/// The spec of one architecture, or `None` for an unknown name.
pub fn get(name: &str) -> Option<Spec> {
    Some(match name {
        "lenet5" => lenet5(),
        "alexnet" => alexnet(false),
        "alexnet-2gpu" => alexnet(true),
        "vgg16" => vgg("vgg16", "VGG-16", &VGG16),
        "vgg19" => vgg("vgg19", "VGG-19", &VGG19),
        "googlenet" => googlenet(),
        "resnet18" => resnet(&RESNETS[0], Stride::FirstConv, false),
        "resnet34" => resnet(&RESNETS[1], Stride::FirstConv, false),
        "resnet50" => resnet(&RESNETS[2], Stride::FirstConv, false),
        "resnet101" => resnet(&RESNETS[3], Stride::FirstConv, false),
        "resnet152" => resnet(&RESNETS[4], Stride::FirstConv, false),
        "resnet50-v1.5" => resnet(&RESNET50_V15, Stride::ThreeByThree, false),
        "resnext50-32x4d" => resnet(&RESNEXT50, Stride::ThreeByThree, false),
        "se-resnet50" => resnet(&SE_RESNET50, Stride::FirstConv, true),
        _ => return None,
    })
}

/// LeNet-5 exactly as this crate ships it, from its one layer table ([`LAYERS`]), with the
/// classic variant's activation and pooling.
fn lenet5() -> Spec {
    Spec {
        name: "lenet5".into(),
        title: "LeNet-5".into(),
        family: "LeNet".into(),
        year: "1998".into(),
        source: "LeCun, Bottou, Bengio, Haffner 1998, \"Gradient-Based Learning Applied to Document Recognition\", Fig. 2".into(),
        notes: "The network this app ships (the digit view): the 28×28 digit is padded with 2 zeros to the paper's 32×32 before C1, \
                written here as C1's padding 2. C3 is dense (each of its 16 filters sees all 6 S2 maps: 2,416 parameters) instead of the \
                paper's sparse connection table (1,516), and S2/S4 are plain 2×2 averages without the paper's trainable coefficient and \
                bias, so the total is 61,706 parameters (the paper's version: 60,000). The classic variant uses tanh and average \
                pooling; the modern one ReLU and max pooling, with the same counts."
            .into(),
        top5_error: None,
        top5_note: None,
        input: LAYERS[0].shape,
        layers: LAYERS.iter().filter_map(lenet5_node).collect(),
    }
}

/// One layer of LeNet-5 as a spec node (`None` for the input). C1's padding is the 2 pixels
/// the network pads the 28×28 digit with (in [`LAYERS`], C1 reads the already padded input).
fn lenet5_node(l: &LayerSpec) -> Option<Node> {
    let variant = Variant::Classic;
    let g = l.geometry?;
    let act = (l.then == Then::Activation).then(|| variant.activation());
    let padding = g.padding[0]
        + if l.input == Some("input") {
            INPUT_PADDING
        } else {
            0
        };
    let [out, _, _] = l.shape;
    Some(match l.kind {
        LayerKind::Input => return None,
        LayerKind::Conv => conv(l.name, out, g.kernel[0], g.stride[0], padding)
            .bias()
            .act(act)
            .node(),
        LayerKind::Pool => pool(
            l.name,
            variant.pool_mode(),
            g.kernel[0],
            g.stride[0],
            padding,
        ),
        LayerKind::Dense => fc(l.name, out, act),
    })
}

/// AlexNet as the lecture tabulates it, single tower (`grouped = false`), or the paper's
/// two-GPU network where CONV2, CONV4 and CONV5 only see the maps on their own GPU
/// (`groups = 2`).
fn alexnet(grouped: bool) -> Spec {
    let g = if grouped { 2 } else { 1 };
    let (name, title, notes) = if grouped {
        (
            "alexnet-2gpu",
            "AlexNet (2 GPUs)",
            "The paper's network as trained on two GPUs: CONV2, CONV4 and CONV5 only connect to the maps on their own GPU, \
             which is a convolution with groups = 2 (each filter sees half the channels). CONV3 and the FC layers connect across \
             GPUs. 60,965,224 parameters, the paper's \"60 million\". Input 227×227 so that CONV1's arithmetic gives 55×55.",
        )
    } else {
        (
            "alexnet",
            "AlexNet",
            "The lecture's single-tower AlexNet: the paper's layers with each layer's two GPU halves merged (CONV2, CONV4, CONV5 \
             see all channels), 62,378,344 parameters. The input is 227×227: with the paper's stated 224×224, CONV1 (11×11, \
             stride 4, no padding) would not give 55×55. NORM layers (local response normalisation) have fixed constants, no \
             parameters. Most parameters live in FC6–FC8, most multiply-adds in the convolutions.",
        )
    };
    Spec {
        name: name.into(),
        title: title.into(),
        family: "AlexNet".into(),
        year: "2012".into(),
        source: "Krizhevsky, Sutskever, Hinton 2012, \"ImageNet Classification with Deep Convolutional Neural Networks\", Section 3.5 and Fig. 2".into(),
        notes: notes.into(),
        top5_error: Some(15.3),
        top5_note: Some("ILSVRC 2012 winner (SuperVision; an ensemble, with extra pre-training data)".into()),
        input: [3, 227, 227],
        layers: vec![
            conv("conv1", 96, 11, 4, 0).bias().relu().node(),
            max_pool("pool1", 3, 2, 0),
            lrn("norm1", 5),
            conv("conv2", 256, 5, 1, 2).bias().groups(g).relu().node(),
            max_pool("pool2", 3, 2, 0),
            lrn("norm2", 5),
            conv("conv3", 384, 3, 1, 1).bias().relu().node(),
            conv("conv4", 384, 3, 1, 1).bias().groups(g).relu().node(),
            conv("conv5", 256, 3, 1, 1).bias().groups(g).relu().node(),
            max_pool("pool3", 3, 2, 0),
            fc("fc6", 4096, RELU),
            fc("fc7", 4096, RELU),
            fc("fc8", 1000, None),
        ],
    }
}

/// VGG configurations D (16 weight layers) and E (19), Simonyan & Zisserman 2015, Table 1:
/// output channels of the 3×3 convolutions (stride 1, padding 1) of each stage; every stage
/// ends in 2×2 max pooling at stride 2.
const VGG16: [&[usize]; 5] = [
    &[64, 64],
    &[128, 128],
    &[256, 256, 256],
    &[512, 512, 512],
    &[512, 512, 512],
];
const VGG19: [&[usize]; 5] = [
    &[64, 64],
    &[128, 128],
    &[256, 256, 256, 256],
    &[512, 512, 512, 512],
    &[512, 512, 512, 512],
];

fn vgg(name: &str, title: &str, stages: &[&[usize]; 5]) -> Spec {
    let mut layers = Vec::new();
    for (s, widths) in stages.iter().enumerate() {
        for (i, &w) in widths.iter().enumerate() {
            layers.push(
                conv(&format!("conv{}_{}", s + 1, i + 1), w, 3, 1, 1)
                    .bias()
                    .relu()
                    .node(),
            );
        }
        layers.push(max_pool(&format!("pool{}", s + 1), 2, 2, 0));
    }
    layers.push(fc("fc6", 4096, RELU));
    layers.push(fc("fc7", 4096, RELU));
    layers.push(fc("fc8", 1000, None));
    let sixteen = name == "vgg16";
    Spec {
        name: name.into(),
        title: title.into(),
        family: "VGG".into(),
        year: "2014".into(),
        source: format!(
            "Simonyan & Zisserman 2015, \"Very Deep Convolutional Networks for Large-Scale Image Recognition\", Table 1 configuration {}",
            if sixteen { "D" } else { "E" }
        ),
        notes: "Only 3×3 convolutions (stride 1, padding 1, so H×W is kept) and 2×2 max pooling (which halves it). Three stacked \
                3×3 convolutions see 7×7 like one 7×7 layer, with fewer parameters (3·3²C² vs 7²C²) and more non-linearities. \
                About 90% of the parameters are in FC6–FC8 (FC6 alone: 7·7·512·4096), about 99% of the multiply-adds in the \
                convolutions."
            .into(),
        top5_error: sixteen.then_some(7.3),
        top5_note: sixteen.then(|| "ILSVRC 2014 classification, 2nd place (VGG team's submission, an ensemble)".into()),
        input: [3, 224, 224],
        layers,
    }
}

/// Inception modules of GoogLeNet, Szegedy et al. 2015, Table 1: name, #1×1, #3×3 reduce,
/// #3×3, #5×5 reduce, #5×5, pool proj.
const INCEPTIONS: [(&str, [usize; 6]); 9] = [
    ("inception_3a", [64, 96, 128, 16, 32, 32]),
    ("inception_3b", [128, 128, 192, 32, 96, 64]),
    ("inception_4a", [192, 96, 208, 16, 48, 64]),
    ("inception_4b", [160, 112, 224, 24, 64, 64]),
    ("inception_4c", [128, 128, 256, 24, 64, 64]),
    ("inception_4d", [112, 144, 288, 32, 64, 64]),
    ("inception_4e", [256, 160, 320, 32, 128, 128]),
    ("inception_5a", [256, 160, 320, 32, 128, 128]),
    ("inception_5b", [384, 192, 384, 48, 128, 128]),
];

/// One Inception module: four branches on the same input, concatenated. The 1×1
/// "reduce" convolutions shrink the channels before the expensive 3×3 and 5×5 ones.
fn inception(name: &str, [c1, r3, c3, r5, c5, pp]: [usize; 6]) -> Node {
    let b = |n: &str, layers: Vec<Node>| Branch {
        name: n.into(),
        layers,
    };
    Node::Inception(Inception {
        name: name.into(),
        branches: vec![
            b("1x1", vec![conv("1x1", c1, 1, 1, 0).bias().relu().node()]),
            b(
                "3x3",
                vec![
                    conv("3x3_reduce", r3, 1, 1, 0).bias().relu().node(),
                    conv("3x3", c3, 3, 1, 1).bias().relu().node(),
                ],
            ),
            b(
                "5x5",
                vec![
                    conv("5x5_reduce", r5, 1, 1, 0).bias().relu().node(),
                    conv("5x5", c5, 5, 1, 2).bias().relu().node(),
                ],
            ),
            b(
                "pool",
                vec![
                    max_pool("pool", 3, 1, 1),
                    conv("pool_proj", pp, 1, 1, 0).bias().relu().node(),
                ],
            ),
        ],
    })
}

fn googlenet() -> Spec {
    let mut layers = vec![
        conv("conv1", 64, 7, 2, 3).bias().relu().node(),
        max_pool("pool1", 3, 2, 1),
        lrn("norm1", 5),
        conv("conv2_reduce", 64, 1, 1, 0).bias().relu().node(),
        conv("conv2", 192, 3, 1, 1).bias().relu().node(),
        lrn("norm2", 5),
        max_pool("pool2", 3, 2, 1),
    ];
    for (name, row) in INCEPTIONS {
        layers.push(inception(name, row));
        match name {
            "inception_3b" => layers.push(max_pool("pool3", 3, 2, 1)),
            "inception_4e" => layers.push(max_pool("pool4", 3, 2, 1)),
            _ => {}
        }
    }
    layers.push(avg_pool("pool5", 7, 1, 0));
    layers.push(fc("classifier", 1000, None));
    Spec {
        name: "googlenet".into(),
        title: "GoogLeNet".into(),
        family: "GoogLeNet".into(),
        year: "2014".into(),
        source: "Szegedy et al. 2015, \"Going Deeper with Convolutions\", Table 1 and Fig. 3".into(),
        notes: "22 layers with weights, 9 Inception modules, no large FC layers: a 7×7 average pool replaces them, leaving one \
                1024→1000 classifier. The 3×3/2 max pools use padding 1 so that floor rounding reproduces the table's sizes (the \
                Caffe original rounds up instead). The two auxiliary classifiers exist only during training and are left out. \
                Convolutions have biases and no batch norm, as in the paper."
            .into(),
        top5_error: Some(6.67),
        top5_note: Some("ILSVRC 2014 classification winner (an ensemble of 7 GoogLeNets)".into()),
        input: [3, 224, 224],
        layers,
    }
}

/// A ResNet-style network: blocks per stage and the block's shape, He et al. 2016, Table 1
/// (ResNet), Xie et al. 2017, Table 1 (ResNeXt), Hu et al. 2018, Table 1 (SE-ResNet).
struct ResNetTable {
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

const RESNETS: [ResNetTable; 5] = [
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

const RESNET50_V15: ResNetTable = plain("resnet50-v1.5", "ResNet-50 v1.5", [3, 4, 6, 3], false);

const RESNEXT50: ResNetTable = ResNetTable {
    family: "ResNeXt",
    year: "2016/17",
    width: 128,
    groups: 32,
    top5_error: Some(4.1),
    top5_note: Some("the lecture's figure for ResNeXt (ILSVRC 2016, 2nd place entry)"),
    ..plain("resnext50-32x4d", "ResNeXt-50 (32×4d)", [3, 4, 6, 3], false)
};

const SE_RESNET50: ResNetTable = ResNetTable {
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
enum Stride {
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

fn resnet(t: &ResNetTable, where_: Stride, se: bool) -> Spec {
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

//! The plain stacks of the ImageNet years: AlexNet (Krizhevsky et al. 2012) and VGG
//! (Simonyan & Zisserman 2015).

use super::RELU;
use crate::architecture::spec::{Spec, conv, fc, lrn, max_pool};

/// AlexNet as the lecture tabulates it, single tower (`grouped = false`), or the paper's
/// two-GPU network where CONV2, CONV4 and CONV5 only see the maps on their own GPU
/// (`groups = 2`).
pub(super) fn alexnet(grouped: bool) -> Spec {
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
pub(super) const VGG16: [&[usize]; 5] = [
    &[64, 64],
    &[128, 128],
    &[256, 256, 256],
    &[512, 512, 512],
    &[512, 512, 512],
];
pub(super) const VGG19: [&[usize]; 5] = [
    &[64, 64],
    &[128, 128],
    &[256, 256, 256, 256],
    &[512, 512, 512, 512],
    &[512, 512, 512, 512],
];

pub(super) fn vgg(name: &str, title: &str, stages: &[&[usize]; 5]) -> Spec {
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

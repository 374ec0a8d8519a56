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
//!
//! One file per family: [`lenet`] (the network this app ships), [`imagenet`] (AlexNet and VGG,
//! plain stacks), [`googlenet`] (Inception modules) and [`resnet`] (residual networks: ResNet,
//! ResNeXt, SE-ResNet).

mod googlenet;
mod imagenet;
mod lenet;
mod resnet;

use super::spec::{Activation, Spec};
use resnet::{RESNET50_V15, RESNETS, RESNEXT50, SE_RESNET50, Stride};

/// ReLU, the activation of every ImageNet network here.
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
        "lenet5" => lenet::lenet5(),
        "alexnet" => imagenet::alexnet(false),
        "alexnet-2gpu" => imagenet::alexnet(true),
        "vgg16" => imagenet::vgg("vgg16", "VGG-16", &imagenet::VGG16),
        "vgg19" => imagenet::vgg("vgg19", "VGG-19", &imagenet::VGG19),
        "googlenet" => googlenet::googlenet(),
        "resnet18" => resnet::resnet(&RESNETS[0], Stride::FirstConv, false),
        "resnet34" => resnet::resnet(&RESNETS[1], Stride::FirstConv, false),
        "resnet50" => resnet::resnet(&RESNETS[2], Stride::FirstConv, false),
        "resnet101" => resnet::resnet(&RESNETS[3], Stride::FirstConv, false),
        "resnet152" => resnet::resnet(&RESNETS[4], Stride::FirstConv, false),
        "resnet50-v1.5" => resnet::resnet(&RESNET50_V15, Stride::ThreeByThree, false),
        "resnext50-32x4d" => resnet::resnet(&RESNEXT50, Stride::ThreeByThree, false),
        "se-resnet50" => resnet::resnet(&SE_RESNET50, Stride::FirstConv, true),
        _ => return None,
    })
}

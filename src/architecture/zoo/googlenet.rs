//! GoogLeNet (Szegedy et al. 2015): Inception modules, four branches concatenated.

use crate::architecture::spec::{Branch, Inception, Node, Spec, avg_pool, conv, fc, lrn, max_pool};

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

pub(super) fn googlenet() -> Spec {
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

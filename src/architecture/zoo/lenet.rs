//! LeNet-5 as a spec, from the crate's own layer table (the network the digit view runs).

use crate::architecture::spec::{Node, Spec, conv, fc, pool};
use crate::lenet::layers::{INPUT_PADDING, LAYERS, LayerKind, LayerSpec, Then};
use crate::lenet::network::Variant;

/// LeNet-5 exactly as this crate ships it, from its one layer table ([`LAYERS`]), with the
/// classic variant's activation and pooling.
pub(super) fn lenet5() -> Spec {
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

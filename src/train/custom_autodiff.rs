//! [`TrainOps`] on burn's `Autodiff` backend: each custom operation runs its forward pass on the
//! inner backend and registers a handwritten backward pass (on [`super::kernels`]) with burn's
//! graph. Untracked inputs (no parameter behind them) skip their gradient.

use burn::backend::Autodiff;
use burn::backend::TensorMetadata;
use burn::backend::autodiff::checkpoint::base::Checkpointer;
use burn::backend::autodiff::checkpoint::strategy::CheckpointStrategy;
use burn::backend::autodiff::grads::Gradients;
use burn::backend::autodiff::ops::{Backward, Ops, OpsKind};
use burn::backend::tensor::FloatTensor;

use super::custom_ops::{TrainOps, dims4, forward, geometry};
use super::host::Host;
use super::kernels;

/// tanh's backward pass, from the saved output `y`.
#[derive(Debug)]
struct TanhBackward;

impl<B: Host> Backward<B, 1> for TanhBackward {
    type State = FloatTensor<B>;

    fn backward(self, ops: Ops<Self::State, 1>, grads: &mut Gradients, _: &mut Checkpointer) {
        let [parent] = ops.parents;
        let grad = grads.consume::<B>(&ops.node);
        if let Some(node) = parent {
            let y = ops.state;
            let dx = B::with_values(&y, |yv| {
                B::with_values(&grad, |gv| kernels::tanh_backward(yv, gv))
            });
            grads.register::<B>(
                node.id,
                B::from_values(dx, y.shape().as_slice(), &y.device()),
            );
        }
    }
}

/// Average pooling's backward pass; the state is the input's shape `[b, c, h, w]`.
#[derive(Debug)]
struct AvgPoolBackward;

impl<B: Host> Backward<B, 1> for AvgPoolBackward {
    type State = [usize; 4];

    fn backward(self, ops: Ops<Self::State, 1>, grads: &mut Gradients, _: &mut Checkpointer) {
        let [parent] = ops.parents;
        let grad = grads.consume::<B>(&ops.node);
        if let Some(node) = parent {
            let [b, c, h, w] = ops.state;
            let dx = B::with_values(&grad, |gv| kernels::avg_pool_backward(gv, b * c, h, w));
            grads.register::<B>(node.id, B::from_values(dx, &ops.state, &grad.device()));
        }
    }
}

/// The convolution's backward pass; the state is its input and weight.
#[derive(Debug)]
struct ConvBackward;

impl<B: Host> Backward<B, 3> for ConvBackward {
    type State = (FloatTensor<B>, FloatTensor<B>);

    fn backward(self, ops: Ops<Self::State, 3>, grads: &mut Gradients, _: &mut Checkpointer) {
        let [node_x, node_w, node_b] = ops.parents;
        let grad = grads.consume::<B>(&ops.node);
        let (x, weight) = ops.state;
        let (xs, ws) = (x.shape(), weight.shape());
        let (b, g) = geometry(&xs, &ws);
        let device = x.device();
        if let Some(node) = node_x {
            let dx = B::with_values(&weight, |wv| {
                B::with_values(&grad, |gv| kernels::conv_input_grad(wv, gv, b, &g))
            });
            grads.register::<B>(node.id, B::from_values(dx, xs.as_slice(), &device));
        }
        if node_w.is_some() || node_b.is_some() {
            let (dw, db) = B::with_values(&x, |xv| {
                B::with_values(&grad, |gv| kernels::conv_param_grads(xv, gv, b, &g))
            });
            if let Some(node) = node_w {
                grads.register::<B>(node.id, B::from_values(dw, ws.as_slice(), &device));
            }
            if let Some(node) = node_b {
                let o = db.len();
                grads.register::<B>(node.id, B::from_values(db, &[o], &device));
            }
        }
    }
}

impl<B: Host + TrainOps, C: CheckpointStrategy> TrainOps for Autodiff<B, C> {
    fn train_tanh(x: FloatTensor<Self>) -> FloatTensor<Self> {
        match TanhBackward
            .prepare::<C>([x.node()])
            .compute_bound()
            .stateful()
        {
            OpsKind::Tracked(prep) => {
                let y = forward::tanh::<B>(x.into_primitive());
                prep.finish(y.clone(), y)
            }
            OpsKind::UnTracked(prep) => prep.finish(forward::tanh::<B>(x.into_primitive())),
        }
    }

    fn train_avg_pool_2x2(x: FloatTensor<Self>) -> FloatTensor<Self> {
        let (b, c, h, w) = dims4(&x.primitive().shape());
        match AvgPoolBackward
            .prepare::<C>([x.node()])
            .compute_bound()
            .stateful()
        {
            OpsKind::Tracked(prep) => {
                prep.finish([b, c, h, w], forward::avg_pool_2x2::<B>(x.into_primitive()))
            }
            OpsKind::UnTracked(prep) => prep.finish(forward::avg_pool_2x2::<B>(x.into_primitive())),
        }
    }

    fn train_conv_valid(
        x: FloatTensor<Self>,
        weight: FloatTensor<Self>,
        bias: FloatTensor<Self>,
    ) -> FloatTensor<Self> {
        match ConvBackward
            .prepare::<C>([x.node(), weight.node(), bias.node()])
            .compute_bound()
            .stateful()
        {
            OpsKind::Tracked(prep) => {
                let (x, weight) = (x.into_primitive(), weight.into_primitive());
                let y = forward::conv_valid::<B>(x.clone(), weight.clone(), bias.into_primitive());
                prep.finish((x, weight), y)
            }
            OpsKind::UnTracked(prep) => prep.finish(forward::conv_valid::<B>(
                x.into_primitive(),
                weight.into_primitive(),
                bias.into_primitive(),
            )),
        }
    }
}

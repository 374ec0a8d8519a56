//! Each kind of layer on its own: validates its hyperparameters, computes its output shape,
//! parameters and multiply-adds (formulas in the [module docs](super)), and returns the
//! [`Layer`] its row is made of.

use super::MAX_COUNT;
use super::ctx::{Ctx, Flow, check_int, check_pair, checked_product, checked_sum, err};
use super::options::LayerOverride;
use super::row::{Editing, Hyper, Layer, RowKind};
use crate::architecture::spec::{Conv, Fc, Lrn, Named, Pool};
use crate::error::ParamError;
use crate::ops::receptive_field::Geometry;
use crate::ops::shape::{AxisParams, SizeKind};
use crate::params::MAX_INT_PARAM;

/// Stride and padding after the user's edit, if any.
fn edited(
    edit: Option<LayerOverride>,
    stride: [usize; 2],
    padding: [usize; 2],
) -> ([usize; 2], [usize; 2]) {
    (
        edit.and_then(|o| o.stride).unwrap_or(stride),
        edit.and_then(|o| o.padding).unwrap_or(padding),
    )
}

/// Output `[OH, OW]` of a window of `g` sliding over `[h, w]`.
fn out_size(
    ctx: &Ctx,
    path: &str,
    edit: Option<LayerOverride>,
    kind: SizeKind,
    [h, w]: [usize; 2],
    g: &Geometry,
) -> Result<[usize; 2], ParamError> {
    let edited_padding = edit.is_some_and(|o| o.padding.is_some());
    let ax = |i: usize| AxisParams::new(g.kernel[i], g.stride[i], g.padding[i], g.dilation[i]);
    Ok([
        ctx.axis(path, edited_padding, kind, h, ax(0))?,
        ctx.axis(path, edited_padding, kind, w, ax(1))?,
    ])
}

pub(super) fn conv(ctx: &mut Ctx, c: &Conv, path: &str, flow: &Flow) -> Result<Layer, ParamError> {
    let [ch, h, w] = flow.shape;
    let edit = ctx.override_for(path);
    let (stride, padding) = edited(edit, c.stride, c.padding);
    check_int(path, "out", c.out, 1)?;
    check_pair(path, "kernel", c.kernel, 1)?;
    check_pair(path, "stride", stride, 1)?;
    check_pair(path, "padding", padding, 0)?;
    check_pair(path, "dilation", c.dilation, 1)?;
    check_int(path, "groups", c.groups, 1)?;
    if !ch.is_multiple_of(c.groups) || !c.out.is_multiple_of(c.groups) {
        return Err(err(
            path,
            "groups",
            format!(
                "{} groups must divide both the {ch} input channels and the {} filters",
                c.groups, c.out
            ),
        ));
    }
    for axis in 0..2 {
        if c.dilation[axis]
            .checked_mul(c.kernel[axis] - 1)
            .is_none_or(|s| s > MAX_INT_PARAM)
        {
            return Err(err(
                path,
                "dilation",
                "the dilated kernel is larger than supported",
            ));
        }
    }
    let g = Geometry {
        kernel: c.kernel,
        stride,
        padding,
        dilation: c.dilation,
    };
    let [oh, ow] = out_size(ctx, path, edit, SizeKind::Conv, [h, w], &g)?;
    let per_filter = [ch / c.groups, c.kernel[0], c.kernel[1]];
    let weights = checked_product(
        path,
        "out",
        &[c.out, per_filter[0], per_filter[1], per_filter[2]],
    )?;
    let params = checked_sum(path, "out", weights, if c.bias { c.out as u64 } else { 0 })?;
    let macs = checked_product(
        path,
        "out",
        &[c.out, oh, ow, per_filter[0], per_filter[1], per_filter[2]],
    )?;
    Ok(Layer {
        kind: RowKind::Conv,
        hyper: Hyper {
            kernel: Some(c.kernel),
            stride: Some(stride),
            padding: Some(padding),
            dilation: Some(c.dilation),
            groups: Some(c.groups),
            bias: Some(c.bias),
            fan_in: Some(checked_product(path, "out", &per_filter)?),
            act: c.act,
            ..Hyper::default()
        },
        params,
        macs,
        editing: Editing::Editable {
            edited: edit.is_some(),
        },
        out: flow.advance(path, g, [c.out, oh, ow])?,
    })
}

pub(super) fn pool(ctx: &mut Ctx, p: &Pool, path: &str, flow: &Flow) -> Result<Layer, ParamError> {
    let [ch, h, w] = flow.shape;
    let edit = ctx.override_for(path);
    let (stride, padding) = edited(edit, p.stride, p.padding);
    check_pair(path, "kernel", p.kernel, 1)?;
    check_pair(path, "stride", stride, 1)?;
    check_pair(path, "padding", padding, 0)?;
    for (&pad, &k) in padding.iter().zip(&p.kernel) {
        // PyTorch's MaxPool2d/AvgPool2d rule: a window must overlap the real input.
        if pad > k / 2 {
            return Err(err(
                path,
                "padding",
                format!(
                    "expected at most half the {k}-wide window (⌊{k}/2⌋ = {}), got {pad}: a window placed entirely in the padding would see no input",
                    k / 2,
                ),
            ));
        }
    }
    let g = Geometry {
        kernel: p.kernel,
        stride,
        padding,
        dilation: [1, 1],
    };
    let [oh, ow] = out_size(ctx, path, edit, SizeKind::Pool, [h, w], &g)?;
    Ok(Layer {
        kind: RowKind::Pool,
        hyper: Hyper {
            variant: Some(p.mode.name().into()),
            kernel: Some(p.kernel),
            stride: Some(stride),
            padding: Some(padding),
            ..Hyper::default()
        },
        params: 0,
        macs: 0,
        editing: Editing::Editable {
            edited: edit.is_some(),
        },
        out: flow.advance(path, g, [ch, oh, ow])?,
    })
}

/// A layer that sees the whole `H×W` map at once (global pooling, fully connected): for the
/// arithmetic it is a convolution whose kernel is the map ("A fully connected layer over an
/// H×W input is a convolution with an H×W kernel", [`Geometry`]).
fn whole_map(ctx: &Ctx, path: &str, flow: &Flow, out_channels: usize) -> Result<Flow, ParamError> {
    let [_, h, w] = flow.shape;
    let g = Geometry {
        kernel: [h, w],
        stride: [1, 1],
        padding: [0, 0],
        dilation: [1, 1],
    };
    let [oh, ow] = out_size(ctx, path, None, SizeKind::Pool, [h, w], &g)?;
    flow.advance(path, g, [out_channels, oh, ow])
}

pub(super) fn global_avg_pool(
    ctx: &Ctx,
    n: &Named,
    path: &str,
    flow: &Flow,
) -> Result<Layer, ParamError> {
    let hyper = Hyper {
        kernel: Some([flow.shape[1], flow.shape[2]]),
        act: n.act,
        ..Hyper::default()
    };
    let out = whole_map(ctx, path, flow, flow.shape[0])?;
    Ok(Layer::plain(RowKind::GlobalAvgPool, hyper, out))
}

pub(super) fn fc(ctx: &Ctx, f: &Fc, path: &str, flow: &Flow) -> Result<Layer, ParamError> {
    check_int(path, "out", f.out, 1)?;
    let [c, h, w] = flow.shape;
    let inputs = checked_product(path, "out", &[c, h, w])?;
    // In u64: `inputs` may not fit a 32-bit usize (wasm).
    let weights = inputs
        .checked_mul(f.out as u64)
        .filter(|&v| v <= MAX_COUNT)
        .ok_or_else(|| err(path, "out", "the layer would have more than 2^53 weights"))?;
    let params = checked_sum(path, "out", weights, if f.bias { f.out as u64 } else { 0 })?;
    Ok(Layer {
        kind: RowKind::Fc,
        hyper: Hyper {
            bias: Some(f.bias),
            fan_in: Some(inputs),
            act: f.act,
            ..Hyper::default()
        },
        params,
        macs: weights,
        editing: Editing::Fixed,
        out: whole_map(ctx, path, flow, f.out)?,
    })
}

/// Batch norm: the shape and the grid stay; `2·C` learned values (γ, β).
pub(super) fn batch_norm(n: &Named, flow: &Flow) -> Layer {
    let hyper = Hyper {
        act: n.act,
        ..Hyper::default()
    };
    Layer {
        params: 2 * flow.shape[0] as u64,
        ..Layer::plain(RowKind::BatchNorm, hyper, flow.clone())
    }
}

/// Local response normalisation: the shape and the grid stay; no learned values.
pub(super) fn lrn(l: &Lrn, path: &str, flow: &Flow) -> Result<Layer, ParamError> {
    check_int(path, "size", l.size, 1)?;
    let hyper = Hyper {
        lrn_size: Some(l.size),
        ..Hyper::default()
    };
    Ok(Layer::plain(RowKind::Lrn, hyper, flow.clone()))
}

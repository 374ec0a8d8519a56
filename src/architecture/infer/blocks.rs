//! Blocks: a header row, the rows of each branch, and the merge row that closes the block
//! (residual `add`, Inception `concat`, squeeze-and-excitation `scale`). Through a block the
//! receptive field follows the branch that sees the most (see the [module docs](super)).

use super::ctx::{Ctx, Flow, Scope, check_int, err};
use super::row::{Hyper, Layer, Place, Row, RowKind};
use super::{MAX_NESTING, OP, fmt_shape, walk};
use crate::architecture::spec::{Activation, Inception, Node, Residual, SqueezeExcite};
use crate::error::ParamError;

/// A flow after some rows, or the error that stopped the walk.
type Walked = Result<Flow, ParamError>;

/// The rows of the block `node` at `path`, headed by one row with the block's totals.
pub(super) fn block(ctx: &mut Ctx, node: &Node, path: &str, scope: Scope, flow: &Flow) -> Walked {
    if scope.depth >= MAX_NESTING {
        return Err(err(
            path,
            "layers",
            format!("blocks nested more than {MAX_NESTING} deep"),
        ));
    }
    let place = Place {
        path,
        name: node.name(),
        scope,
    };
    let variant = match node {
        Node::Residual(r) => Some(r.variant.clone()),
        _ => None,
    };
    let header = Layer::plain(
        RowKind::of(node),
        Hyper {
            variant,
            ..Hyper::default()
        },
        flow.clone(),
    );
    let start = (ctx.params, ctx.macs);
    let head = ctx.push(Row::new(&place, flow.shape, &header))?;
    let out = match node {
        Node::Residual(r) => residual(ctx, r, &place, flow, head)?,
        Node::Inception(inc) => inception(ctx, inc, &place, flow)?,
        Node::SqueezeExcite(se) => squeeze_excite(ctx, se, &place, flow)?,
        _ => flow.clone(),
    };
    let totals = (ctx.params - start.0, ctx.macs - start.1);
    let cumulative = (ctx.params, ctx.macs);
    if let Some(row) = ctx.rows.get_mut(head) {
        row.close(&out, totals, cumulative);
    }
    Ok(out)
}

/// Appends the merge row (`add`, `concat`, `scale`) of `block`.
fn merge(
    ctx: &mut Ctx,
    kind: RowKind,
    block: &Place,
    act: Option<Activation>,
    out: &Flow,
) -> Result<(), ParamError> {
    let name = kind.name();
    let inner = block.scope.inside(block.path, None);
    let merge_path = inner.path(name);
    let place = Place {
        path: &merge_path,
        name,
        scope: inner,
    };
    let layer = Layer::plain(
        kind,
        Hyper {
            act,
            ..Hyper::default()
        },
        out.clone(),
    );
    ctx.push(Row::new(&place, out.shape, &layer)).map(|_| ())
}

/// The rows of branch `name` of `block`, reading `flow`.
fn branch(ctx: &mut Ctx, nodes: &[Node], block: &Place, name: &str, flow: &Flow) -> Walked {
    walk(
        ctx,
        nodes,
        block.scope.inside(block.path, Some(name)),
        flow.clone(),
    )
}

/// `act(main(x) + shortcut(x))`: both paths must give the same shape.
fn residual(ctx: &mut Ctx, r: &Residual, block: &Place, flow: &Flow, head: usize) -> Walked {
    let path = block.path;
    let main = branch(ctx, &r.main, block, "main", flow)?;
    let main_end = ctx.rows.len();
    let short = branch(ctx, &r.shortcut, block, "shortcut", flow)?;
    let short_end = ctx.rows.len();
    if main.shape != short.shape {
        let param = ctx
            .edit_inside(path)
            .unwrap_or_else(|| format!("{path}.shortcut"));
        let how = if r.shortcut.is_empty() {
            "the identity shortcut"
        } else {
            "the shortcut"
        };
        return Err(ParamError::new(
            OP,
            param,
            format!(
                "the residual add in {path} needs equal shapes, but the main path gives {} and {how} gives {}{}",
                fmt_shape(main.shape),
                fmt_shape(short.shape),
                ctx.context()
            ),
        ));
    }
    let out = if short.reach() > main.reach() {
        ctx.off_main(head + 1..main_end);
        short
    } else {
        ctx.off_main(main_end..short_end);
        main
    };
    merge(ctx, RowKind::Add, block, r.act, &out)?;
    Ok(out)
}

/// Parallel branches concatenated along channels: they must keep the same `H×W`.
fn inception(ctx: &mut Ctx, inc: &Inception, block: &Place, flow: &Flow) -> Walked {
    let path = block.path;
    if inc.branches.is_empty() {
        return Err(err(path, "branches", "expected at least one branch"));
    }
    let mut outs: Vec<(Flow, std::ops::Range<usize>)> = Vec::new();
    for b in &inc.branches {
        let begin = ctx.rows.len();
        let f = branch(ctx, &b.layers, block, &b.name, flow)?;
        outs.push((f, begin..ctx.rows.len()));
    }
    let [_, h, w] = outs[0].0.shape;
    if outs.iter().any(|(f, _)| f.shape[1..] != [h, w]) {
        let param = ctx
            .edit_inside(path)
            .unwrap_or_else(|| format!("{path}.branches"));
        let shapes: Vec<String> = outs.iter().map(|(f, _)| fmt_shape(f.shape)).collect();
        return Err(ParamError::new(
            OP,
            param,
            format!(
                "concatenating the branches of {path} needs the same height and width, got {}{}",
                shapes.join(", "),
                ctx.context()
            ),
        ));
    }
    let channels = outs
        .iter()
        .fold(0usize, |sum, (f, _)| sum.saturating_add(f.shape[0]));
    check_int(path, "branches", channels, 1)?;
    let best = (0..outs.len())
        .max_by_key(|&i| (outs[i].0.reach(), std::cmp::Reverse(i)))
        .unwrap_or(0);
    for (i, (_, range)) in outs.iter().enumerate() {
        if i != best {
            ctx.off_main(range.clone());
        }
    }
    let out = outs.swap_remove(best).0.reshaped([channels, h, w]);
    merge(ctx, RowKind::Concat, block, None, &out)?;
    Ok(out)
}

/// The input scaled per channel by a gate that must end in one weight per channel.
fn squeeze_excite(ctx: &mut Ctx, se: &SqueezeExcite, block: &Place, flow: &Flow) -> Walked {
    let path = block.path;
    let begin = ctx.rows.len();
    let gate = branch(ctx, &se.gate, block, "gate", flow)?;
    ctx.off_main(begin..ctx.rows.len());
    let want = [flow.shape[0], 1, 1];
    if gate.shape != want {
        return Err(err(
            path,
            "gate",
            format!(
                "the gate must end in one weight per channel ({}), got {}",
                fmt_shape(want),
                fmt_shape(gate.shape)
            ),
        ));
    }
    merge(ctx, RowKind::Scale, block, None, flow)?;
    Ok(flow.clone())
}

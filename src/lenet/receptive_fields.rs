//! Receptive fields of LeNet-5's units, traced through the layer specs: the field of one unit
//! on every layer below it, and the units that see one input pixel.
//!
//! Coordinates are half-open; the input's are on the 28×28 image, which LeNet pads by
//! [`INPUT_PADDING`] on every side to the 32×32 input its first layer reads.

use super::inspect::layer_index;
use super::layers::{IMAGE_SIDE, INPUT_PADDING, LAYERS, PADDED_SIDE};
use crate::error::ParamError;
use crate::ops::receptive_field::{Geometry, Region, Span, trace};

/// A region in one layer, clipped to that layer's real positions and unclipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayerRegion {
    pub layer: &'static str,
    pub clipped: Region,
    pub full: Region,
}

/// The receptive field of one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceptiveField {
    /// From the unit's own layer down to `input`; input coordinates are on the 28×28 image
    /// (the unclipped region may extend into the 2-pixel border LeNet pads it with).
    pub regions: Vec<LayerRegion>,
    /// The region on LeNet's 32×32 padded input (clipped to it).
    pub padded: Region,
    /// `[h, w]` of the receptive field on the padded input (C1 5×5, S2 6×6, C3 14×14, S4 16×16,
    /// C5 and above 32×32).
    pub size: [usize; 2],
}

fn geometries() -> Vec<Geometry> {
    LAYERS[1..].iter().filter_map(|l| l.geometry).collect()
}

/// Traces unit `(y, x)` of `layer` down to the input. Dense layers (F6, output) are 1×1 grids
/// whose single position is `(0, 0)`; every unit of theirs sees the whole input.
pub fn receptive_field(layer: &str, y: usize, x: usize) -> Result<ReceptiveField, ParamError> {
    const OP: &str = "receptiveField";
    let idx = layer_index(OP, layer)?;
    let spec = &LAYERS[idx];
    let [_, h, w] = spec.shape;
    if y >= h {
        return Err(ParamError::new(
            OP,
            "y",
            format!("{layer} has rows 0..{h}, got {y}"),
        ));
    }
    if x >= w {
        return Err(ParamError::new(
            OP,
            "x",
            format!("{layer} has columns 0..{w}, got {x}"),
        ));
    }
    let unit = Region::unit(y, x);
    let mut regions = Vec::new();
    let padded_side = [PADDED_SIDE, PADDED_SIDE];
    let padded;
    if idx == 0 {
        padded = Region {
            y: Span {
                start: y as i64 + INPUT_PADDING as i64,
                end: y as i64 + INPUT_PADDING as i64 + 1,
            },
            x: Span {
                start: x as i64 + INPUT_PADDING as i64,
                end: x as i64 + INPUT_PADDING as i64 + 1,
            },
        };
        regions.push(LayerRegion {
            layer: "input",
            clipped: unit,
            full: unit,
        });
    } else {
        let levels = trace(&geometries(), idx - 1, unit);
        // levels[k] is in the grid of layer idx - k; the last one is the padded input.
        for (k, r) in levels.iter().enumerate().take(idx) {
            let s = &LAYERS[idx - k];
            regions.push(LayerRegion {
                layer: s.name,
                clipped: r.clip([s.shape[1], s.shape[2]]),
                full: *r,
            });
        }
        let on_padded = levels[idx];
        padded = on_padded.clip(padded_side);
        let shift = |s: Span| Span {
            start: s.start - INPUT_PADDING as i64,
            end: s.end - INPUT_PADDING as i64,
        };
        let full = Region {
            y: shift(on_padded.y),
            x: shift(on_padded.x),
        };
        regions.push(LayerRegion {
            layer: "input",
            clipped: full.clip([IMAGE_SIDE, IMAGE_SIDE]),
            full,
        });
    }
    let size = [padded.y.len() as usize, padded.x.len() as usize];
    Ok(ReceptiveField {
        regions,
        padded,
        size,
    })
}

/// For input pixel `(y, x)` of the 28×28 image: in each layer, the smallest rectangle of units
/// whose receptive field contains it (the units that "see" this pixel).
pub fn units_seeing(y: usize, x: usize) -> Result<Vec<LayerRegion>, ParamError> {
    const OP: &str = "unitsSeeing";
    if y >= IMAGE_SIDE || x >= IMAGE_SIDE {
        return Err(ParamError::new(
            OP,
            if y >= IMAGE_SIDE { "y" } else { "x" },
            format!("expected 0..{IMAGE_SIDE}, got ({y}, {x})"),
        ));
    }
    let (py, px) = ((y + INPUT_PADDING) as i64, (x + INPUT_PADDING) as i64);
    let g = geometries();
    let mut out = Vec::new();
    for (idx, spec) in LAYERS.iter().enumerate().skip(1) {
        let [_, h, w] = spec.shape;
        let (mut y0, mut y1, mut x0, mut x1) = (i64::MAX, i64::MIN, i64::MAX, i64::MIN);
        for uy in 0..h {
            for ux in 0..w {
                let r = trace(&g, idx - 1, Region::unit(uy, ux))[idx];
                if (r.y.start..r.y.end).contains(&py) && (r.x.start..r.x.end).contains(&px) {
                    (y0, y1) = (y0.min(uy as i64), y1.max(uy as i64 + 1));
                    (x0, x1) = (x0.min(ux as i64), x1.max(ux as i64 + 1));
                }
            }
        }
        let r = Region {
            y: Span { start: y0, end: y1 },
            x: Span { start: x0, end: x1 },
        };
        out.push(LayerRegion {
            layer: spec.name,
            clipped: r,
            full: r,
        });
    }
    Ok(out)
}

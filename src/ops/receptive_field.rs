//! Receptive fields by standard receptive-field arithmetic (Araujo, Norris, Sim 2019,
//! "Computing Receptive Fields of Convolutional Neural Networks", Distill; also Dumoulin &
//! Visin's conv_arithmetic), computed from layer specs rather than typed in.
//!
//! A unit at position `u` of a layer with kernel `K`, stride `S`, padding `P` and dilation `D`
//! reads positions `u·S − P … u·S − P + D(K−1)` of the layer below. Applying that backwards
//! through the stack turns one unit (or a range of units) into the range it depends on in every
//! layer below, down to the input. Ranges are reported both unclipped (which may reach into the
//! zero padding) and clipped to the real positions of each layer.

/// How one layer maps its input grid to its output grid along both spatial axes.
/// A fully connected layer over an `H×W` input is a convolution with an `H×W` kernel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    pub kernel: [usize; 2],
    pub stride: [usize; 2],
    pub padding: [usize; 2],
    pub dilation: [usize; 2],
}

impl Geometry {
    /// A layer with square kernel `k`, stride `s`, padding `p` and no dilation.
    pub const fn square(k: usize, s: usize, p: usize) -> Self {
        Self {
            kernel: [k, k],
            stride: [s, s],
            padding: [p, p],
            dilation: [1, 1],
        }
    }
}

/// A half-open range `[start, end)` of positions along one axis; `start` may be negative and
/// `end` past the layer's size when the range reaches into padding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: i64,
    pub end: i64,
}

impl Span {
    pub fn len(&self) -> i64 {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The part of this span inside `0..size`.
    pub fn clip(&self, size: usize) -> Span {
        Span {
            start: self.start.clamp(0, size as i64),
            end: self.end.clamp(0, size as i64),
        }
    }

    /// The range of inputs that outputs `self` of a layer with `kernel`, `stride`, `padding`,
    /// `dilation` (one axis) read.
    pub fn back(&self, kernel: usize, stride: usize, padding: usize, dilation: usize) -> Span {
        let (k, s, p, d) = (
            kernel as i64,
            stride as i64,
            padding as i64,
            dilation as i64,
        );
        Span {
            start: self.start * s - p,
            end: (self.end - 1) * s - p + d * (k - 1) + 1,
        }
    }
}

/// A rectangle of positions in one layer: rows `y`, columns `x`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub y: Span,
    pub x: Span,
}

impl Region {
    /// The single unit `(y, x)`.
    pub fn unit(y: usize, x: usize) -> Self {
        Region {
            y: Span {
                start: y as i64,
                end: y as i64 + 1,
            },
            x: Span {
                start: x as i64,
                end: x as i64 + 1,
            },
        }
    }

    /// The region of the layer below that this region of `layer`'s output reads.
    pub fn back(&self, g: &Geometry) -> Region {
        Region {
            y: self
                .y
                .back(g.kernel[0], g.stride[0], g.padding[0], g.dilation[0]),
            x: self
                .x
                .back(g.kernel[1], g.stride[1], g.padding[1], g.dilation[1]),
        }
    }

    /// This region clipped to a `[h, w]` grid.
    pub fn clip(&self, [h, w]: [usize; 2]) -> Region {
        Region {
            y: self.y.clip(h),
            x: self.x.clip(w),
        }
    }
}

/// Traces `unit` of the output of `layers[top]` down through `layers[top], layers[top-1], …,
/// layers[0]`. Returns one region per level, from the unit itself (index 0) to the network's
/// input (index `top + 1`), unclipped.
pub fn trace(layers: &[Geometry], top: usize, unit: Region) -> Vec<Region> {
    let mut out = vec![unit];
    let mut r = unit;
    for g in layers[..=top].iter().rev() {
        r = r.back(g);
        out.push(r);
    }
    out
}

/// Receptive-field size and jump (distance in input pixels between neighbouring units) of each
/// layer's output, from the recurrences `r_l = r_{l−1} + D(K−1)·j_{l−1}`, `j_l = j_{l−1}·S`,
/// starting from `r_0 = 1`, `j_0 = 1` at the input. One axis (`axis` 0 = height, 1 = width).
pub fn sizes(layers: &[Geometry], axis: usize) -> Vec<(usize, usize)> {
    let (mut r, mut j) = (1usize, 1usize);
    layers
        .iter()
        .map(|g| {
            // Saturating: absurd specs must not wrap around on 32-bit wasm.
            r = r.saturating_add(
                g.dilation[axis]
                    .saturating_mul(g.kernel[axis] - 1)
                    .saturating_mul(j),
            );
            j = j.saturating_mul(g.stride[axis]);
            (r, j)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_stacked_3x3_convolutions_see_7x7_as_in_vgg() {
        // Simonyan & Zisserman 2015: three 3x3 conv layers have a 7x7 effective receptive field.
        let layers = [Geometry::square(3, 1, 1); 3];
        assert_eq!(sizes(&layers, 0).last(), Some(&(7, 1)));
        let t = trace(&layers, 2, Region::unit(5, 5));
        assert_eq!(t[3].y, Span { start: 2, end: 9 });
    }

    #[test]
    fn back_projection_of_a_strided_pool_covers_its_window() {
        let s = Span { start: 3, end: 4 }.back(2, 2, 0, 1);
        assert_eq!(s, Span { start: 6, end: 8 });
        let s = Span { start: 0, end: 1 }.back(3, 1, 0, 2);
        assert_eq!(s, Span { start: 0, end: 5 });
    }
}

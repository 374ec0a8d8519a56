//! Small single-channel image operations on row-major `f32` grids: area resampling, bilinear
//! affine warping, centre of mass. Used by [`crate::data::preprocess`] (canvas drawing → MNIST-like
//! digit) and by the training binary's data augmentation.

/// A single-channel image, row-major: pixel `(x, y)` is `data[y * width + x]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Gray {
    pub width: usize,
    pub height: usize,
    pub data: Vec<f32>,
}

impl Gray {
    pub fn new(width: usize, height: usize) -> Self {
        Self {
            width,
            height,
            data: vec![0.0; width * height],
        }
    }

    pub fn get(&self, x: usize, y: usize) -> f32 {
        self.data[y * self.width + x]
    }

    /// Bilinear sample at continuous position `(x, y)` in pixel-centre coordinates (pixel `i`
    /// covers `[i, i+1)`, its centre is at `i + 0.5`); outside the image reads 0.
    pub fn sample(&self, x: f32, y: f32) -> f32 {
        let (fx, fy) = (x - 0.5, y - 0.5);
        let (x0, y0) = (fx.floor(), fy.floor());
        let (tx, ty) = (fx - x0, fy - y0);
        let at = |xi: f32, yi: f32| -> f32 {
            if xi < 0.0 || yi < 0.0 || xi >= self.width as f32 || yi >= self.height as f32 {
                0.0
            } else {
                self.get(xi as usize, yi as usize)
            }
        };
        let top = at(x0, y0) * (1.0 - tx) + at(x0 + 1.0, y0) * tx;
        let bottom = at(x0, y0 + 1.0) * (1.0 - tx) + at(x0 + 1.0, y0 + 1.0) * tx;
        top * (1.0 - ty) + bottom * ty
    }

    /// Sub-image `[x0, x0+w) × [y0, y0+h)`.
    pub fn crop(&self, x0: usize, y0: usize, w: usize, h: usize) -> Gray {
        let mut out = Gray::new(w, h);
        for y in 0..h {
            let src = (y0 + y) * self.width + x0;
            out.data[y * w..(y + 1) * w].copy_from_slice(&self.data[src..src + w]);
        }
        out
    }

    /// Resizes to `w × h` by area averaging: each output pixel is the mean of the source area it
    /// covers, with fractional coverage at the edges. This is the anti-aliased downscale that
    /// keeps thin strokes as grey instead of dropping them; for upscaling it is a box filter.
    pub fn resize_area(&self, w: usize, h: usize) -> Gray {
        let weights = |src: usize, dst: usize| -> Vec<Vec<(usize, f32)>> {
            let scale = src as f64 / dst as f64;
            (0..dst)
                .map(|o| {
                    let (a, b) = (o as f64 * scale, (o + 1) as f64 * scale);
                    let mut taps = Vec::new();
                    let mut i = a.floor() as usize;
                    while (i as f64) < b && i < src {
                        let cover = (b.min(i as f64 + 1.0) - a.max(i as f64)) / scale;
                        if cover > 0.0 {
                            taps.push((i, cover as f32));
                        }
                        i += 1;
                    }
                    taps
                })
                .collect()
        };
        let (wx, wy) = (weights(self.width, w), weights(self.height, h));
        // Horizontal pass, then vertical.
        let mut mid = vec![0.0f32; w * self.height];
        for y in 0..self.height {
            let row = &self.data[y * self.width..(y + 1) * self.width];
            for (x, taps) in wx.iter().enumerate() {
                mid[y * w + x] = taps.iter().map(|&(i, c)| row[i] * c).sum();
            }
        }
        let mut out = Gray::new(w, h);
        for (y, taps) in wy.iter().enumerate() {
            for x in 0..w {
                out.data[y * w + x] = taps.iter().map(|&(i, c)| mid[i * w + x] * c).sum();
            }
        }
        out
    }

    /// Intensity-weighted centre of mass `(x, y)` in pixel-centre coordinates, or `None` for an
    /// empty image.
    pub fn center_of_mass(&self) -> Option<(f32, f32)> {
        let (mut m, mut mx, mut my) = (0.0f64, 0.0f64, 0.0f64);
        for y in 0..self.height {
            for x in 0..self.width {
                let v = self.get(x, y) as f64;
                m += v;
                mx += v * (x as f64 + 0.5);
                my += v * (y as f64 + 0.5);
            }
        }
        (m > 0.0).then(|| ((mx / m) as f32, (my / m) as f32))
    }

    /// Warps by the affine map that takes each output position `p` to the source position
    /// `inv · [p.x, p.y, 1]` (`inv` = `[a, b, c, d, e, f]` for `x' = a·x + b·y + c`,
    /// `y' = d·x + e·y + f`), sampling bilinearly.
    pub fn warp(&self, w: usize, h: usize, inv: [f32; 6]) -> Gray {
        let mut out = Gray::new(w, h);
        for y in 0..h {
            for x in 0..w {
                let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
                let sx = inv[0] * px + inv[1] * py + inv[2];
                let sy = inv[3] * px + inv[4] * py + inv[5];
                out.data[y * w + x] = self.sample(sx, sy);
            }
        }
        out
    }
}

/// The inverse affine map (output → source) of "rotate by `angle` radians, scale by `scale`,
/// then translate by `(dx, dy)` pixels", about the centre `(cx, cy)`.
pub fn inverse_similarity(angle: f32, scale: f32, dx: f32, dy: f32, cx: f32, cy: f32) -> [f32; 6] {
    let (s, c) = angle.sin_cos();
    let (a, b, d, e) = (c / scale, s / scale, -s / scale, c / scale);
    // source = R⁻¹ (p − centre − t) / scale + centre
    let (ox, oy) = (-cx - dx, -cy - dy);
    [a, b, a * ox + b * oy + cx, d, e, d * ox + e * oy + cy]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_resize_of_a_4x4_block_pattern_to_2x2_gives_block_means() {
        #[rustfmt::skip]
        let g = Gray { width: 4, height: 4, data: vec![
            1., 1., 0., 0.,
            1., 1., 0., 0.,
            0., 0., 1., 0.,
            0., 0., 0., 1.,
        ]};
        assert_eq!(g.resize_area(2, 2).data, vec![1.0, 0.0, 0.0, 0.5]);
    }

    #[test]
    fn identity_warp_returns_the_image() {
        let g = Gray {
            width: 3,
            height: 2,
            data: vec![1., 2., 3., 4., 5., 6.],
        };
        let inv = inverse_similarity(0.0, 1.0, 0.0, 0.0, 1.5, 1.0);
        let w = g.warp(3, 2, inv);
        for (a, b) in w.data.iter().zip(&g.data) {
            assert!((a - b).abs() < 1e-5, "{:?}", w.data);
        }
    }

    #[test]
    fn shift_warp_moves_content_by_whole_pixels() {
        let mut g = Gray::new(5, 5);
        g.data[2 * 5 + 2] = 1.0;
        let w = g.warp(5, 5, inverse_similarity(0.0, 1.0, 1.0, -1.0, 2.5, 2.5));
        assert!((w.get(3, 1) - 1.0).abs() < 1e-5);
    }
}

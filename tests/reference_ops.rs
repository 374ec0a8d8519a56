//! Property tests: over random shapes, strides, paddings, dilations and groups, every op of the
//! core equals a naive loop written here from the PyTorch definitions (independently of the
//! code under test), within 1e-4, on every compiled backend.

use convscope::ops::explain::explain_conv2d;
use convscope::ops::shape::{AxisParams, conv_len, conv_transpose_len};
use convscope::{
    Backend, ConvParams, ConvTransposeParams, HostTensor, PoolMode, PoolParams, conv_transpose1d,
    conv_transpose2d, conv1d, conv2d, pool2d,
};
use proptest::prelude::*;

/// `out[o, y, x] = b[o] + Σ_{ci, ky, kx} in[g·C/G + ci, y·S − P + ky·D, x·S − P + kx·D] · w[o, ci, ky, kx]`
/// with out-of-range input positions read as 0 (zero padding), g = o / (O/G).
#[allow(clippy::too_many_arguments)]
fn conv2d_ref(
    input: &[f32],
    [c, h, w]: [usize; 3],
    weight: &[f32],
    [o, cg, kh, kw]: [usize; 4],
    bias: Option<&[f32]>,
    s: [usize; 2],
    p: [usize; 2],
    d: [usize; 2],
    groups: usize,
) -> (Vec<f32>, [usize; 3]) {
    let oh = (h + 2 * p[0] - d[0] * (kh - 1) - 1) / s[0] + 1;
    let ow = (w + 2 * p[1] - d[1] * (kw - 1) - 1) / s[1] + 1;
    let og = o / groups;
    let mut out = vec![0f32; o * oh * ow];
    for oc in 0..o {
        let g = oc / og;
        for y in 0..oh {
            for x in 0..ow {
                let mut acc = bias.map_or(0.0, |b| b[oc]);
                for ci in 0..cg {
                    let ic = g * cg + ci;
                    for ky in 0..kh {
                        for kx in 0..kw {
                            let iy = (y * s[0] + ky * d[0]) as isize - p[0] as isize;
                            let ix = (x * s[1] + kx * d[1]) as isize - p[1] as isize;
                            if iy < 0 || ix < 0 || iy >= h as isize || ix >= w as isize {
                                continue;
                            }
                            acc += input[(ic * h + iy as usize) * w + ix as usize]
                                * weight[((oc * cg + ci) * kh + ky) * kw + kx];
                        }
                    }
                }
                out[(oc * oh + y) * ow + x] = acc;
            }
        }
    }
    let _ = c;
    (out, [o, oh, ow])
}

/// Scatter form: every `in[ic, y, x]` adds `in · w[ic, oc', ky, kx]` at
/// `(y·S − P + ky·D, x·S − P + kx·D)` of output channel `g·(O/G) + oc'`; the output is
/// `(H−1)S − 2P + D(K−1) + OP + 1` long and positions cropped by P are dropped.
#[allow(clippy::too_many_arguments)]
fn conv_transpose2d_ref(
    input: &[f32],
    [c, h, w]: [usize; 3],
    weight: &[f32],
    [_, og, kh, kw]: [usize; 4],
    bias: Option<&[f32]>,
    s: [usize; 2],
    p: [usize; 2],
    op: [usize; 2],
    d: [usize; 2],
    groups: usize,
) -> (Vec<f32>, [usize; 3]) {
    let oh = (h - 1) * s[0] + d[0] * (kh - 1) + op[0] + 1 - 2 * p[0];
    let ow = (w - 1) * s[1] + d[1] * (kw - 1) + op[1] + 1 - 2 * p[1];
    let o = og * groups;
    let cg = c / groups;
    let mut out = vec![0f32; o * oh * ow];
    for oc in 0..o {
        let b = bias.map_or(0.0, |b| b[oc]);
        for v in &mut out[oc * oh * ow..(oc + 1) * oh * ow] {
            *v = b;
        }
    }
    for ic in 0..c {
        let g = ic / cg;
        for y in 0..h {
            for x in 0..w {
                let v = input[(ic * h + y) * w + x];
                for ocl in 0..og {
                    let oc = g * og + ocl;
                    for ky in 0..kh {
                        for kx in 0..kw {
                            let ty = (y * s[0] + ky * d[0]) as isize - p[0] as isize;
                            let tx = (x * s[1] + kx * d[1]) as isize - p[1] as isize;
                            if ty < 0 || tx < 0 || ty >= oh as isize || tx >= ow as isize {
                                continue;
                            }
                            out[(oc * oh + ty as usize) * ow + tx as usize] +=
                                v * weight[((ic * og + ocl) * kh + ky) * kw + kx];
                        }
                    }
                }
            }
        }
    }
    (out, [o, oh, ow])
}

/// Max: the largest real pixel in the window (padding never wins). Avg: the window's sum of
/// real pixels divided by KH·KW (count_include_pad=True).
fn pool_ref(
    input: &[f32],
    [c, h, w]: [usize; 3],
    max: bool,
    k: [usize; 2],
    s: [usize; 2],
    p: [usize; 2],
) -> (Vec<f32>, [usize; 3]) {
    let oh = (h + 2 * p[0] - k[0]) / s[0] + 1;
    let ow = (w + 2 * p[1] - k[1]) / s[1] + 1;
    let mut out = Vec::with_capacity(c * oh * ow);
    for ch in 0..c {
        for y in 0..oh {
            for x in 0..ow {
                let mut best = f32::NEG_INFINITY;
                let mut sum = 0.0;
                for ky in 0..k[0] {
                    for kx in 0..k[1] {
                        let iy = (y * s[0] + ky) as isize - p[0] as isize;
                        let ix = (x * s[1] + kx) as isize - p[1] as isize;
                        if iy < 0 || ix < 0 || iy >= h as isize || ix >= w as isize {
                            continue;
                        }
                        let v = input[(ch * h + iy as usize) * w + ix as usize];
                        best = best.max(v);
                        sum += v;
                    }
                }
                out.push(if max {
                    best
                } else {
                    sum / (k[0] * k[1]) as f32
                });
            }
        }
    }
    (out, [c, oh, ow])
}

fn assert_close(actual: &HostTensor, expected: &[f32], shape: &[usize], what: &str) {
    assert_eq!(actual.shape, shape, "{what}: shape");
    for (i, (a, e)) in actual.data.iter().zip(expected).enumerate() {
        assert!(
            (a - e).abs() <= 1e-4 * (1.0 + e.abs()),
            "{what}: element {i}: {a} vs {e}"
        );
    }
}

fn values(n: usize) -> impl Strategy<Value = Vec<f32>> {
    proptest::collection::vec(-2.0f32..2.0, n)
}

/// A conv2d case: input shape [C, H, W], weight shape [O, C/g, KH, KW], groups, stride,
/// padding, dilation.
type ConvCase = (
    [usize; 3],
    [usize; 4],
    usize,
    [usize; 2],
    [usize; 2],
    [usize; 2],
);

/// A random conv2d case whose settings produce an output.
fn conv_case() -> impl Strategy<Value = ConvCase> {
    (
        (1usize..=3, 1usize..=3, 1usize..=3),
        (1usize..=9, 1usize..=9, 1usize..=4, 1usize..=4),
        (
            1usize..=3,
            1usize..=3,
            0usize..=2,
            0usize..=2,
            1usize..=2,
            1usize..=2,
        ),
    )
        .prop_filter_map(
            "needs an output",
            |((cg, og, g), (h, w, kh, kw), (sh, sw, ph, pw, dh, dw))| {
                let ok = conv_len(h, &AxisParams::new(kh, sh, ph, dh)).is_some()
                    && conv_len(w, &AxisParams::new(kw, sw, pw, dw)).is_some();
                ok.then_some((
                    [cg * g, h, w],
                    [og * g, cg, kh, kw],
                    g,
                    [sh, sw],
                    [ph, pw],
                    [dh, dw],
                ))
            },
        )
}

/// Values for a conv2d case's input, weight and bias, and whether to use the bias.
type ConvValues = (Vec<f32>, Vec<f32>, Vec<f32>, bool);

/// A random conv2d case with values for its input, weight and bias, and whether to use the bias.
fn conv_case_with_values() -> impl Strategy<Value = (ConvCase, ConvValues)> {
    conv_case().prop_flat_map(|c| {
        let n_in = c.0.iter().product::<usize>();
        let n_w = c.1.iter().product::<usize>();
        (
            Just(c),
            (values(n_in), values(n_w), values(c.1[0]), any::<bool>()),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn conv2d_equals_the_naive_loop_for_random_stride_padding_dilation_groups(
        (case, seed) in conv_case_with_values()
    ) {
        let (ishape, wshape, groups, s, p, d) = case;
        let (x, w, b, use_bias) = seed;
        let bias = use_bias.then_some(b.as_slice());
        let (expected, oshape) = conv2d_ref(&x, ishape, &w, wshape, bias, s, p, d, groups);
        let params = ConvParams { stride: s, padding: p, dilation: d, groups };
        for &be in Backend::ALL {
            let y = conv2d(be, &HostTensor::new(x.clone(), ishape.to_vec()), &HostTensor::new(w.clone(), wshape.to_vec()), bias, &params).unwrap();
            assert_close(&y, &expected, &oshape, &format!("{be:?} {params:?} {ishape:?} {wshape:?}"));
        }
    }

    #[test]
    fn explain_conv2d_terms_add_up_to_the_naive_loop_at_every_output_unit(
        (case, seed) in conv_case_with_values()
    ) {
        let (ishape, wshape, groups, s, p, d) = case;
        let (x, w, b, use_bias) = seed;
        let bias = use_bias.then_some(b.as_slice());
        let (expected, [o, oh, ow]) = conv2d_ref(&x, ishape, &w, wshape, bias, s, p, d, groups);
        let params = ConvParams { stride: s, padding: p, dilation: d, groups };
        let input = HostTensor::new(x.clone(), ishape.to_vec());
        let weight = HostTensor::new(w.clone(), wshape.to_vec());
        let [_, h, wd] = ishape;
        let [_, cg, kh, kw] = wshape;
        for (oc, y, xx) in (0..o).flat_map(|c| (0..oh).flat_map(move |y| (0..ow).map(move |x| (c, y, x)))) {
            let u = explain_conv2d("explainConv2d", &input, &weight, bias, &params, [oc, y, xx]).unwrap();
            let want = expected[(oc * oh + y) * ow + xx];
            prop_assert!((u.z - want).abs() <= 1e-4 * (1.0 + want.abs()), "z {} vs {want}", u.z);
            prop_assert_eq!(u.bias, bias.map_or(0.0, |b| b[oc]));
            prop_assert_eq!((u.kh, u.kw, u.channels.len()), (kh, kw, cg));
            let y0 = (y * s[0]) as i64 - p[0] as i64;
            let x0 = (xx * s[1]) as i64 - p[1] as i64;
            prop_assert_eq!((u.region.y.start, u.region.x.start), (y0, x0));
            prop_assert_eq!(u.region.y.end, y0 + (d[0] * (kh - 1) + 1) as i64);
            let mut total = 0.0f32;
            for (ci, t) in u.channels.iter().enumerate() {
                let ic = oc / (o / groups) * cg + ci;
                prop_assert_eq!(t.index, ic);
                let mut partial = 0.0f32;
                for (ky, kx) in (0..kh).flat_map(|ky| (0..kw).map(move |kx| (ky, kx))) {
                    let (iy, ix) = (y0 + (ky * d[0]) as i64, x0 + (kx * d[1]) as i64);
                    let inside = (0..h as i64).contains(&iy) && (0..wd as i64).contains(&ix);
                    let v = if inside { x[(ic * h + iy as usize) * wd + ix as usize] } else { 0.0 };
                    let k = w[((oc * cg + ci) * kh + ky) * kw + kx];
                    let i = ky * kw + kx;
                    prop_assert_eq!((t.window[i], t.kernel[i], t.products[i]), (v, k, v * k));
                    partial += v * k;
                }
                prop_assert!((t.partial - partial).abs() <= 1e-4 * (1.0 + partial.abs()));
                total += partial;
            }
            prop_assert!((u.sum - total).abs() <= 1e-4 * (1.0 + total.abs()));
        }
    }

    #[test]
    fn conv1d_equals_the_2d_naive_loop_on_a_height_one_image(
        (case, seed) in conv_case().prop_flat_map(|c| {
            let (ishape, wshape) = ([c.0[0], 1, c.0[2]], [c.1[0], c.1[1], 1, c.1[3]]);
            let n_in = ishape.iter().product::<usize>();
            let n_w = wshape.iter().product::<usize>();
            (Just((ishape, wshape, c.2, c.3[1], c.4[1], c.5[1])), (values(n_in), values(n_w), values(c.1[0])))
        })
    ) {
        let (ishape, wshape, groups, s, p, d) = case;
        let (x, w, b) = seed;
        let (expected, oshape) = conv2d_ref(&x, ishape, &w, wshape, Some(&b), [1, s], [0, p], [1, d], groups);
        let params = ConvParams { stride: [s], padding: [p], dilation: [d], groups };
        for &be in Backend::ALL {
            let y = conv1d(be, &HostTensor::new(x.clone(), vec![ishape[0], ishape[2]]), &HostTensor::new(w.clone(), vec![wshape[0], wshape[1], wshape[3]]), Some(&b), &params).unwrap();
            assert_close(&y, &expected, &[oshape[0], oshape[2]], &format!("{be:?} {params:?}"));
        }
    }

    #[test]
    fn conv_transpose2d_equals_the_naive_scatter_loop(
        c in 1usize..=2, og in 1usize..=3, g in 1usize..=2, h in 1usize..=5, w in 1usize..=5,
        kh in 1usize..=4, kw in 1usize..=4, s in (1usize..=3, 1usize..=3), p in (0usize..=2, 0usize..=2),
        d in (1usize..=2, 1usize..=2), opad in (0usize..=2, 0usize..=2), seed in any::<u64>(),
    ) {
        let (s, p, d, opad) = ([s.0, s.1], [p.0, p.1], [d.0, d.1], [opad.0, opad.1]);
        // Keep only settings PyTorch accepts (output padding below stride or dilation, output >= 1).
        let axes = [AxisParams { output_padding: opad[0], ..AxisParams::new(kh, s[0], p[0], d[0]) },
                    AxisParams { output_padding: opad[1], ..AxisParams::new(kw, s[1], p[1], d[1]) }];
        prop_assume!((0..2).all(|i| opad[i] < s[i] || opad[i] < d[i]));
        prop_assume!(conv_transpose_len(h, &axes[0]).is_some() && conv_transpose_len(w, &axes[1]).is_some());
        let (cin, ishape, wshape) = (c * g, [c * g, h, w], [c * g, og, kh, kw]);
        let mut rng = seed;
        let mut next = || { rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407); ((rng >> 40) as f32 / (1u64 << 24) as f32) * 4.0 - 2.0 };
        let x: Vec<f32> = (0..cin * h * w).map(|_| next()).collect();
        let wt: Vec<f32> = (0..cin * og * kh * kw).map(|_| next()).collect();
        let b: Vec<f32> = (0..og * g).map(|_| next()).collect();
        let (expected, oshape) = conv_transpose2d_ref(&x, ishape, &wt, wshape, Some(&b), s, p, opad, d, g);
        let params = ConvTransposeParams { stride: s, padding: p, output_padding: opad, dilation: d, groups: g };
        for &be in Backend::ALL {
            let y = conv_transpose2d(be, &HostTensor::new(x.clone(), ishape.to_vec()), &HostTensor::new(wt.clone(), wshape.to_vec()), Some(&b), &params).unwrap();
            assert_close(&y, &expected, &oshape, &format!("{be:?} {params:?} {ishape:?} {wshape:?}"));
        }
    }

    #[test]
    fn conv_transpose1d_equals_the_scatter_loop_on_a_height_one_image(
        c in 1usize..=3, og in 1usize..=3, l in 1usize..=8, k in 1usize..=4, s in 1usize..=3,
        p in 0usize..=2, d in 1usize..=2, opad in 0usize..=2, seed in any::<u64>(),
    ) {
        let axis = AxisParams { output_padding: opad, ..AxisParams::new(k, s, p, d) };
        prop_assume!(opad < s || opad < d);
        prop_assume!(conv_transpose_len(l, &axis).is_some());
        let mut rng = seed;
        let mut next = || { rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407); ((rng >> 40) as f32 / (1u64 << 24) as f32) * 4.0 - 2.0 };
        let x: Vec<f32> = (0..c * l).map(|_| next()).collect();
        let wt: Vec<f32> = (0..c * og * k).map(|_| next()).collect();
        let (expected, oshape) = conv_transpose2d_ref(&x, [c, 1, l], &wt, [c, og, 1, k], None, [1, s], [0, p], [0, opad], [1, d], 1);
        let params = ConvTransposeParams { stride: [s], padding: [p], output_padding: [opad], dilation: [d], groups: 1 };
        for &be in Backend::ALL {
            let y = conv_transpose1d(be, &HostTensor::new(x.clone(), vec![c, l]), &HostTensor::new(wt.clone(), vec![c, og, k]), None, &params).unwrap();
            assert_close(&y, &expected, &[oshape[0], oshape[2]], &format!("{be:?} {params:?}"));
        }
    }

    #[test]
    fn pool2d_max_and_avg_equal_the_naive_window_loops(
        c in 1usize..=3, h in 1usize..=9, w in 1usize..=9, k in (1usize..=4, 1usize..=4),
        s in (1usize..=3, 1usize..=3), p in (0usize..=2, 0usize..=2), max in any::<bool>(), seed in any::<u64>(),
    ) {
        let (k, s, p) = ([k.0, k.1], [s.0, s.1], [p.0, p.1]);
        prop_assume!(2 * p[0] <= k[0] && 2 * p[1] <= k[1]);
        prop_assume!(h + 2 * p[0] >= k[0] && w + 2 * p[1] >= k[1]);
        let mut rng = seed;
        let mut next = || { rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407); ((rng >> 40) as f32 / (1u64 << 24) as f32) * 4.0 - 2.0 };
        let x: Vec<f32> = (0..c * h * w).map(|_| next()).collect();
        let (expected, oshape) = pool_ref(&x, [c, h, w], max, k, s, p);
        let mode = if max { PoolMode::Max } else { PoolMode::Avg };
        let params = PoolParams { mode, kernel: k, stride: s, padding: p };
        for &be in Backend::ALL {
            let y = pool2d(be, &HostTensor::new(x.clone(), vec![c, h, w]), &params).unwrap();
            assert_close(&y, &expected, &oshape, &format!("{be:?} {params:?} [{c}, {h}, {w}]"));
        }
    }
}

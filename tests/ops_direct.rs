//! The direct path of `conv2d` / `conv1d` / `pool2d` (`ops::direct`: plain loops for small
//! problems) against burn's path (the definition), on shapes that exercise every setting:
//! stride, zero padding (also windows wholly in the padding), dilation, groups, non-square
//! kernels, 1×1 kernels, kernels that cover the input, output channel counts that do not fill
//! a row block, no bias; on every compiled backend. Plus: what `Route::Auto` picks, and that
//! bad arguments are refused before either path runs.
//!
//! `cargo test --release --features ndarray,flex,simd --test ops_direct -- --ignored
//! --nocapture` times both paths (the measurement behind the direct path's threshold).

use std::time::Instant;

use convscope::error::Error;
use convscope::ops::{Route, conv2d_on, explain_pool2d, pool2d_on};
use convscope::{Backend, ConvParams, HostTensor, PoolMode, PoolParams};

/// Deterministic pseudo-random values in [−1, 1) (xorshift), different for each `seed`.
fn values(n: usize, seed: u32) -> Vec<f32> {
    let mut s = 0x9e37_79b9_u32 ^ seed.wrapping_mul(0x85eb_ca6b);
    (0..n)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 17;
            s ^= s << 5;
            (s >> 8) as f32 / (1u32 << 23) as f32 - 1.0
        })
        .collect()
}

fn tensor(shape: &[usize], seed: u32) -> HostTensor {
    HostTensor::new(values(shape.iter().product(), seed), shape.to_vec())
}

/// Equal within 1e-5 relative to the value (at least 1e-5 absolute): the sums are the same
/// terms added in another order.
fn assert_close(what: &str, direct: &HostTensor, burn: &HostTensor) {
    assert_eq!(direct.shape, burn.shape, "{what}: shape");
    for (i, (a, b)) in direct.data.iter().zip(&burn.data).enumerate() {
        let tol = 1e-5 * b.abs().max(1.0);
        assert!((a - b).abs() <= tol, "{what}[{i}]: direct {a} vs burn {b}");
    }
}

/// `(input [C, H, W], weight [O, C/groups, KH, KW], stride, padding, dilation, groups)`.
type Case = (
    [usize; 3],
    [usize; 4],
    [usize; 2],
    [usize; 2],
    [usize; 2],
    usize,
);

const CONV_CASES: &[Case] = &[
    ([1, 28, 28], [6, 1, 5, 5], [1, 1], [2, 2], [1, 1], 1), // LeNet's C1 as the peer bench runs it
    ([6, 14, 14], [16, 6, 5, 5], [1, 1], [0, 0], [1, 1], 1), // C3
    ([16, 5, 5], [120, 16, 5, 5], [1, 1], [0, 0], [1, 1], 1), // C5: one output position
    ([120, 1, 1], [84, 120, 1, 1], [1, 1], [0, 0], [1, 1], 1), // a dense layer as a 1×1 conv
    ([8, 7, 9], [5, 8, 1, 1], [1, 1], [0, 0], [1, 1], 1),   // 1×1: im2col is the input
    ([3, 9, 11], [4, 3, 3, 3], [2, 2], [1, 1], [1, 1], 1),
    ([2, 10, 7], [3, 2, 3, 2], [2, 1], [0, 2], [1, 1], 1),
    ([3, 12, 12], [4, 3, 3, 3], [1, 1], [2, 2], [2, 2], 1),
    ([2, 13, 9], [6, 1, 3, 2], [3, 2], [1, 0], [2, 3], 2),
    ([4, 8, 8], [4, 1, 3, 3], [1, 1], [1, 1], [1, 1], 4), // depthwise
    ([4, 6, 5], [6, 2, 2, 2], [1, 1], [0, 0], [1, 1], 2),
    ([1, 2, 2], [3, 1, 4, 4], [1, 1], [2, 2], [1, 1], 1), // kernel larger than the input
    ([2, 10, 10], [3, 2, 2, 2], [4, 3], [0, 1], [1, 1], 1), // stride larger than the kernel
    ([1, 3, 3], [2, 1, 3, 3], [2, 2], [3, 3], [1, 1], 1), // windows wholly in the padding
    ([1, 1, 20], [7, 1, 1, 3], [1, 2], [0, 1], [1, 1], 1), // one row, 7 output channels
    ([5, 17, 3], [9, 5, 2, 3], [1, 1], [1, 0], [3, 1], 1),
];

fn conv_params(&(_, _, stride, padding, dilation, groups): &Case) -> ConvParams<2> {
    ConvParams {
        stride,
        padding,
        dilation,
        groups,
    }
}

#[test]
fn direct_conv2d_equals_burns_on_every_setting_with_and_without_bias_on_every_backend() {
    for &backend in Backend::ALL {
        for (k, case) in CONV_CASES.iter().enumerate() {
            let (x, w) = (
                tensor(&case.0, 2 * k as u32),
                tensor(&case.1, 2 * k as u32 + 1),
            );
            let b = values(case.1[0], 99 + k as u32);
            let p = conv_params(case);
            for bias in [Some(b.as_slice()), None] {
                let direct = conv2d_on(Route::Direct, backend, (&x, &w, bias), &p).unwrap();
                let burn = conv2d_on(Route::Burn, backend, (&x, &w, bias), &p).unwrap();
                let what = format!("{} case {k} bias {}", backend.name(), bias.is_some());
                assert_close(&what, &direct, &burn);
            }
        }
    }
}

/// PyTorch's `conv1d` for one `[C, L]` input, written as the formula in plain loops:
/// `out[o][l] = b[o] + Σ_c Σ_k x[g·C/G + c][l·s − pad + k·d] · w[o][c][k]` over the `C/G` input
/// channels of output channel `o`'s group `g`, zero outside the input.
fn naive_conv1d(x: &HostTensor, w: &HostTensor, b: &[f32], p: &ConvParams<1>) -> HostTensor {
    let ([c_in, len], [c_out, c_group, kl]) = (
        [x.shape[0], x.shape[1]],
        [w.shape[0], w.shape[1], w.shape[2]],
    );
    let (s, pad, d, g) = (p.stride[0], p.padding[0], p.dilation[0], p.groups);
    let out_len = (len + 2 * pad - d * (kl - 1) - 1) / s + 1;
    let mut out = vec![0.0f32; c_out * out_len];
    for o in 0..c_out {
        let group = o / (c_out / g);
        for l in 0..out_len {
            let mut sum = f64::from(b[o]);
            for c in 0..c_group {
                let ci = group * (c_in / g) + c;
                for k in 0..kl {
                    let at = (l * s + k * d) as isize - pad as isize;
                    if (0..len as isize).contains(&at) {
                        sum += f64::from(x.data[ci * len + at as usize])
                            * f64::from(w.data[(o * c_group + c) * kl + k]);
                    }
                }
            }
            out[o * out_len + l] = sum as f32;
        }
    }
    HostTensor::new(out, vec![c_out, out_len])
}

#[test]
fn conv1d_equals_the_naive_formula_with_stride_padding_dilation_and_groups() {
    let cases = [
        ([3, 20], [4, 3, 3], 2, 1, 2, 1),
        ([4, 9], [6, 2, 2], 1, 3, 1, 2),
        ([2, 7], [2, 1, 7], 1, 3, 1, 2), // a kernel as long as the input, depthwise
    ];
    for &backend in Backend::ALL {
        for (k, (xs, ws, s, pad, d, g)) in cases.into_iter().enumerate() {
            let (x, w) = (tensor(&xs, 50 + k as u32), tensor(&ws, 60 + k as u32));
            let b = values(ws[0], 70);
            let p = ConvParams {
                stride: [s],
                padding: [pad],
                dilation: [d],
                groups: g,
            };
            let conv1d = convscope::conv1d(backend, &x, &w, Some(&b), &p).unwrap();
            let naive = naive_conv1d(&x, &w, &b, &p);
            assert_close(&format!("{} conv1d {k}", backend.name()), &conv1d, &naive);
        }
    }
}

#[test]
fn direct_pool2d_equals_burns_for_max_and_avg_with_stride_and_padding() {
    /// `(input [C, H, W], kernel, stride, padding)`.
    type PoolCase = ([usize; 3], [usize; 2], [usize; 2], [usize; 2]);
    let cases: [PoolCase; 6] = [
        ([6, 28, 28], [2, 2], [2, 2], [0, 0]), // LeNet's S2
        ([3, 7, 9], [3, 3], [2, 2], [1, 1]),
        ([2, 5, 5], [3, 2], [1, 2], [1, 1]),
        ([1, 6, 4], [2, 3], [3, 1], [1, 0]),
        ([4, 1, 8], [1, 3], [1, 2], [0, 1]),
        ([2, 4, 4], [4, 4], [1, 1], [2, 2]), // padding of half the kernel
    ];
    for &backend in Backend::ALL {
        for (k, (xs, kernel, stride, padding)) in cases.into_iter().enumerate() {
            let x = tensor(&xs, 200 + k as u32);
            for mode in [PoolMode::Max, PoolMode::Avg] {
                let p = PoolParams {
                    mode,
                    kernel,
                    stride,
                    padding,
                };
                let direct = pool2d_on(Route::Direct, backend, &x, &p).unwrap();
                let burn = pool2d_on(Route::Burn, backend, &x, &p).unwrap();
                assert_close(
                    &format!("{} pool {k} {mode:?}", backend.name()),
                    &direct,
                    &burn,
                );
            }
        }
    }
}

#[test]
fn a_nan_in_a_max_pooling_window_makes_that_output_nan_in_pool2d_and_in_its_explanation() {
    // PyTorch's max_pool2d propagates NaN; the explanation of a unit must say what the op gave.
    let mut x = tensor(&[1, 4, 4], 7);
    x.data[5] = f32::NAN; // row 1, col 1: in the top-left 2×2 window only
    let p = PoolParams::new(PoolMode::Max, [2, 2]);
    let out = pool2d_on(Route::Direct, Backend::default(), &x, &p).unwrap();
    assert!(out.data[0].is_nan(), "the window with the NaN");
    let naive_other = [x.data[2], x.data[3], x.data[6], x.data[7]]
        .into_iter()
        .fold(f32::NEG_INFINITY, f32::max);
    assert_eq!(out.data[1], naive_other, "a window without it");
    let unit = explain_pool2d("explainPool2d", &x, &p, [0, 0, 0]).unwrap();
    assert!(unit.pooled.is_nan(), "the explanation of the NaN window");
    let unit = explain_pool2d("explainPool2d", &x, &p, [0, 0, 1]).unwrap();
    assert_eq!(unit.pooled, naive_other);
}

#[test]
fn auto_route_runs_lenet_sized_calls_directly_and_a_large_one_on_burn() {
    let backend = Backend::default();
    let bits = |t: &HostTensor| t.data.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
    let run = |route, case: &Case| {
        let (x, w) = (tensor(&case.0, 1), tensor(&case.1, 2));
        let b = values(case.1[0], 3);
        bits(&conv2d_on(route, backend, (&x, &w, Some(&b)), &conv_params(case)).unwrap())
    };
    // C3: 240,000 multiply-accumulates.
    let small = CONV_CASES[1];
    assert_eq!(run(Route::Auto, &small), run(Route::Direct, &small));
    // 64 → 64 channels, 3×3, on 32×32: 37.7 M multiply-accumulates.
    let large: Case = ([64, 32, 32], [64, 64, 3, 3], [1, 1], [1, 1], [1, 1], 1);
    assert_eq!(run(Route::Auto, &large), run(Route::Burn, &large));
}

#[test]
fn direct_route_refuses_bad_arguments_with_a_named_error_before_computing() {
    let backend = Backend::default();
    let x = tensor(&[3, 8, 8], 1);
    let p = ConvParams::default();
    // weight.shape[1] must be C/groups = 3.
    let w = tensor(&[4, 2, 3, 3], 2);
    match conv2d_on(Route::Direct, backend, (&x, &w, None), &p) {
        Err(Error::Param(e)) => assert_eq!((e.op, e.param.as_str()), ("conv2d", "weight")),
        other => panic!("expected a weight error, got {other:?}"),
    }
    // A kernel larger than the input, no padding.
    let w = tensor(&[4, 3, 9, 9], 2);
    assert!(matches!(
        conv2d_on(Route::Direct, backend, (&x, &w, None), &p),
        Err(Error::Param(_))
    ));
    // A bias of the wrong length.
    let w = tensor(&[4, 3, 3, 3], 2);
    match conv2d_on(Route::Direct, backend, (&x, &w, Some(&[1.0; 3])), &p) {
        Err(Error::Param(e)) => assert_eq!(e.param, "bias"),
        other => panic!("expected a bias error, got {other:?}"),
    }
    // Pooling padding over half the kernel.
    let p = PoolParams {
        padding: [2, 0],
        ..PoolParams::new(PoolMode::Max, [2, 2])
    };
    match pool2d_on(Route::Direct, backend, &x, &p) {
        Err(Error::Param(e)) => assert_eq!(e.param, "padding"),
        other => panic!("expected a padding error, got {other:?}"),
    }
}

/// Median µs of `f` over `n` calls.
fn median_us(n: usize, mut f: impl FnMut()) -> f64 {
    let mut t: Vec<f64> = (0..n)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[n / 2]
}

#[test]
#[ignore = "a timing run, not a check: the measurement behind ops::direct's thresholds"]
fn time_direct_and_burn_conv2d_and_pool2d() {
    let backend = Backend::default();
    let mut cases: Vec<Case> = CONV_CASES[..4].to_vec();
    cases.extend([
        ([16, 32, 32], [32, 16, 3, 3], [1, 1], [1, 1], [1, 1], 1),
        ([32, 32, 32], [64, 32, 3, 3], [1, 1], [1, 1], [1, 1], 1),
        ([64, 32, 32], [64, 64, 3, 3], [1, 1], [1, 1], [1, 1], 1),
        ([3, 112, 112], [32, 3, 7, 7], [2, 2], [3, 3], [1, 1], 1),
        ([64, 56, 56], [64, 64, 3, 3], [1, 1], [1, 1], [1, 1], 1),
    ]);
    println!("conv2d: input, weight, MACs, direct µs, burn µs");
    for case in &cases {
        let (x, w) = (tensor(&case.0, 1), tensor(&case.1, 2));
        let b = values(case.1[0], 3);
        let p = conv_params(case);
        let macs = conv2d_on(Route::Burn, backend, (&x, &w, None), &p)
            .unwrap()
            .data
            .len()
            * case.1[1..].iter().product::<usize>();
        let n = (2_000_000_000 / macs.max(1)).clamp(5, 2000);
        let time = |route| {
            median_us(n, || {
                conv2d_on(route, backend, (&x, &w, Some(&b)), &p).unwrap();
            })
        };
        let (d, b) = (time(Route::Direct), time(Route::Burn));
        println!("{:?} {:?} {macs} {d:.1} {b:.1}", case.0, case.1);
    }
    println!("pool2d: input, direct µs, burn µs");
    for xs in [[6, 28, 28], [16, 10, 10], [64, 112, 112]] {
        let x = tensor(&xs, 4);
        let p = PoolParams::new(PoolMode::Avg, [2, 2]);
        let time = |route| {
            median_us(200, || {
                pool2d_on(route, backend, &x, &p).unwrap();
            })
        };
        let (d, b) = (time(Route::Direct), time(Route::Burn));
        println!("{xs:?} {d:.1} {b:.1}");
    }
}

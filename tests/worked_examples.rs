//! The lecture's worked examples, computed by the core on every compiled backend and compared
//! exactly with the numbers printed on the slides.

use convscope::{
    Backend, ConvParams, ConvTransposeParams, HostTensor, PoolMode, PoolParams, conv_transpose2d,
    conv2d, pool2d,
};

fn image(rows: &[&[f32]]) -> HostTensor {
    let h = rows.len();
    let w = rows[0].len();
    HostTensor::new(rows.concat(), vec![1, h, w])
}

fn kernel(rows: &[&[f32]]) -> HostTensor {
    let h = rows.len();
    let w = rows[0].len();
    HostTensor::new(rows.concat(), vec![1, 1, h, w])
}

const LECTURE_4X4: [&[f32]; 4] = [
    &[1., 2., 3., 0.],
    &[0., 1., 2., 3.],
    &[3., 0., 1., 2.],
    &[2., 3., 0., 1.],
];

#[rustfmt::skip]
const LECTURE_FILTER_3X3: [&[f32]; 3] = [
    &[2., 0., 1.],
    &[0., 1., 2.],
    &[1., 0., 2.],
];

#[test]
fn lecture_4x4_input_with_3x3_filter_gives_15_16_6_15() {
    for &b in Backend::ALL {
        let y = conv2d(
            b,
            &image(&LECTURE_4X4),
            &kernel(&LECTURE_FILTER_3X3),
            None,
            &ConvParams::default(),
        )
        .unwrap();
        assert_eq!(y.shape, vec![1, 2, 2], "{b:?}");
        assert_eq!(y.data, vec![15., 16., 6., 15.], "{b:?}");
    }
}

#[test]
fn lecture_8x8_step_edge_with_vertical_edge_kernel_gives_the_slide_numbers() {
    #[rustfmt::skip]
    let rows: [&[f32]; 8] = [
        &[2., 2., 2., 2., 2., 1., 1., 1.],
        &[2., 2., 2., 2., 2., 1., 1., 1.],
        &[2., 2., 2., 2., 2., 1., 1., 1.],
        &[2., 2., 2., 2., 2., 1., 1., 1.],
        &[2., 2., 2., 9., 9., 9., 9., 9.],
        &[2., 2., 2., 9., 9., 9., 9., 9.],
        &[2., 2., 2., 9., 9., 9., 9., 9.],
        &[2., 2., 2., 9., 9., 9., 9., 9.],
    ];
    #[rustfmt::skip]
    let k: [&[f32]; 3] = [
        &[-1., 0., 1.],
        &[-1., 0., 1.],
        &[-1., 0., 1.],
    ];
    #[rustfmt::skip]
    let expected: Vec<f32> = vec![
        0., 0.,  0., -3., -3., 0.,
        0., 0.,  0., -3., -3., 0.,
        0., 7.,  7., -2., -2., 0.,
        0., 14., 14., -1., -1., 0.,
        0., 21., 21., 0., 0., 0.,
        0., 21., 21., 0., 0., 0.,
    ];
    for &b in Backend::ALL {
        let y = conv2d(b, &image(&rows), &kernel(&k), None, &ConvParams::default()).unwrap();
        assert_eq!(y.shape, vec![1, 6, 6], "{b:?}");
        assert_eq!(y.data, expected, "{b:?}");
    }
}

const POOL_4X4: [&[f32]; 4] = [
    &[1., 1., 2., 4.],
    &[5., 6., 7., 8.],
    &[3., 2., 1., 0.],
    &[1., 2., 3., 4.],
];

/// `rows` (one channel) pooled on backend `b` with a 2×2 window, stride 2 and `padding` on
/// every side.
fn pool_2x2(b: Backend, mode: PoolMode, padding: usize, rows: &[&[f32]]) -> HostTensor {
    let p = PoolParams {
        padding: [padding; 2],
        ..PoolParams::new(mode, [2, 2])
    };
    pool2d(b, &image(rows), &p).unwrap()
}

#[test]
fn max_pool_2x2_stride_2_keeps_the_largest_of_each_window_6_8_3_4() {
    // The CS231n single-depth-slice example.
    for &b in Backend::ALL {
        let y = pool_2x2(b, PoolMode::Max, 0, &POOL_4X4);
        assert_eq!(y.shape, vec![1, 2, 2]);
        assert_eq!(y.data, vec![6., 8., 3., 4.], "{b:?}");
    }
}

#[test]
fn avg_pool_2x2_stride_2_averages_each_window_3_25_5_25_2_2() {
    // (1+1+5+6)/4, (2+4+7+8)/4, (3+2+1+2)/4, (1+0+3+4)/4
    for &b in Backend::ALL {
        let y = pool_2x2(b, PoolMode::Avg, 0, &POOL_4X4);
        assert_eq!(y.data, vec![3.25, 5.25, 2., 2.], "{b:?}");
    }
}

#[test]
fn avg_pool_with_padding_counts_the_zero_padding_like_pytorch() {
    // 2x2 input [[4, 8], [12, 16]], kernel 2, stride 2, padding 1: every window holds one real
    // pixel and three zeros, and count_include_pad=True divides by 4.
    for &b in Backend::ALL {
        let y = pool_2x2(b, PoolMode::Avg, 1, &[&[4., 8.], &[12., 16.]]);
        assert_eq!(y.data, vec![1., 2., 3., 4.], "{b:?}");
        let y = pool_2x2(b, PoolMode::Max, 1, &[&[-4., -8.], &[-12., -16.]]);
        assert_eq!(
            y.data,
            vec![-4., -8., -12., -16.],
            "max pooling pads with -inf: {b:?}"
        );
    }
}

#[test]
fn transposed_conv_stride_2_scatters_scaled_kernel_copies_that_add_where_they_overlap() {
    // Input [[1, 2], [3, 4]], kernel all ones 3x3, stride 2: 5x5 output; the overlapping row
    // and column in the middle add neighbouring inputs (the classic checkerboard pattern).
    #[rustfmt::skip]
    let expected: Vec<f32> = vec![
        1., 1.,  3., 2., 2.,
        1., 1.,  3., 2., 2.,
        4., 4., 10., 6., 6.,
        3., 3.,  7., 4., 4.,
        3., 3.,  7., 4., 4.,
    ];
    for &b in Backend::ALL {
        let p = ConvTransposeParams {
            stride: [2, 2],
            ..Default::default()
        };
        let y = conv_transpose2d(
            b,
            &image(&[&[1., 2.], &[3., 4.]]),
            &kernel(&[&[1.0f32; 3][..]; 3]),
            None,
            &p,
        )
        .unwrap();
        assert_eq!(y.shape, vec![1, 5, 5]);
        assert_eq!(y.data, expected, "{b:?}");
    }
}

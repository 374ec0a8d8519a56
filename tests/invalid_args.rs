//! Every class of invalid argument is refused before burn runs, with an error that names the
//! offending parameter (as the JS API spells it) and says what was expected.

use convscope::api::{conv_transpose2d_js, conv1d_js, conv2d_js, output_size_js, pool2d_js};
use convscope::error::{Code, Value};
use convscope::{Backend, Error, HostTensor, OptValue, RawOptions};

fn t(shape: &[usize]) -> HostTensor {
    HostTensor::new(vec![1.0; shape.iter().product()], shape.to_vec())
}

fn opts(pairs: &[(&str, OptValue)]) -> RawOptions {
    let mut o = RawOptions::new();
    for (k, v) in pairs {
        o.insert(k, v.clone());
    }
    o
}

/// Asserts the call failed naming `param`, and that the message contains `needle`.
#[track_caller]
fn names(r: convscope::Result<HostTensor>, param: &str, needle: &str) {
    let e = r.expect_err("expected an error");
    assert_eq!(e.param(), Some(param), "{e}");
    assert!(e.to_string().contains(needle), "`{e}` lacks `{needle}`");
}

fn num(v: f64) -> OptValue {
    OptValue::Num(v)
}

const B: Backend = Backend::ALL[0];

#[test]
fn data_length_that_disagrees_with_shape_names_input_or_weight() {
    let bad = HostTensor::new(vec![0.0; 15], vec![1, 4, 4]);
    names(
        conv2d_js(B, &bad, &t(&[1, 1, 3, 3]), &RawOptions::new()),
        "input",
        "needs 16 values, but data has 15",
    );
    let bad_w = HostTensor::new(vec![0.0; 8], vec![1, 1, 3, 3]);
    names(
        conv2d_js(B, &t(&[1, 4, 4]), &bad_w, &RawOptions::new()),
        "weight",
        "needs 9 values",
    );
}

#[test]
fn wrong_rank_names_the_tensor_and_its_expected_layout() {
    names(
        conv2d_js(B, &t(&[4, 4]), &t(&[1, 1, 3, 3]), &RawOptions::new()),
        "input",
        "[C, H, W]",
    );
    names(
        conv2d_js(B, &t(&[1, 4, 4]), &t(&[3, 3]), &RawOptions::new()),
        "weight",
        "[O, C/groups, KH, KW]",
    );
    names(
        conv1d_js(B, &t(&[1, 4, 4]), &t(&[1, 1, 3]), &RawOptions::new()),
        "input",
        "[C, L]",
    );
    names(
        pool2d_js(
            B,
            &t(&[16]),
            &opts(&[("mode", "max".into()), ("kernel", num(2.0))]),
        ),
        "input",
        "[C, H, W]",
    );
}

#[test]
fn channel_mismatch_names_weight_with_expected_c_over_groups() {
    names(
        conv2d_js(B, &t(&[3, 5, 5]), &t(&[2, 2, 3, 3]), &RawOptions::new()),
        "weight",
        "C/groups = 3/1 = 3",
    );
    names(
        conv_transpose2d_js(B, &t(&[3, 5, 5]), &t(&[2, 2, 3, 3]), &RawOptions::new()),
        "weight",
        "weight.shape[0] = C = 3",
    );
}

#[test]
fn groups_that_do_not_divide_channels_name_groups() {
    names(
        conv2d_js(
            B,
            &t(&[4, 5, 5]),
            &t(&[2, 4, 3, 3]),
            &opts(&[("groups", num(3.0))]),
        ),
        "groups",
        "must divide the input channels C = 4",
    );
    names(
        conv2d_js(
            B,
            &t(&[4, 5, 5]),
            &t(&[3, 2, 3, 3]),
            &opts(&[("groups", num(2.0))]),
        ),
        "groups",
        "output channels",
    );
}

#[test]
fn kernel_larger_than_the_padded_input_names_weight() {
    names(
        conv2d_js(
            B,
            &t(&[1, 4, 4]),
            &t(&[1, 1, 7, 7]),
            &opts(&[("padding", num(1.0))]),
        ),
        "weight",
        "larger than the padded input 4 + 2·1 = 6",
    );
    names(
        conv2d_js(
            B,
            &t(&[1, 4, 4]),
            &t(&[1, 1, 3, 3]),
            &opts(&[("dilation", num(2.0))]),
        ),
        "weight",
        "2·(3−1)+1 = 5",
    );
    names(
        pool2d_js(
            B,
            &t(&[1, 2, 2]),
            &opts(&[("mode", "max".into()), ("kernel", num(3.0))]),
        ),
        "kernel",
        "larger than the padded input",
    );
}

#[test]
fn zero_stride_dilation_or_groups_name_that_option() {
    for key in ["stride", "dilation", "groups"] {
        names(
            conv2d_js(
                B,
                &t(&[1, 4, 4]),
                &t(&[1, 1, 3, 3]),
                &opts(&[(key, num(0.0))]),
            ),
            key,
            ">= 1, got 0",
        );
    }
    names(
        pool2d_js(
            B,
            &t(&[1, 4, 4]),
            &opts(&[
                ("mode", "avg".into()),
                ("kernel", num(2.0)),
                ("stride", num(0.0)),
            ]),
        ),
        "stride",
        ">= 1",
    );
}

#[test]
fn negative_fractional_or_nan_padding_names_padding() {
    for v in [-1.0, 0.5, f64::NAN] {
        names(
            conv2d_js(
                B,
                &t(&[1, 4, 4]),
                &t(&[1, 1, 3, 3]),
                &opts(&[("padding", num(v))]),
            ),
            "padding",
            "whole number >= 0",
        );
    }
    names(
        conv2d_js(
            B,
            &t(&[1, 4, 4]),
            &t(&[1, 1, 3, 3]),
            &opts(&[("padding", OptValue::List(vec![1.0, 2.0, 3.0]))]),
        ),
        "padding",
        "list of 2",
    );
}

#[test]
fn pooling_padding_over_half_the_kernel_names_padding() {
    names(
        pool2d_js(
            B,
            &t(&[1, 6, 6]),
            &opts(&[
                ("mode", "max".into()),
                ("kernel", num(2.0)),
                ("padding", num(2.0)),
            ]),
        ),
        "padding",
        "at most half the kernel",
    );
}

#[test]
fn bias_of_the_wrong_length_names_bias() {
    names(
        conv2d_js(
            B,
            &t(&[1, 4, 4]),
            &t(&[2, 1, 3, 3]),
            &opts(&[("bias", OptValue::List(vec![1.0]))]),
        ),
        "bias",
        "one value per output channel (2), got 1",
    );
    names(
        conv_transpose2d_js(
            B,
            &t(&[1, 4, 4]),
            &t(&[1, 2, 3, 3]),
            &opts(&[("bias", OptValue::List(vec![1.0; 3]))]),
        ),
        "bias",
        "got 3",
    );
    names(
        conv2d_js(
            B,
            &t(&[1, 4, 4]),
            &t(&[1, 1, 3, 3]),
            &opts(&[("bias", "x".into())]),
        ),
        "bias",
        "Float32Array",
    );
}

#[test]
fn transposed_output_smaller_than_one_names_padding() {
    names(
        conv_transpose2d_js(
            B,
            &t(&[1, 1, 1]),
            &t(&[1, 1, 1, 1]),
            &opts(&[("padding", num(1.0))]),
        ),
        "padding",
        "smaller than 1",
    );
}

#[test]
fn output_padding_not_below_stride_or_dilation_names_output_padding() {
    names(
        conv_transpose2d_js(
            B,
            &t(&[1, 3, 3]),
            &t(&[1, 1, 3, 3]),
            &opts(&[("stride", num(2.0)), ("outputPadding", num(2.0))]),
        ),
        "outputPadding",
        "smaller than the stride (2) or the dilation (1)",
    );
}

#[test]
fn unknown_mode_missing_mode_and_missing_kernel_are_named() {
    names(
        pool2d_js(
            B,
            &t(&[1, 4, 4]),
            &opts(&[("mode", "median".into()), ("kernel", num(2.0))]),
        ),
        "mode",
        "'max' or 'avg', got \"median\"",
    );
    names(
        pool2d_js(B, &t(&[1, 4, 4]), &opts(&[("kernel", num(2.0))])),
        "mode",
        "required",
    );
    names(
        pool2d_js(B, &t(&[1, 4, 4]), &opts(&[("mode", "max".into())])),
        "kernel",
        "required",
    );
}

#[test]
fn unknown_option_keys_are_named_instead_of_ignored() {
    names(
        conv2d_js(
            B,
            &t(&[1, 4, 4]),
            &t(&[1, 1, 3, 3]),
            &opts(&[("strides", num(2.0))]),
        ),
        "strides",
        "unknown option",
    );
}

#[test]
fn zero_sized_axes_and_absurd_outputs_are_refused() {
    names(
        conv2d_js(
            B,
            &HostTensor::new(vec![], vec![1, 0, 4]),
            &t(&[1, 1, 1, 1]),
            &RawOptions::new(),
        ),
        "input",
        "between 1 and",
    );
    // 1x1 input, 1x1 kernel, stride 1000, transposed: huge but valid sizes stay bounded.
    let r = conv_transpose2d_js(
        B,
        &t(&[1, 100, 100]),
        &t(&[1, 1, 1, 1]),
        &opts(&[("stride", num(1000.0))]),
    );
    assert!(matches!(r, Err(Error::Param(_))), "{r:?}");
}

#[test]
fn calls_that_would_need_more_than_a_billion_multiply_accumulates_are_refused_not_run() {
    // 16 channels of 1000x1000 (16 M values, within the size limit) through 16 7x7 filters:
    // 16 M outputs x 16·49 = 12.5 G multiply-accumulates.
    let big = t(&[16, 1000, 1000]);
    names(
        conv2d_js(
            B,
            &big,
            &t(&[16, 16, 7, 7]),
            &opts(&[("padding", num(3.0))]),
        ),
        "input",
        "multiply-accumulates",
    );
    names(
        pool2d_js(
            B,
            &t(&[1, 4000, 4000]),
            &opts(&[
                ("mode", "max".into()),
                ("kernel", num(400.0)),
                ("stride", num(1.0)),
            ]),
        ),
        "input",
        "multiply-accumulates",
    );
}

#[test]
fn output_size_explains_settings_without_output_and_names_bad_arguments() {
    let r = output_size_js(&opts(&[("input", num(4.0)), ("kernel", num(5.0))])).unwrap();
    assert_eq!(r.size, 0);
    assert!(r.reason.is_some());
    let e = output_size_js(&opts(&[("kernel", num(3.0))])).unwrap_err();
    assert_eq!(e.param, "input");
    let e = output_size_js(&opts(&[
        ("input", num(4.0)),
        ("kernel", num(3.0)),
        ("kind", "deconv".into()),
    ]))
    .unwrap_err();
    assert_eq!(e.param, "kind");
}

/// The error's code (what the JS `Error` carries as `code`) for one call.
#[track_caller]
fn code_of(r: convscope::Result<HostTensor>) -> Code {
    r.expect_err("expected an error").code()
}

#[test]
fn each_class_of_invalid_argument_carries_its_stable_code_and_values() {
    let none = RawOptions::new();
    let bad_len = HostTensor::new(vec![0.0; 15], vec![1, 4, 4]);
    let e = conv2d_js(B, &bad_len, &t(&[1, 1, 3, 3]), &none).unwrap_err();
    let Error::Param(p) = &e else { panic!("{e}") };
    assert_eq!(
        (p.code, p.expected.as_deref(), p.got.as_deref()),
        (
            Code::ShapeMismatch,
            Some(&Value::Num(16.0)),
            Some(&Value::Num(15.0))
        )
    );
    assert_eq!(
        code_of(conv2d_js(B, &t(&[3, 5, 5]), &t(&[2, 2, 3, 3]), &none)),
        Code::ShapeMismatch
    );
    let bias = opts(&[("bias", OptValue::List(vec![1.0]))]);
    assert_eq!(
        code_of(conv2d_js(B, &t(&[1, 4, 4]), &t(&[2, 1, 3, 3]), &bias)),
        Code::ShapeMismatch
    );
    assert_eq!(
        code_of(conv2d_js(
            B,
            &t(&[1, 4, 4]),
            &t(&[1, 1, 3, 3]),
            &opts(&[("stride", num(0.0))])
        )),
        Code::InvalidValue
    );
    assert_eq!(
        code_of(conv2d_js(
            B,
            &t(&[1, 4, 4]),
            &t(&[1, 1, 3, 3]),
            &opts(&[("stride", "2".into())])
        )),
        Code::NotANumber
    );
    assert_eq!(
        code_of(conv2d_js(
            B,
            &t(&[1, 4, 4]),
            &t(&[1, 1, 3, 3]),
            &opts(&[("padding", num(1e9))])
        )),
        Code::TooLarge
    );
    assert_eq!(
        code_of(conv2d_js(
            B,
            &t(&[1, 4, 4]),
            &t(&[1, 1, 3, 3]),
            &opts(&[("strides", num(1.0))])
        )),
        Code::UnknownOption
    );
    assert_eq!(
        code_of(pool2d_js(B, &t(&[1, 4, 4]), &opts(&[("kernel", num(2.0))]))),
        Code::Required
    );
    assert_eq!(
        code_of(pool2d_js(
            B,
            &t(&[1, 4, 4]),
            &opts(&[("mode", "max".into())])
        )),
        Code::Required
    );
    assert_eq!(
        code_of(conv2d_js(
            B,
            &t(&[64, 512, 512]),
            &t(&[64, 64, 7, 7]),
            &none
        )),
        Code::TooLarge
    );
    let e = output_size_js(&opts(&[("input", num(8.0))])).unwrap_err();
    assert_eq!((e.param.as_str(), e.code), ("kernel", Code::Required));
}

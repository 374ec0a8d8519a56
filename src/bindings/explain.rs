//! The unit arithmetic for the page: `net.explainUnit(pixels, layer, c, y, x)` (a LeNet-5
//! unit, from the forward pass) and `explainConv2d(input, weight, options, c, y, x)` (one
//! output value of any 2-D convolution), both by the one rule of [`crate::ops::explain`];
//! and `net.layerSpecs()`, the layer table with this network's activations.
//! Conversions only: every argument is checked before burn runs.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use super::convert::{
    JsResult, core_error, floats_to_js, read_f32s, read_string, read_whole, to_plain_js,
    usizes_to_js,
};
use super::lenet::{LeNet5, region_to_js};
use crate::error::ParamError;
use crate::lenet::IMAGE_PIXELS;
use crate::lenet::explain::{UnitExplanation, UnitMath};
use crate::lenet::layers::layer_specs;
use crate::ops::explain::{ChannelTerms, ConvUnit};

/// A fresh object with `entries` (a property set on a plain object cannot fail).
fn object(entries: &[(&str, JsValue)]) -> Object {
    let obj = Object::new();
    for (key, value) in entries {
        let _ = Reflect::set(&obj, &JsValue::from_str(key), value);
    }
    obj
}

fn num(v: impl Into<f64>) -> JsValue {
    JsValue::from(v.into())
}

fn opt_str(v: Option<&str>) -> JsValue {
    v.map_or(JsValue::NULL, JsValue::from_str)
}

fn channel(t: &ChannelTerms) -> JsValue {
    object(&[
        ("index", num(t.index as f64)),
        ("window", floats_to_js(&t.window)),
        ("kernel", floats_to_js(&t.kernel)),
        ("products", floats_to_js(&t.products)),
        ("partial", num(t.partial)),
    ])
    .into()
}

/// `{region, kh, kw, channels, sum, bias, z}`.
fn conv_fields(u: &ConvUnit) -> Vec<(&'static str, JsValue)> {
    let channels: Array = u.channels.iter().map(channel).collect();
    vec![
        ("region", region_to_js(&u.region)),
        ("kh", num(u.kh as f64)),
        ("kw", num(u.kw as f64)),
        ("channels", channels.into()),
        ("sum", num(u.sum)),
        ("bias", num(u.bias)),
        ("z", num(u.z)),
    ]
}

fn explanation(e: &UnitExplanation) -> JsValue {
    let mut fields = vec![
        ("layer", JsValue::from_str(e.layer)),
        ("kind", JsValue::from_str(e.math.kind().name())),
        ("c", num(e.c as f64)),
        ("y", num(e.y as f64)),
        ("x", num(e.x as f64)),
        ("below", opt_str(e.below)),
        ("activation", opt_str(e.activation)),
        ("value", num(e.value)),
    ];
    if let Some(pre) = e.pre_activation {
        fields.push(("preActivation", num(pre)));
    }
    match &e.math {
        UnitMath::Input { raw, normalised } => {
            fields.push(("raw", num(*raw)));
            fields.push(("normalised", num(*normalised)));
        }
        UnitMath::Conv(u) => fields.extend(conv_fields(u)),
        UnitMath::Pool(p) => fields.extend([
            ("region", region_to_js(&p.region)),
            ("kh", num(p.kh as f64)),
            ("kw", num(p.kw as f64)),
            ("window", floats_to_js(&p.window)),
            ("mode", JsValue::from_str(p.mode.name())),
            ("pooled", num(p.pooled)),
        ]),
        UnitMath::Dense {
            below_shape,
            inputs,
            weights,
            terms,
        } => {
            fields.extend([
                ("belowShape", usizes_to_js(below_shape)),
                ("inputs", floats_to_js(inputs)),
                ("weights", floats_to_js(weights)),
                ("products", floats_to_js(&terms.products)),
                ("sum", num(terms.sum)),
                ("bias", num(terms.bias)),
                ("z", num(terms.z)),
            ]);
        }
    }
    object(&fields).into()
}

/// A unit's `c`, `y`, `x` as whole numbers >= 0 (JS numbers, not coerced).
fn unit(op: &'static str, c: &JsValue, y: &JsValue, x: &JsValue) -> Result<[usize; 3], ParamError> {
    Ok([
        read_whole(op, "c", c, 0)?,
        read_whole(op, "y", y, 0)?,
        read_whole(op, "x", x, 0)?,
    ])
}

#[wasm_bindgen]
impl LeNet5 {
    /// `explainUnit(pixels: Float32Array(784), layer, c, y, x)` → the arithmetic of one unit
    /// of the forward pass on `pixels`: `{layer, kind: 'input'|'conv'|'pool'|'dense', c, y,
    /// x, below, activation, value, preActivation?}` and by kind — conv: `{region: {y0, y1,
    /// x0, x1}, kh, kw, channels: [{index, window, kernel, products, partial}], sum, bias, z}`
    /// (C1's region on the 32×32 padded, normalised input); pool: `{region, kh, kw, window,
    /// mode: 'max'|'avg', pooled}`; dense (C5, F6, output): `{belowShape, inputs, weights,
    /// products, sum, bias, z}`; input: `{raw, normalised}`.
    #[wasm_bindgen(js_name = explainUnit)]
    pub fn explain_unit(
        &self,
        pixels: JsValue,
        layer: JsValue,
        c: JsValue,
        y: JsValue,
        x: JsValue,
    ) -> JsResult<JsValue> {
        const OP: &str = "explainUnit";
        let pixels = read_f32s(OP, "pixels", &pixels, IMAGE_PIXELS)?;
        let layer = read_string(OP, "layer", &layer, 64)?;
        let at = unit(OP, &c, &y, &x)?;
        let e = self
            .net
            .explain_unit(&pixels, &layer, at)
            .map_err(|e| core_error(OP, "pixels", e))?;
        Ok(explanation(&e))
    }

    /// `layerSpecs()` with this network's activations: `[{name, kind, shape, kernel?,
    /// stride?, padding?, input, activation, …}]` (see the free `layerSpecs()`).
    #[wasm_bindgen(js_name = layerSpecs)]
    pub fn layer_specs(&self) -> JsResult<JsValue> {
        to_plain_js("layerSpecs", &layer_specs(self.net.variant()))
    }
}

#[cfg(feature = "full-api")]
/// `explainConv2d(input [C,H,W], weight [O,C/groups,KH,KW], {bias?, stride?, padding?,
/// dilation?, groups?}, c, y, x)` → output value `(c, y, x)` of `conv2d` with those
/// arguments, term by term: `{kind: 'conv', c, y, x, region, kh, kw, channels: [{index,
/// window, kernel, products, partial}], sum, bias, z}`; window cells in the padding are 0.
#[wasm_bindgen(js_name = explainConv2d)]
pub fn explain_conv2d_js(
    input: JsValue,
    weight: JsValue,
    options: JsValue,
    c: JsValue,
    y: JsValue,
    x: JsValue,
) -> JsResult<JsValue> {
    use super::convert::{read_options, read_tensor};
    use crate::ops::conv::ConvParams;
    use crate::ops::explain::explain_conv2d;
    const OP: &str = "explainConv2d";
    let input = read_tensor(OP, "input", &input)?;
    let weight = read_tensor(OP, "weight", &weight)?;
    let known = ConvParams::<2>::OPTION_KEYS;
    let opts = read_options(OP, &options, known, weight.data.len().max(2))?;
    let (p, bias) = ConvParams::<2>::from_options(OP, &opts)?;
    let at = unit(OP, &c, &y, &x)?;
    let u = explain_conv2d(OP, &input, &weight, bias.as_deref(), &p, at)
        .map_err(|e| core_error(OP, "input", e))?;
    let mut fields = vec![
        ("kind", JsValue::from_str("conv")),
        ("c", num(at[0] as f64)),
        ("y", num(at[1] as f64)),
        ("x", num(at[2] as f64)),
    ];
    fields.extend(conv_fields(&u));
    Ok(object(&fields).into())
}

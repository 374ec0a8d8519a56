//! LeNet-5 for the page: the `LeNet5` class, layer specs, receptive fields and digit
//! preprocessing. Conversions only; the work is in [`crate::lenet::inspect`] and
//! [`crate::data::preprocess`].

use js_sys::{Array, Float32Array, Object};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::convert::{
    JsResult, core_error, floats_to_js, read_bytes, read_f32s, read_options, read_string,
    read_whole, set, tensor_to_js, usizes_to_js,
};
use crate::backend::Backend;
use crate::data::preprocess::{Digit, preprocess_digit};
use crate::error::{Code, ParamError, Result};
use crate::lenet::inspect::{self, Forward, LayerRegion, Network};
use crate::lenet::tta;
use crate::lenet::{IMAGE_PIXELS, Variant};
use crate::ops::receptive_field::Region;

/// Largest weights file accepted (the real ones are about 125 KB); checked before copying.
pub(super) const MAX_WEIGHTS_BYTES: usize = 4 << 20;
/// Largest canvas accepted: 4096×4096 RGBA; checked before copying.
const MAX_RGBA_BYTES: usize = 1 << 26;
/// Longest string argument (layer and variant names are a few letters).
const MAX_NAME_CHARS: usize = 64;

/// `{y0, y1, x0, x1}`: a half-open region.
pub(super) fn region_to_js(r: &Region) -> JsValue {
    let obj = Object::new();
    set(&obj, "y0", &JsValue::from(r.y.start as f64));
    set(&obj, "y1", &JsValue::from(r.y.end as f64));
    set(&obj, "x0", &JsValue::from(r.x.start as f64));
    set(&obj, "x1", &JsValue::from(r.x.end as f64));
    obj.into()
}

fn layer_region_to_js(r: &LayerRegion) -> JsValue {
    let obj: Object = region_to_js(&r.clipped).unchecked_into();
    set(&obj, "layer", &JsValue::from(r.layer));
    set(&obj, "full", &region_to_js(&r.full));
    obj.into()
}

/// `[{name, kind, shape, data, preActivation?}]`: every layer of a forward pass.
pub(super) fn layers_to_js(f: &Forward) -> JsValue {
    let layers = Array::new();
    for l in &f.layers {
        let obj = Object::new();
        set(&obj, "name", &JsValue::from(l.name));
        set(&obj, "kind", &JsValue::from(l.kind.name()));
        set(&obj, "shape", &usizes_to_js(&l.shape));
        set(&obj, "data", &floats_to_js(&l.data));
        if let Some(pre) = &l.pre_activation {
            set(&obj, "preActivation", &floats_to_js(pre));
        }
        layers.push(&obj);
    }
    layers.into()
}

/// Reads the `variant` argument: `'classic'` or `'modern'`.
fn variant_arg(op: &'static str, v: &JsValue) -> Result<Variant, ParamError> {
    let name = read_string(op, "variant", v, MAX_NAME_CHARS)?;
    Variant::parse(&name).ok_or_else(|| {
        ParamError::new(
            op,
            "variant",
            format!("expected 'classic' or 'modern', got {name:?}"),
        )
        .with_expected(vec!["classic", "modern"])
        .with_got(name)
    })
}

/// Reads the `pixels` argument: 784 numbers (more are refused before they are copied).
fn pixels_arg(op: &'static str, v: &JsValue) -> Result<Vec<f32>, ParamError> {
    read_f32s(op, "pixels", v, IMAGE_PIXELS).map_err(|e| {
        if e.code == Code::TooLarge {
            e.with_code(Code::ShapeMismatch).with_expected(IMAGE_PIXELS)
        } else {
            e
        }
    })
}

/// A trained LeNet-5 (classic: tanh + average pooling; modern: ReLU + max pooling) whose every
/// layer is open to the page.
#[wasm_bindgen]
pub struct LeNet5 {
    pub(crate) net: Network,
}

#[wasm_bindgen]
impl LeNet5 {
    #[cfg(feature = "full-api")]
    /// `LeNet5.load('classic' | 'modern')`: the network with the weights built into the module.
    pub fn load(variant: JsValue) -> JsResult<LeNet5> {
        const OP: &str = "LeNet5.load";
        let v = variant_arg(OP, &variant)?;
        Ok(LeNet5 {
            net: Network::embedded(v, Backend::default())
                .map_err(|e| core_error(OP, "variant", e))?,
        })
    }

    /// `LeNet5.fromBytes(bytes, variant)`: a network from a weights file (the format of
    /// `src/lenet/weights.rs`); corrupt or truncated bytes throw.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(bytes: JsValue, variant: JsValue) -> JsResult<LeNet5> {
        const OP: &str = "LeNet5.fromBytes";
        let bytes = read_bytes(OP, "bytes", &bytes, MAX_WEIGHTS_BYTES)?;
        let v = variant_arg(OP, &variant)?;
        Ok(LeNet5 {
            net: Network::from_bytes(&bytes, v, Backend::default())
                .map_err(|e| core_error(OP, "bytes", e))?,
        })
    }

    /// `'classic'` or `'modern'`.
    #[wasm_bindgen(getter)]
    pub fn variant(&self) -> String {
        self.net.variant().name().into()
    }

    /// `'tanh'` or `'relu'`.
    #[wasm_bindgen(getter)]
    pub fn activation(&self) -> String {
        self.net.variant().activation_name().into()
    }

    /// `'avg'` or `'max'`.
    #[wasm_bindgen(getter)]
    pub fn pooling(&self) -> String {
        self.net.variant().pool_mode().name().into()
    }

    /// Number of trainable parameters (61,706).
    #[wasm_bindgen(getter, js_name = numParams)]
    pub fn num_params(&self) -> usize {
        self.net.num_params()
    }

    /// `forward(pixels: Float32Array(784))` (28×28 row-major, ink = 1) →
    /// `{probabilities: Float32Array(10), layers: [{name, kind, shape, data, preActivation?}]}`
    /// for input, C1, S2, C3, S4, C5, F6, output.
    pub fn forward(&self, pixels: JsValue) -> JsResult<JsValue> {
        let f = self.run("forward", &pixels, Network::forward)?;
        let out = Object::new();
        set(&out, "probabilities", &floats_to_js(&f.probabilities));
        set(&out, "layers", &layers_to_js(&f));
        Ok(out.into())
    }

    /// `probabilities(pixels)` → `Float32Array(10)`, without the per-layer copies.
    pub fn probabilities(&self, pixels: JsValue) -> JsResult<Float32Array> {
        let p = self.run("probabilities", &pixels, Network::probabilities)?;
        Ok(Float32Array::from(p.as_slice()))
    }

    #[cfg(feature = "lenet-api")]
    /// `predictTta(pixels, {k, shift, rotation, scale, rule, seed})` (every option optional:
    /// K = 8 copies, shift ±1 px, rotation ±10°, scale ±10 %, rule `'mean'` or `'max'`, seed
    /// 0) → `{copies: Float32Array(K·784), probabilities: Float32Array(K·10), combined:
    /// Float32Array(10), digit, rule}`: test-time augmentation of one digit (copy 0 is the
    /// digit itself; see `src/lenet/tta.rs`).
    #[wasm_bindgen(js_name = predictTta)]
    pub fn predict_tta(&self, pixels: JsValue, options: JsValue) -> JsResult<JsValue> {
        const OP: &str = "predictTta";
        let opts = read_options(OP, &options, tta::OPTION_KEYS, 0)?;
        let opts = tta::TtaOptions::from_options(OP, &opts)?;
        let r = self.run(OP, &pixels, |net, p| tta::predict(net, p, &opts))?;
        let out = Object::new();
        set(&out, "copies", &floats_to_js(&r.copies));
        set(&out, "probabilities", &floats_to_js(&r.probabilities));
        set(&out, "combined", &floats_to_js(&r.combined));
        set(&out, "digit", &JsValue::from(r.digit as f64));
        set(&out, "rule", &JsValue::from(opts.rule.name()));
        Ok(out.into())
    }

    #[cfg(feature = "lenet-api")]
    /// `weights()` → `[{name, weight: {data, shape}, bias: {data, shape}}]` for C1, C3, C5, F6,
    /// output; conv kernels `[O, C, KH, KW]`, dense `[out, in]`.
    pub fn weights(&self) -> JsResult<JsValue> {
        let list = Array::new();
        let weights = self
            .net
            .weights()
            .map_err(|e| core_error("weights", "weights", e))?;
        for w in weights {
            let obj = Object::new();
            set(&obj, "name", &JsValue::from(w.name));
            set(&obj, "weight", &tensor_to_js(&w.weight));
            set(&obj, "bias", &tensor_to_js(&w.bias));
            list.push(&obj);
        }
        Ok(list.into())
    }
}

impl LeNet5 {
    /// Runs `work` on this network and argument `pixels` of `op` (784 numbers, checked by
    /// [`pixels_arg`]); a core error names `pixels`.
    fn run<T>(
        &self,
        op: &'static str,
        pixels: &JsValue,
        work: impl FnOnce(&Network, &[f32]) -> Result<T>,
    ) -> JsResult<T> {
        let pixels = pixels_arg(op, pixels)?;
        work(&self.net, &pixels).map_err(|e| core_error(op, "pixels", e))
    }
}

#[cfg(any(feature = "lenet-api", feature = "train"))]
/// `layerSpecs()` → `[{name, kind, shape: [C, H, W], kernel?, stride?, padding?, input,
/// activation}]` for LeNet-5's eight layers (input first; the input entry also carries `side`,
/// `pad`, `paddedSide`, `mean`, `std`); activations of the classic variant (`net.layerSpecs()`
/// gives a network's own). What the pages label and lay out layers with (the training module
/// exports it too, for the training and transfer pages).
#[wasm_bindgen(js_name = layerSpecs)]
pub fn layer_specs() -> JsValue {
    use serde::Serialize;
    crate::lenet::layers::layer_specs(Variant::default())
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

#[cfg(feature = "lenet-api")]
/// `receptiveField(layer, y, x)` → `{size: [h, w], padded: {y0, y1, x0, x1}, regions: [{layer,
/// y0, y1, x0, x1, full}]}`: the unit's field on every layer below, down to `input` (28×28
/// coordinates; half-open ranges, clipped, with the unclipped extent in `full`) and on the
/// 32×32 padded input.
#[wasm_bindgen(js_name = receptiveField)]
pub fn receptive_field(layer: JsValue, y: JsValue, x: JsValue) -> JsResult<JsValue> {
    const OP: &str = "receptiveField";
    let layer = read_string(OP, "layer", &layer, MAX_NAME_CHARS)?;
    let (y, x) = (read_whole(OP, "y", &y, 0)?, read_whole(OP, "x", &x, 0)?);
    let rf = inspect::receptive_field(&layer, y, x)?;
    let obj = Object::new();
    set(&obj, "size", &usizes_to_js(&rf.size));
    set(&obj, "padded", &region_to_js(&rf.padded));
    let regions: Array = rf.regions.iter().map(layer_region_to_js).collect();
    set(&obj, "regions", &regions.into());
    Ok(obj.into())
}

#[cfg(feature = "lenet-api")]
/// `unitsSeeing(y, x)` → `[{layer, y0, y1, x0, x1}]`: for input pixel (y, x), the units of each
/// layer whose receptive field contains it.
#[wasm_bindgen(js_name = unitsSeeing)]
pub fn units_seeing(y: JsValue, x: JsValue) -> JsResult<JsValue> {
    const OP: &str = "unitsSeeing";
    let (y, x) = (read_whole(OP, "y", &y, 0)?, read_whole(OP, "x", &x, 0)?);
    let list = inspect::units_seeing(y, x)?;
    let arr: Array = list.iter().map(layer_region_to_js).collect();
    Ok(arr.into())
}

/// `preprocessDigit(rgba: Uint8ClampedArray, width, height)` → `Float32Array(784)` (an
/// MNIST-like 28×28 digit, ink = 1), or `null` when nothing is drawn.
#[wasm_bindgen(js_name = preprocessDigit)]
pub fn preprocess_digit_js(rgba: JsValue, width: JsValue, height: JsValue) -> JsResult<JsValue> {
    const OP: &str = "preprocessDigit";
    let w = read_whole(OP, "width", &width, 1)?;
    let h = read_whole(OP, "height", &height, 1)?;
    // More bytes than the canvas has are refused before they are copied.
    let need = w.saturating_mul(h).saturating_mul(4);
    let rgba = read_bytes(OP, "rgba", &rgba, need.min(MAX_RGBA_BYTES)).map_err(|e| {
        if e.code == Code::TooLarge && need <= MAX_RGBA_BYTES {
            e.with_code(Code::ShapeMismatch).with_expected(need)
        } else {
            e
        }
    })?;
    match preprocess_digit(&rgba, w, h)? {
        Digit::Pixels(p) => Ok(Float32Array::from(p.as_slice()).into()),
        Digit::Empty => Ok(JsValue::NULL),
    }
}

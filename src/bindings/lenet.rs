//! LeNet-5 for the page: the `LeNet5` class, layer specs, receptive fields and digit
//! preprocessing. Conversions only; the work is in [`crate::lenet::inspect`] and
//! [`crate::data::preprocess`].

use js_sys::{Array, Float32Array, Object, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::{js_err, numbers, set, tensor_to_js, type_name};
use crate::backend::Backend;
use crate::data::preprocess::{Digit, preprocess_digit};
use crate::lenet::Variant;
use crate::lenet::inspect::{self, LayerRegion, Network};
use crate::ops::receptive_field::Region;

fn region_to_js(r: &Region) -> JsValue {
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

/// Reads a `Float32Array` (or array of numbers) argument, naming it when it is something else.
fn f32_arg(op: &'static str, param: &str, v: &JsValue) -> Result<Vec<f32>, JsError> {
    numbers(v)
        .map(|n| n.into_iter().map(|x| x as f32).collect())
        .map_err(|e| {
            JsError::new(&format!(
                "{op}: invalid `{param}`: expected a Float32Array, {}",
                e.describe()
            ))
        })
}

/// Reads a string argument, naming it when it is something else (a `&str` parameter would let
/// wasm-bindgen's glue pass non-strings straight to the allocator).
fn str_arg(op: &'static str, param: &str, v: &JsValue) -> Result<String, JsError> {
    v.as_string().filter(|s| s.len() <= 64).ok_or_else(|| {
        JsError::new(&format!(
            "{op}: invalid `{param}`: expected a short string, got {}",
            type_name(v)
        ))
    })
}

/// Reads a byte-array argument (`Uint8ClampedArray`, `Uint8Array`, `ArrayBuffer`).
fn bytes_arg(op: &'static str, param: &str, v: &JsValue) -> Result<Vec<u8>, JsError> {
    // 64 MiB: a 4096×4096 RGBA canvas; checked before copying.
    const MAX_BYTES: u32 = 1 << 26;
    let len = Reflect::get(v, &"byteLength".into())
        .ok()
        .and_then(|l| l.as_f64())
        .unwrap_or(0.0);
    if len > MAX_BYTES as f64 {
        return Err(JsError::new(&format!(
            "{op}: invalid `{param}`: {len} bytes, more than the {MAX_BYTES} allowed"
        )));
    }
    if let Some(a) = v.dyn_ref::<js_sys::Uint8ClampedArray>() {
        Ok(a.to_vec())
    } else if let Some(a) = v.dyn_ref::<js_sys::Uint8Array>() {
        Ok(a.to_vec())
    } else if let Some(b) = v.dyn_ref::<js_sys::ArrayBuffer>() {
        Ok(js_sys::Uint8Array::new(b).to_vec())
    } else {
        Err(JsError::new(&format!(
            "{op}: invalid `{param}`: expected a Uint8ClampedArray, Uint8Array or ArrayBuffer, got {}",
            type_name(v)
        )))
    }
}

fn index_arg(op: &'static str, param: &str, v: f64) -> Result<usize, JsError> {
    crate::params::to_int(op, param, v, 0).map_err(|e| js_err(e.into()))
}

/// A trained LeNet-5 (classic: tanh + average pooling; modern: ReLU + max pooling) whose every
/// layer is open to the page.
#[wasm_bindgen]
pub struct LeNet5 {
    pub(crate) net: Network,
}

#[wasm_bindgen]
impl LeNet5 {
    /// `LeNet5.load('classic' | 'modern')`: the network with the weights built into the module.
    pub fn load(variant: JsValue) -> Result<LeNet5, JsError> {
        let variant = str_arg("LeNet5.load", "variant", &variant)?;
        let v = Variant::parse(&variant).ok_or_else(|| {
            JsError::new(&format!(
                "LeNet5.load: invalid `variant`: expected 'classic' or 'modern', got {variant:?}"
            ))
        })?;
        Ok(LeNet5 {
            net: Network::embedded(v, Backend::default()).map_err(js_err)?,
        })
    }

    /// `LeNet5.fromBytes(bytes, variant)`: a network from a weights file (the format of
    /// `src/weights.rs`); corrupt or truncated bytes throw.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(bytes: JsValue, variant: JsValue) -> Result<LeNet5, JsError> {
        let bytes = bytes_arg("LeNet5.fromBytes", "bytes", &bytes)?;
        let variant = str_arg("LeNet5.fromBytes", "variant", &variant)?;
        let v = Variant::parse(&variant).ok_or_else(|| {
            JsError::new(&format!("LeNet5.fromBytes: invalid `variant`: expected 'classic' or 'modern', got {variant:?}"))
        })?;
        Ok(LeNet5 {
            net: Network::from_bytes(&bytes, v, Backend::default()).map_err(js_err)?,
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
    pub fn forward(&self, pixels: JsValue) -> Result<JsValue, JsError> {
        let pixels = f32_arg("forward", "pixels", &pixels)?;
        let f = self.net.forward(&pixels).map_err(js_err)?;
        let layers = Array::new();
        for l in &f.layers {
            let obj = Object::new();
            set(&obj, "name", &JsValue::from(l.name));
            set(&obj, "kind", &JsValue::from(l.kind.name()));
            let shape: Array = l.shape.iter().map(|&d| JsValue::from(d as f64)).collect();
            set(&obj, "shape", &shape.into());
            set(&obj, "data", &Float32Array::from(l.data.as_slice()).into());
            if let Some(pre) = &l.pre_activation {
                set(
                    &obj,
                    "preActivation",
                    &Float32Array::from(pre.as_slice()).into(),
                );
            }
            layers.push(&obj);
        }
        let out = Object::new();
        set(
            &out,
            "probabilities",
            &Float32Array::from(f.probabilities.as_slice()).into(),
        );
        set(&out, "layers", &layers.into());
        Ok(out.into())
    }

    /// `probabilities(pixels)` → `Float32Array(10)`, without the per-layer copies.
    pub fn probabilities(&self, pixels: JsValue) -> Result<Float32Array, JsError> {
        let pixels = f32_arg("probabilities", "pixels", &pixels)?;
        let p = self.net.probabilities(&pixels).map_err(js_err)?;
        Ok(Float32Array::from(p.as_slice()))
    }

    /// `weights()` → `[{name, weight: {data, shape}, bias: {data, shape}}]` for C1, C3, C5, F6,
    /// output; conv kernels `[O, C, KH, KW]`, dense `[out, in]`.
    pub fn weights(&self) -> Result<JsValue, JsError> {
        let list = Array::new();
        for w in self.net.weights().map_err(js_err)? {
            let obj = Object::new();
            set(&obj, "name", &JsValue::from(w.name));
            set(&obj, "weight", &tensor_to_js(&w.weight));
            set(&obj, "bias", &tensor_to_js(&w.bias));
            list.push(&obj);
        }
        Ok(list.into())
    }
}

/// `layerSpecs()` → `[{name, kind, shape: [C, H, W], kernel?, stride?, padding?, input,
/// activation}]` for LeNet-5's eight layers (input first; the input entry also carries `side`,
/// `pad`, `paddedSide`, `mean`, `std`); activations of the classic variant (`net.layerSpecs()`
/// gives a network's own). What the page labels and lays out layers with.
#[wasm_bindgen(js_name = layerSpecs)]
pub fn layer_specs() -> JsValue {
    use serde::Serialize;
    crate::lenet::layers::layer_specs(Variant::default())
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

/// `receptiveField(layer, y, x)` → `{size: [h, w], padded: {y0, y1, x0, x1}, regions: [{layer,
/// y0, y1, x0, x1, full}]}`: the unit's field on every layer below, down to `input` (28×28
/// coordinates; half-open ranges, clipped, with the unclipped extent in `full`) and on the
/// 32×32 padded input.
#[wasm_bindgen(js_name = receptiveField)]
pub fn receptive_field(layer: JsValue, y: f64, x: f64) -> Result<JsValue, JsError> {
    const OP: &str = "receptiveField";
    let layer = str_arg(OP, "layer", &layer)?;
    let rf = inspect::receptive_field(&layer, index_arg(OP, "y", y)?, index_arg(OP, "x", x)?)
        .map_err(|e| js_err(e.into()))?;
    let obj = Object::new();
    let size: Array = rf.size.iter().map(|&d| JsValue::from(d as f64)).collect();
    set(&obj, "size", &size.into());
    set(&obj, "padded", &region_to_js(&rf.padded));
    let regions: Array = rf.regions.iter().map(layer_region_to_js).collect();
    set(&obj, "regions", &regions.into());
    Ok(obj.into())
}

/// `unitsSeeing(y, x)` → `[{layer, y0, y1, x0, x1}]`: for input pixel (y, x), the units of each
/// layer whose receptive field contains it.
#[wasm_bindgen(js_name = unitsSeeing)]
pub fn units_seeing(y: f64, x: f64) -> Result<JsValue, JsError> {
    const OP: &str = "unitsSeeing";
    let list = inspect::units_seeing(index_arg(OP, "y", y)?, index_arg(OP, "x", x)?)
        .map_err(|e| js_err(e.into()))?;
    let arr: Array = list.iter().map(layer_region_to_js).collect();
    Ok(arr.into())
}

/// `preprocessDigit(rgba: Uint8ClampedArray, width, height)` → `Float32Array(784)` (an
/// MNIST-like 28×28 digit, ink = 1), or `null` when nothing is drawn.
#[wasm_bindgen(js_name = preprocessDigit)]
pub fn preprocess_digit_js(rgba: JsValue, width: f64, height: f64) -> Result<JsValue, JsError> {
    const OP: &str = "preprocessDigit";
    let rgba = bytes_arg(OP, "rgba", &rgba)?;
    let w = crate::params::to_int(OP, "width", width, 1).map_err(|e| js_err(e.into()))?;
    let h = crate::params::to_int(OP, "height", height, 1).map_err(|e| js_err(e.into()))?;
    match preprocess_digit(&rgba, w, h).map_err(|e| js_err(e.into()))? {
        Digit::Pixels(p) => Ok(Float32Array::from(p.as_slice()).into()),
        Digit::Empty => Ok(JsValue::NULL),
    }
}

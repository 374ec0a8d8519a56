//! The training module's `Trainer` class (feature `train`; built into `pkg-train/` only, so
//! the student page never downloads it). Conversions only: the work is in
//! [`crate::train::Trainer`]. Every argument and setting is checked before burn runs, and
//! errors are JS `Error`s with `op`, `param` and `code` like the rest of the API.

use js_sys::{Float32Array, Object, Uint8Array};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::convert::{
    JsResult, PlainLimits, core_error, get, kind, object_keys, optional, read_bytes, read_f32s,
    read_plain, read_string, read_whole, set, tensor_to_js, to_plain_js,
};
use super::lenet::MAX_WEIGHTS_BYTES;
use crate::data::augment::Augment;
use crate::data::rng::Rng;
use crate::error::{Code, ParamError, Result};
use crate::lenet::IMAGE_PIXELS;
use crate::tensor::HostTensor;
use crate::train::config::OP;
use crate::train::{Dataset, Init, TrainConfig, Trainer as Core};

/// Most images per set (MNIST's whole training set is 60,000); checked before copying.
const MAX_IMAGES: usize = 70_000;
/// Bounds on the config object (it has about 40 values).
const CONFIG_LIMITS: PlainLimits = PlainLimits {
    depth: 4,
    values: 256,
    chars: 4096,
};

/// `{a: {b: leaf}}` for `path` `[a, b]`.
fn wrap(path: &[String], leaf: JsValue) -> JsValue {
    path.iter().rev().fold(leaf, |inner, key| {
        let o = Object::new();
        set(&o, key, &inner);
        o.into()
    })
}

/// Removes `null` values from plain object `obj` and the objects in it: a `null` setting
/// means its default, as `undefined` does (and as options elsewhere in the API).
fn drop_nulls(obj: &JsValue) {
    let Ok(keys) = object_keys(OP, "config", "an object", obj, 256, &|_| String::new()) else {
        return;
    };
    for key in keys {
        match get(obj, &key) {
            Some(v) if v.is_null() => {
                let target: &Object = obj.unchecked_ref();
                let _ = js_sys::Reflect::delete_property(target, &JsValue::from(key));
            }
            Some(v) if kind(&v) == "object" => drop_nulls(&v),
            _ => {}
        }
    }
}

/// The first key of plain object `obj` that `defaults` (the settings' defaults as plain data)
/// does not have, as a dotted path; nested objects are compared key by key. (serde's
/// `deny_unknown_fields` cannot see them: serde-wasm-bindgen reads only the known keys.)
fn unknown_key(obj: &JsValue, defaults: &JsValue, path: &mut Vec<String>) -> Option<String> {
    let keys = object_keys(OP, "config", "an object", obj, 256, &|_| String::new()).ok()?;
    for key in keys {
        path.push(key.clone());
        let known = js_sys::Reflect::has(defaults, &JsValue::from(key.as_str())).unwrap_or(false);
        if !known {
            return Some(path.join("."));
        }
        if let (Some(v), Some(d)) = (get(obj, &key), get(defaults, &key))
            && kind(&v) == "object"
            && kind(&d) == "object"
            && let Some(found) = unknown_key(&v, &d, path)
        {
            return Some(found);
        }
        path.pop();
    }
    None
}

/// The first setting of plain object `obj` (at `path`) that serde refuses on its own:
/// (dotted name, its value, serde's reason).
fn find_bad<T: DeserializeOwned>(
    obj: &JsValue,
    path: &mut Vec<String>,
) -> Option<(String, JsValue, String)> {
    let keys = object_keys(OP, "config", "an object", obj, 256, &|_| String::new()).ok()?;
    for key in keys {
        let v = get(obj, &key)?;
        path.push(key);
        if let Err(e) = serde_wasm_bindgen::from_value::<T>(wrap(path, v.clone())) {
            if kind(&v) == "object"
                && let Some(found) = find_bad::<T>(&v, path)
            {
                return Some(found);
            }
            return Some((path.join("."), v, e.to_string()));
        }
        path.pop();
    }
    None
}

/// Reads settings object `v` of `op` (`undefined`/`null`: all defaults; a `null` setting: its
/// default); an unknown or ill-typed setting names itself, after `prefix` (`param` `'lr'`,
/// `'schedule.kind'`, `'augment.shift'`, …).
pub(super) fn read_settings<T: DeserializeOwned + Serialize + Default>(
    op: &'static str,
    name: &str,
    prefix: &str,
    v: &JsValue,
) -> Result<T, ParamError> {
    if v.is_undefined() || v.is_null() {
        return Ok(T::default());
    }
    if kind(v) != "object" {
        let k = kind(v);
        return Err(
            ParamError::new(op, name, format!("expected an object, got {k}"))
                .with_code(Code::WrongType)
                .with_got(k),
        );
    }
    let plain = read_plain(op, name, v, &CONFIG_LIMITS)?;
    drop_nulls(&plain);
    let defaults = to_plain_js(op, &T::default()).unwrap_or(JsValue::NULL);
    if let Some(key) = unknown_key(&plain, &defaults, &mut Vec::new()) {
        return Err(
            ParamError::new(op, format!("{prefix}{key}"), "not a known setting")
                .with_code(Code::UnknownOption)
                .with_got(key),
        );
    }
    match serde_wasm_bindgen::from_value::<T>(plain.clone()) {
        Ok(c) => Ok(c),
        Err(e) => {
            let (param, value, why) = find_bad::<T>(&plain, &mut Vec::new())
                .map(|(p, v, w)| (format!("{prefix}{p}"), v, w))
                .unwrap_or_else(|| (name.into(), plain, e.to_string()));
            // serde-wasm-bindgen's messages start with "Error: ".
            let why = why.strip_prefix("Error: ").unwrap_or(&why).to_string();
            let k = kind(&value);
            let code = if why.starts_with("unknown field") {
                Code::UnknownOption
            } else if k == "number" || why.starts_with("unknown variant") {
                Code::InvalidValue
            } else if why.contains("expected f") || why.contains("expected u") {
                Code::NotANumber
            } else {
                Code::WrongType
            };
            Err(ParamError::new(op, param, why).with_code(code).with_got(k))
        }
    }
}

/// `step(n)` of a resumable run (`Trainer`, `Transfer`): `n` a whole number >= 1, `step`'s
/// report as plain data; a core error names `n`.
pub(super) fn run_steps<M: Serialize>(
    op: &'static str,
    n: &JsValue,
    step: impl FnOnce(usize) -> Result<M>,
) -> JsResult<JsValue> {
    let n = read_whole(op, "n", n, 1)?;
    let m = step(n).map_err(|e| core_error(op, "n", e))?;
    to_plain_js(op, &m)
}

/// Reads one image set: `n · 784` pixel bytes and `n` label bytes.
fn read_set(px: &JsValue, lb: &JsValue, name: &str) -> Result<Dataset, ParamError> {
    let pixels = read_bytes(OP, &format!("{name}Pixels"), px, MAX_IMAGES * IMAGE_PIXELS)?;
    let labels = read_bytes(OP, &format!("{name}Labels"), lb, MAX_IMAGES)?;
    Dataset::new(pixels, labels, name)
}

/// LeNet-5 training in the browser (see README "Training"): seeded, resumable batch by batch.
#[wasm_bindgen]
pub struct Trainer {
    core: Core,
}

#[wasm_bindgen]
impl Trainer {
    /// `new Trainer(config, trainPixels, trainLabels, valPixels, valLabels, initWeights?)`:
    /// pixels are `Uint8Array`s of 28×28 bytes per image (0 background … 255 ink), labels one
    /// byte per image; `initWeights` a weights file of the configured variant (else a seeded
    /// random start).
    #[wasm_bindgen(constructor)]
    pub fn new(
        config: JsValue,
        train_pixels: JsValue,
        train_labels: JsValue,
        val_pixels: JsValue,
        val_labels: JsValue,
        init_weights: JsValue,
    ) -> JsResult<Trainer> {
        let config = read_settings::<TrainConfig>(OP, "config", "", &config)?;
        let train = read_set(&train_pixels, &train_labels, "train")?;
        let val = read_set(&val_pixels, &val_labels, "val")?;
        let init = optional(&init_weights, |v| {
            read_bytes(OP, "initWeights", v, MAX_WEIGHTS_BYTES)
        })?
        .map_or(Init::Scratch, Init::Weights);
        let core =
            Core::new(config, train, val, init).map_err(|e| core_error(OP, "initWeights", e))?;
        Ok(Trainer { core })
    }

    /// `Trainer.defaults()`: the default config (every setting).
    pub fn defaults() -> JsResult<JsValue> {
        to_plain_js("Trainer.defaults", &TrainConfig::default())
    }

    /// `config()`: this trainer's config with every default filled in.
    pub fn config(&self) -> JsResult<JsValue> {
        to_plain_js("Trainer.config", self.core.config())
    }

    /// `step(n)`: trains up to `n` batches → `{batches, images, loss, accuracy, lr, epoch,
    /// batch, batchesPerEpoch, imagesSeen, finished, events: [{type, …}]}`.
    pub fn step(&mut self, n: JsValue) -> JsResult<JsValue> {
        run_steps("Trainer.step", &n, |n| self.core.step(n))
    }

    /// `evaluate()` → `{loss, accuracy, confusion: number[10][10] (row: true class), images}`
    /// on the validation set.
    pub fn evaluate(&self) -> JsResult<JsValue> {
        const EVAL: &str = "Trainer.evaluate";
        let m = self
            .core
            .evaluate()
            .map_err(|e| core_error(EVAL, "validation", e))?;
        to_plain_js(EVAL, &m)
    }

    /// `encode()` → `Uint8Array`: the weights file `LeNet5.fromBytes(bytes, variant)` reads
    /// (batch norm folded in, f16).
    pub fn encode(&self) -> JsResult<Uint8Array> {
        let bytes = self
            .core
            .encode()
            .map_err(|e| core_error("Trainer.encode", "weights", e))?;
        Ok(Uint8Array::from(bytes.as_slice()))
    }

    /// `filters(layer)` → `{weight: {data, shape}, bias: {data, shape}}` of `'C1'`, `'C3'`,
    /// `'C5'`, `'F6'` or `'output'` as inference uses them (conv `[O, C, KH, KW]`, dense
    /// `[out, in]`).
    pub fn filters(&self, layer: JsValue) -> JsResult<JsValue> {
        const FILTERS: &str = "Trainer.filters";
        let layer = read_string(FILTERS, "layer", &layer, 64)?;
        let (w, shape, b) = self
            .core
            .weights_of(&layer)
            .map_err(|e| core_error(FILTERS, "layer", e))?;
        let obj = Object::new();
        let n = b.len();
        set(&obj, "weight", &tensor_to_js(&HostTensor::new(w, shape)));
        set(&obj, "bias", &tensor_to_js(&HostTensor::new(b, vec![n])));
        Ok(obj.into())
    }

    /// `lastBatch()` → `{pixels: Float32Array(k·784), labels: Uint8Array(k)}`: the first
    /// k ≤ 16 images of the last training batch exactly as the network saw them (augmented,
    /// ink in [0, 1], 28×28 row-major); k = 0 before the first step.
    #[wasm_bindgen(js_name = lastBatch)]
    pub fn last_batch(&self) -> JsValue {
        let (pixels, labels) = self.core.last_batch();
        let obj = Object::new();
        set(&obj, "pixels", &Float32Array::from(pixels).into());
        set(&obj, "labels", &Uint8Array::from(labels).into());
        obj.into()
    }

    /// `Trainer.augment(pixels, augment, seed)` → `Float32Array`: each 28×28 image of `pixels`
    /// (`Float32Array` of k·784 values, ink in [0, 1], k ≤ 256) augmented as training does
    /// with settings `augment` (`{rotation, shift, scale, elastic, elasticSigma, noise}`, the
    /// config's `augment`), one seeded random stream for all k images.
    pub fn augment(pixels: JsValue, augment: JsValue, seed: JsValue) -> JsResult<Float32Array> {
        const AUG: &str = "Trainer.augment";
        let a = read_settings::<Augment>(AUG, "augment", "", &augment)?;
        a.validate(AUG, "")?;
        let seed = read_whole(AUG, "seed", &seed, 0)?;
        let pixels = read_f32s(AUG, "pixels", &pixels, 256 * IMAGE_PIXELS)?;
        if pixels.is_empty() || !pixels.len().is_multiple_of(IMAGE_PIXELS) {
            return Err(ParamError::new(
                AUG,
                "pixels",
                format!(
                    "expected k·{IMAGE_PIXELS} values (28×28 per image), got {}",
                    pixels.len()
                ),
            )
            .with_code(Code::ShapeMismatch)
            .with_got(pixels.len())
            .into());
        }
        let mut rng = Rng::new(seed as u64);
        let out: Vec<f32> = pixels
            .chunks_exact(IMAGE_PIXELS)
            .flat_map(|p| a.apply(p, &mut rng))
            .collect();
        Ok(Float32Array::from(out.as_slice()))
    }

    /// Batches per epoch.
    #[wasm_bindgen(getter, js_name = batchesPerEpoch)]
    pub fn batches_per_epoch(&self) -> usize {
        self.core.batches_per_epoch()
    }

    /// Whether training is over (last epoch, or early stopping).
    #[wasm_bindgen(getter)]
    pub fn finished(&self) -> bool {
        self.core.is_finished()
    }
}

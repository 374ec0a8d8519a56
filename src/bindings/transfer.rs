//! The training module's transfer-learning classes (feature `train`, `pkg-train/` only):
//! `Transfer` (one method on one task, step by step), `AdaptedNet` (an exported network) and
//! `TransferExperiment` (accuracy vs examples per class; the alphabets: [`super::alphabet`]). Conversions only: the work is in [`crate::train::transfer`] and its siblings. The
//! contract the page is written against: `/work/coord/transfer-api.md` (README "Transfer
//! learning" summarises it).

use js_sys::{Object, Uint8Array};
use wasm_bindgen::prelude::*;

use super::alphabet::AlphabetSet;
use super::convert::{
    JsResult, PlainLimits, core_error, floats_to_js, optional, read_bytes, read_f32s, read_file,
    read_plain, set, strings_to_js, to_plain_js,
};
use super::lenet::{MAX_WEIGHTS_BYTES, layers_to_js};
use super::train::{read_settings, run_steps};
use crate::error::{Code, Error, ParamError};
use crate::lenet::IMAGE_PIXELS;
use crate::train::transfer::Transfer as Core;
use crate::train::transfer_config::{OP, TransferConfig};
use crate::train::transfer_experiment::{Experiment, ExperimentSettings};
use crate::train::transfer_file::{AdaptedNet as CoreNet, Prediction};
use crate::train::transfer_task::{MAX_CLASSES, MAX_EXAMPLES, MAX_NAME_CHARS, Task};

/// Most images per `evaluate` call.
const MAX_EVAL_IMAGES: usize = 10_000;

/// `{probabilities, classes, top, layers}`: `layers` as `LeNet5.forward` reports them.
fn prediction_to_js(p: &Prediction, classes: &[String]) -> JsValue {
    let out = Object::new();
    set(&out, "probabilities", &floats_to_js(&p.probabilities));
    set(&out, "classes", &strings_to_js(classes));
    set(&out, "top", &JsValue::from(p.top as f64));
    set(&out, "layers", &layers_to_js(&p.forward));
    out.into()
}

/// Reads `classNames`: an array of at most 10 strings (checked further by the core).
fn read_class_names(op: &'static str, v: &JsValue) -> Result<Vec<String>, ParamError> {
    let limits = PlainLimits {
        depth: 1,
        values: MAX_CLASSES + 2,
        chars: (MAX_CLASSES + 1) * MAX_NAME_CHARS * 4,
    };
    let plain = read_plain(op, "classNames", v, &limits).map_err(|e| {
        if e.code == Code::TooLarge {
            ParamError::new(
                op,
                "classNames",
                format!("expected at most {MAX_CLASSES} classes"),
            )
            .with_code(Code::TooManyClasses)
            .with_limit(MAX_CLASSES)
        } else {
            e
        }
    })?;
    serde_wasm_bindgen::from_value::<Vec<String>>(plain).map_err(|_| {
        ParamError::new(op, "classNames", "expected an array of strings").with_code(Code::WrongType)
    })
}

fn images_arg(op: &'static str, param: &str, v: &JsValue, max: usize) -> JsResult<Vec<f32>> {
    Ok(read_f32s(op, param, v, max * IMAGE_PIXELS)?)
}

/// Transfer learning from the MNIST-trained LeNet-5 to new classes, step by step.
#[wasm_bindgen]
pub struct Transfer {
    core: Core,
}

#[wasm_bindgen]
impl Transfer {
    /// `new Transfer(config, baseWeights, classNames, pixels, labels)`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        config: JsValue,
        base_weights: JsValue,
        class_names: JsValue,
        pixels: JsValue,
        labels: JsValue,
    ) -> JsResult<Transfer> {
        let config = read_settings::<TransferConfig>(OP, "config", "", &config)?;
        let names = read_class_names(OP, &class_names)?;
        let pixels = images_arg(OP, "pixels", &pixels, MAX_EXAMPLES)?;
        let labels = read_bytes(OP, "labels", &labels, MAX_EXAMPLES)?;
        let task = Task::new(&names, pixels, labels)?;
        let base = optional(&base_weights, |v| {
            read_bytes(OP, "baseWeights", v, MAX_WEIGHTS_BYTES)
        })?;
        let core = Core::new(config, base.as_deref(), task)
            .map_err(|e| core_error(OP, "baseWeights", e))?;
        Ok(Transfer { core })
    }

    /// `Transfer.defaults()`: every setting's default.
    pub fn defaults() -> JsResult<JsValue> {
        to_plain_js("Transfer.defaults", &TransferConfig::default())
    }

    /// `config()`: this run's settings, defaults filled in.
    pub fn config(&self) -> JsResult<JsValue> {
        to_plain_js("Transfer.config", self.core.config())
    }

    /// `step(n)` → `{steps, loss, accuracy, lr, stage, stageStep, stageSteps, stepsDone,
    /// totalSteps, finished, frozen, events}`.
    pub fn step(&mut self, n: JsValue) -> JsResult<JsValue> {
        run_steps("Transfer.step", &n, |n| self.core.step(n))
    }

    /// `'head' | 'fineTune' | 'scratch' | 'done'`.
    #[wasm_bindgen(getter)]
    pub fn stage(&self) -> JsResult<JsValue> {
        to_plain_js("Transfer.stage", &self.core.stage())
    }

    #[wasm_bindgen(getter)]
    pub fn finished(&self) -> bool {
        self.core.is_finished()
    }

    /// `frozen()` → the frozen layers now, of `['C1', 'C3', 'C5', 'F6']`.
    pub fn frozen(&self) -> JsValue {
        strings_to_js(&self.core.frozen())
    }

    /// `procedure()` → the lecture's fine-tuning steps as `[{step, done}]` (1 new head,
    /// 2 base frozen, 3 head trained, 4 top unfrozen, 5 trained together, 6 small learning
    /// rate); feature extraction has steps 1–3, from scratch none.
    pub fn procedure(&self) -> JsResult<JsValue> {
        to_plain_js("Transfer.procedure", &self.core.procedure())
    }

    #[wasm_bindgen(getter)]
    pub fn classes(&self) -> JsValue {
        strings_to_js(self.core.classes())
    }

    /// `evaluate(pixels, labels)` → `{loss, accuracy, confusion: number[n][n], images}`.
    pub fn evaluate(&self, pixels: JsValue, labels: JsValue) -> JsResult<JsValue> {
        const EVAL: &str = "Transfer.evaluate";
        let pixels = images_arg(EVAL, "pixels", &pixels, MAX_EVAL_IMAGES)?;
        let labels = read_bytes(EVAL, "labels", &labels, MAX_EVAL_IMAGES)?;
        let m = self
            .core
            .evaluate(&pixels, &labels)
            .map_err(|e| core_error(EVAL, "pixels", e))?;
        to_plain_js(EVAL, &m)
    }

    /// `predict(pixels: Float32Array(784))` → `{probabilities, classes, top, layers}`.
    pub fn predict(&self, pixels: JsValue) -> JsResult<JsValue> {
        self.adapted()?.predict(pixels)
    }

    /// `adapted()` → an `AdaptedNet` holding the current network.
    pub fn adapted(&self) -> JsResult<AdaptedNet> {
        let net = self
            .core
            .adapted()
            .map_err(|e| core_error("Transfer.adapted", "network", e))?;
        Ok(AdaptedNet { core: net })
    }

    /// `toBytes()` → `Uint8Array`: the adapted network's file ("CSXF").
    #[wasm_bindgen(js_name = toBytes)]
    pub fn to_bytes(&self) -> JsResult<Uint8Array> {
        self.adapted()?.to_bytes()
    }
}

/// An adapted network: the new classes' probabilities for a drawing.
#[wasm_bindgen]
pub struct AdaptedNet {
    core: CoreNet,
}

#[wasm_bindgen]
impl AdaptedNet {
    /// `AdaptedNet.fromBytes(bytes)`: a file `Transfer.toBytes()` wrote.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(bytes: JsValue) -> JsResult<AdaptedNet> {
        const FROM: &str = "AdaptedNet.fromBytes";
        let core = read_file(FROM, &bytes, MAX_WEIGHTS_BYTES, |b| {
            CoreNet::from_bytes(FROM, b)
        })?;
        Ok(AdaptedNet { core })
    }

    #[wasm_bindgen(getter)]
    pub fn classes(&self) -> JsValue {
        strings_to_js(self.core.classes())
    }

    /// `'classic'` or `'modern'`.
    #[wasm_bindgen(getter)]
    pub fn variant(&self) -> String {
        self.core.variant().name().into()
    }

    /// `predict(pixels: Float32Array(784))` → `{probabilities: Float32Array(n), classes, top,
    /// layers}`; a blank drawing throws `blank_drawing`.
    pub fn predict(&self, pixels: JsValue) -> JsResult<JsValue> {
        const PREDICT: &str = "predict";
        let pixels = read_f32s(PREDICT, "pixels", &pixels, IMAGE_PIXELS)?;
        let p = self
            .core
            .predict(PREDICT, &pixels)
            .map_err(|e| core_error(PREDICT, "pixels", e))?;
        Ok(prediction_to_js(&p, self.core.classes()))
    }

    /// `toBytes()` → `Uint8Array` ("CSXF": the weights file plus the class labels).
    #[wasm_bindgen(js_name = toBytes)]
    pub fn to_bytes(&self) -> JsResult<Uint8Array> {
        let bytes = self
            .core
            .to_bytes()
            .map_err(|e| core_error("toBytes", "network", e))?;
        Ok(Uint8Array::from(bytes.as_slice()))
    }
}

/// Accuracy vs examples per class for the three methods on one demo alphabet.
#[wasm_bindgen]
pub struct TransferExperiment {
    core: Experiment,
}

#[wasm_bindgen]
impl TransferExperiment {
    /// `new TransferExperiment(settings, baseWeights, set, alphabetId)`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        settings: JsValue,
        base_weights: JsValue,
        set: &AlphabetSet,
        alphabet_id: JsValue,
    ) -> JsResult<TransferExperiment> {
        const NEW: &str = "TransferExperiment";
        let settings = read_settings::<ExperimentSettings>(NEW, "settings", "", &settings)?;
        let base = read_bytes(NEW, "baseWeights", &base_weights, MAX_WEIGHTS_BYTES)?;
        let alphabet = set.alphabet(NEW, &alphabet_id)?.clone();
        let core = Experiment::new(settings, base, alphabet).map_err(|e| match e {
            Error::Param(p) => JsValue::from(p),
            e => core_error(NEW, "baseWeights", e),
        })?;
        Ok(TransferExperiment { core })
    }

    /// `runNext()` → `{done, cell: {method, shots, seed, accuracy} | null, completed, total}`.
    #[wasm_bindgen(js_name = runNext)]
    pub fn run_next(&mut self) -> JsResult<JsValue> {
        const RUN: &str = "TransferExperiment.runNext";
        let cell = self
            .core
            .run_next()
            .map_err(|e| core_error(RUN, "baseWeights", e))?;
        let obj = Object::new();
        let done = self.core.completed() == self.core.total();
        set(&obj, "done", &JsValue::from(done));
        let cell = match &cell {
            Some(c) => to_plain_js(RUN, c)?,
            None => JsValue::NULL,
        };
        set(&obj, "cell", &cell);
        set(
            &obj,
            "completed",
            &JsValue::from(self.core.completed() as f64),
        );
        set(&obj, "total", &JsValue::from(self.core.total() as f64));
        Ok(obj.into())
    }

    /// `table()` → `{shots, seeds, methods, mean: (number|null)[][], bySeed}`.
    pub fn table(&self) -> JsResult<JsValue> {
        to_plain_js("TransferExperiment.table", &self.core.table())
    }
}

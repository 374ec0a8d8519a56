//! The training module's demo alphabets (feature `train`, `pkg-train/` only): the
//! `AlphabetSet` class, its images and its seeded train/test splits for transfer learning.
//! Conversions only: the work is in [`crate::data::alphabet`]. The contract the page is
//! written against: `/work/coord/transfer-api.md` (README "Transfer learning").

use js_sys::{Array, Float32Array, Object, Uint8Array};
use wasm_bindgen::prelude::*;

use super::convert::{
    JsResult, floats_to_js, optional, read_file, read_string, read_whole, set, strings_to_js,
};
use crate::data::alphabet::{Alphabet, AlphabetSet as CoreSet};
use crate::error::ParamError;

/// Largest alphabet file accepted (the demo set is 2.4 MB before gzip).
const MAX_ALPHABET_BYTES: usize = 64 << 20;

/// The built-in demo alphabets (`www/assets/alphabets.bin.gz`, inflated).
#[wasm_bindgen]
pub struct AlphabetSet {
    core: CoreSet,
}

impl AlphabetSet {
    /// The alphabet argument `id` of `op` names.
    pub(super) fn alphabet(&self, op: &'static str, id: &JsValue) -> JsResult<&Alphabet> {
        let id = read_string(op, "id", id, 64)?;
        self.core.get(&id).ok_or_else(|| {
            let ids: Vec<&str> = self.core.alphabets.iter().map(|a| a.id.as_str()).collect();
            ParamError::new(
                op,
                "id",
                format!("no alphabet {id:?} (have {})", ids.join(", ")),
            )
            .with_expected(ids)
            .with_got(id.as_str())
            .into()
        })
    }
}

#[wasm_bindgen]
impl AlphabetSet {
    /// `AlphabetSet.fromBytes(bytes)`: the "CSAB" file after gzip inflation.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(bytes: JsValue) -> JsResult<AlphabetSet> {
        let core = read_file(
            "AlphabetSet.fromBytes",
            &bytes,
            MAX_ALPHABET_BYTES,
            CoreSet::decode,
        )?;
        Ok(AlphabetSet { core })
    }

    /// `alphabets()` → `[{id, name, classes, perClass}]`.
    pub fn alphabets(&self) -> JsValue {
        let list = Array::new();
        for a in &self.core.alphabets {
            let obj = Object::new();
            set(&obj, "id", &JsValue::from(a.id.as_str()));
            set(&obj, "name", &JsValue::from(a.name.as_str()));
            set(&obj, "classes", &strings_to_js(&a.classes));
            set(&obj, "perClass", &JsValue::from(a.per_class as f64));
            list.push(&obj);
        }
        list.into()
    }

    /// `images(id, classIndex, start, count)` → `Float32Array(count·784)`, ink in [0, 1].
    pub fn images(
        &self,
        id: JsValue,
        class_index: JsValue,
        start: JsValue,
        count: JsValue,
    ) -> JsResult<Float32Array> {
        const IMAGES: &str = "AlphabetSet.images";
        let a = self.alphabet(IMAGES, &id)?;
        let c = read_whole(IMAGES, "classIndex", &class_index, 0)?;
        let start = read_whole(IMAGES, "start", &start, 0)?;
        let count = read_whole(IMAGES, "count", &count, 1)?;
        if c >= a.classes.len() || start.saturating_add(count) > a.per_class {
            return Err(ParamError::new(
                IMAGES,
                if c >= a.classes.len() {
                    "classIndex"
                } else {
                    "count"
                },
                format!(
                    "the alphabet has {} classes of {} images",
                    a.classes.len(),
                    a.per_class
                ),
            )
            .into());
        }
        let out: Vec<f32> = (start..start + count)
            .filter_map(|i| a.ink(c, i))
            .flatten()
            .collect();
        Ok(Float32Array::from(out.as_slice()))
    }

    /// `split(id, shots, seed, heldOut = 100)` → `{classes, trainPixels, trainLabels,
    /// testPixels, testLabels}`.
    pub fn split(
        &self,
        id: JsValue,
        shots: JsValue,
        seed: JsValue,
        held_out: JsValue,
    ) -> JsResult<JsValue> {
        const SPLIT: &str = "AlphabetSet.split";
        let a = self.alphabet(SPLIT, &id)?;
        let shots = read_whole(SPLIT, "shots", &shots, 1)?;
        let seed = read_whole(SPLIT, "seed", &seed, 0)?;
        let held_out = optional(&held_out, |v| read_whole(SPLIT, "heldOut", v, 1))?.unwrap_or(100);
        let s = a.split(shots, seed as u64, held_out).ok_or_else(|| {
            ParamError::new(
                SPLIT,
                "shots",
                format!(
                    "shots + heldOut must be at most {} images per class",
                    a.per_class
                ),
            )
            .with_got(shots)
        })?;
        let obj = Object::new();
        set(&obj, "classes", &strings_to_js(&s.classes));
        set(&obj, "trainPixels", &floats_to_js(&s.train.pixels));
        set(
            &obj,
            "trainLabels",
            &Uint8Array::from(s.train.labels.as_slice()).into(),
        );
        set(&obj, "testPixels", &floats_to_js(&s.test.pixels));
        set(
            &obj,
            "testLabels",
            &Uint8Array::from(s.test.labels.as_slice()).into(),
        );
        Ok(obj.into())
    }
}

import { get, kind, readArray } from './snippets/convscope-7bf4e61a740cd894/src/bindings/read.js';
import * as import1 from "./snippets/convscope-7bf4e61a740cd894/src/bindings/read.js"
import * as import2 from "./snippets/convscope-7bf4e61a740cd894/src/bindings/read.js"
import * as import3 from "./snippets/convscope-7bf4e61a740cd894/src/bindings/read.js"
import * as import4 from "./snippets/convscope-7bf4e61a740cd894/src/bindings/read.js"


/**
 * A trained LeNet-5 (classic: tanh + average pooling; modern: ReLU + max pooling) whose every
 * layer is open to the page.
 */
export class LeNet5 {
    static __wrap(ptr) {
        const obj = Object.create(LeNet5.prototype);
        obj.__wbg_ptr = ptr;
        LeNet5Finalization.register(obj, obj.__wbg_ptr, obj);
        return obj;
    }
    __destroy_into_raw() {
        const ptr = this.__wbg_ptr;
        this.__wbg_ptr = 0;
        LeNet5Finalization.unregister(this);
        return ptr;
    }
    free() {
        const ptr = this.__destroy_into_raw();
        wasm.__wbg_lenet5_free(ptr, 0);
    }
    /**
     * `'tanh'` or `'relu'`.
     * @returns {string}
     */
    get activation() {
        let deferred1_0;
        let deferred1_1;
        try {
            const ret = wasm.lenet5_activation(this.__wbg_ptr);
            deferred1_0 = ret[0];
            deferred1_1 = ret[1];
            return getStringFromWasm0(ret[0], ret[1]);
        } finally {
            wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
        }
    }
    /**
     * `explainUnit(pixels: Float32Array(784), layer, c, y, x)` → the arithmetic of one unit
     * of the forward pass on `pixels`: `{layer, kind: 'input'|'conv'|'pool'|'dense', c, y,
     * x, below, activation, value, preActivation?}` and by kind — conv: `{region: {y0, y1,
     * x0, x1}, kh, kw, channels: [{index, window, kernel, products, partial}], sum, bias, z}`
     * (C1's region on the 32×32 padded, normalised input); pool: `{region, kh, kw, window,
     * mode: 'max'|'avg', pooled}`; dense (C5, F6, output): `{belowShape, inputs, weights,
     * products, sum, bias, z}`; input: `{raw, normalised}`.
     * @param {any} pixels
     * @param {any} layer
     * @param {any} c
     * @param {any} y
     * @param {any} x
     * @returns {any}
     */
    explainUnit(pixels, layer, c, y, x) {
        const ret = wasm.lenet5_explainUnit(this.__wbg_ptr, pixels, layer, c, y, x);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return takeFromExternrefTable0(ret[0]);
    }
    /**
     * `forward(pixels: Float32Array(784))` (28×28 row-major, ink = 1) →
     * `{probabilities: Float32Array(10), layers: [{name, kind, shape, data, preActivation?}]}`
     * for input, C1, S2, C3, S4, C5, F6, output.
     * @param {any} pixels
     * @returns {any}
     */
    forward(pixels) {
        const ret = wasm.lenet5_forward(this.__wbg_ptr, pixels);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return takeFromExternrefTable0(ret[0]);
    }
    /**
     * `LeNet5.fromBytes(bytes, variant)`: a network from a weights file (the format of
     * `src/lenet/weights.rs`); corrupt or truncated bytes throw.
     * @param {any} bytes
     * @param {any} variant
     * @returns {LeNet5}
     */
    static fromBytes(bytes, variant) {
        const ret = wasm.lenet5_fromBytes(bytes, variant);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return LeNet5.__wrap(ret[0]);
    }
    /**
     * `layerSpecs()` with this network's activations: `[{name, kind, shape, kernel?,
     * stride?, padding?, input, activation, …}]` (see the free `layerSpecs()`).
     * @returns {any}
     */
    layerSpecs() {
        const ret = wasm.lenet5_layerSpecs(this.__wbg_ptr);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return takeFromExternrefTable0(ret[0]);
    }
    /**
     * `LeNet5.load('classic' | 'modern')`: the network with the weights built into the module.
     * @param {any} variant
     * @returns {LeNet5}
     */
    static load(variant) {
        const ret = wasm.lenet5_load(variant);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return LeNet5.__wrap(ret[0]);
    }
    /**
     * Number of trainable parameters (61,706).
     * @returns {number}
     */
    get numParams() {
        const ret = wasm.lenet5_numParams(this.__wbg_ptr);
        return ret >>> 0;
    }
    /**
     * `'avg'` or `'max'`.
     * @returns {string}
     */
    get pooling() {
        let deferred1_0;
        let deferred1_1;
        try {
            const ret = wasm.lenet5_pooling(this.__wbg_ptr);
            deferred1_0 = ret[0];
            deferred1_1 = ret[1];
            return getStringFromWasm0(ret[0], ret[1]);
        } finally {
            wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
        }
    }
    /**
     * `probabilities(pixels)` → `Float32Array(10)`, without the per-layer copies.
     * @param {any} pixels
     * @returns {Float32Array}
     */
    probabilities(pixels) {
        const ret = wasm.lenet5_probabilities(this.__wbg_ptr, pixels);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return takeFromExternrefTable0(ret[0]);
    }
    /**
     * `'classic'` or `'modern'`.
     * @returns {string}
     */
    get variant() {
        let deferred1_0;
        let deferred1_1;
        try {
            const ret = wasm.lenet5_variant(this.__wbg_ptr);
            deferred1_0 = ret[0];
            deferred1_1 = ret[1];
            return getStringFromWasm0(ret[0], ret[1]);
        } finally {
            wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
        }
    }
    /**
     * `weights()` → `[{name, weight: {data, shape}, bias: {data, shape}}]` for C1, C3, C5, F6,
     * output; conv kernels `[O, C, KH, KW]`, dense `[out, in]`.
     * @returns {any}
     */
    weights() {
        const ret = wasm.lenet5_weights(this.__wbg_ptr);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return takeFromExternrefTable0(ret[0]);
    }
}
if (Symbol.dispose) LeNet5.prototype[Symbol.dispose] = LeNet5.prototype.free;

/**
 * `architecture(name)` → the network's spec as a plain object: `{name, title, family, year,
 * source, notes, top5Error, top5Note, input: [C,H,W], layers: [{kind, name, …}]}`.
 * @param {any} name
 * @returns {any}
 */
export function architecture(name) {
    const ret = wasm.architecture(name);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}

/**
 * `architectureNames()` → the identifiers of every case-study network, in lecture order
 * (`'lenet5'`, `'alexnet'`, …, `'se-resnet50'`).
 * @returns {Array<any>}
 */
export function architectureNames() {
    const ret = wasm.architectureNames();
    return ret;
}

/**
 * The burn backend this module was built with: `'flex'` or `'ndarray'`.
 * @returns {string}
 */
export function backendName() {
    let deferred1_0;
    let deferred1_1;
    try {
        const ret = wasm.backendName();
        deferred1_0 = ret[0];
        deferred1_1 = ret[1];
        return getStringFromWasm0(ret[0], ret[1]);
    } finally {
        wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
    }
}

/**
 * `conv1d(input [C,L], weight [O,C/groups,K], {bias?, stride?, padding?, dilation?, groups?})`
 * → `{data, shape: [O, OL]}`, as `torch.nn.functional.conv1d`.
 * @param {any} input
 * @param {any} weight
 * @param {any} options
 * @returns {any}
 */
export function conv1d(input, weight, options) {
    const ret = wasm.conv1d(input, weight, options);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}

/**
 * `conv2d(input [C,H,W], weight [O,C/groups,KH,KW], {bias?, stride?, padding?, dilation?,
 * groups?})` → `{data, shape: [O, OH, OW]}`, as `torch.nn.functional.conv2d`.
 * @param {any} input
 * @param {any} weight
 * @param {any} options
 * @returns {any}
 */
export function conv2d(input, weight, options) {
    const ret = wasm.conv2d(input, weight, options);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}

/**
 * `convTranspose1d(input [C,L], weight [C,O/groups,K], {...})` → `{data, shape: [O, OL]}`,
 * as `torch.nn.functional.conv_transpose1d`.
 * @param {any} input
 * @param {any} weight
 * @param {any} options
 * @returns {any}
 */
export function convTranspose1d(input, weight, options) {
    const ret = wasm.convTranspose1d(input, weight, options);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}

/**
 * `convTranspose2d(input [C,H,W], weight [C,O/groups,KH,KW], {bias?, stride?, padding?,
 * outputPadding?, dilation?, groups?})` → `{data, shape: [O, OH, OW]}`, as
 * `torch.nn.functional.conv_transpose2d`.
 * @param {any} input
 * @param {any} weight
 * @param {any} options
 * @returns {any}
 */
export function convTranspose2d(input, weight, options) {
    const ret = wasm.convTranspose2d(input, weight, options);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}

/**
 * `explainConv2d(input [C,H,W], weight [O,C/groups,KH,KW], {bias?, stride?, padding?,
 * dilation?, groups?}, c, y, x)` → output value `(c, y, x)` of `conv2d` with those
 * arguments, term by term: `{kind: 'conv', c, y, x, region, kh, kw, channels: [{index,
 * window, kernel, products, partial}], sum, bias, z}`; window cells in the padding are 0.
 * @param {any} input
 * @param {any} weight
 * @param {any} options
 * @param {any} c
 * @param {any} y
 * @param {any} x
 * @returns {any}
 */
export function explainConv2d(input, weight, options, c, y, x) {
    const ret = wasm.explainConv2d(input, weight, options, c, y, x);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}

/**
 * `inferShapes(spec | name, {inputSize?: n | [h,w], overrides?: {[path]: {stride?, padding?}}})`
 * → `{name, title, input, rows: [{path, name, kind, kernel, stride, padding, outShape, params,
 * macs, receptiveField, cumulativeParams, cumulativeMacs, …}], totals: {params, macs,
 * weightLayers, outShape, byKind}}`. An invalid spec or edit throws an `Error`
 * ``inferShapes: invalid `<layer>.<param>`: …``.
 * @param {any} spec
 * @param {any} options
 * @returns {any}
 */
export function inferShapes(spec, options) {
    const ret = wasm.inferShapes(spec, options);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}

/**
 * `layerSpecs()` → `[{name, kind, shape: [C, H, W], kernel?, stride?, padding?, input,
 * activation}]` for LeNet-5's eight layers (input first; the input entry also carries `side`,
 * `pad`, `paddedSide`, `mean`, `std`); activations of the classic variant (`net.layerSpecs()`
 * gives a network's own). What the page labels and lays out layers with.
 * @returns {any}
 */
export function layerSpecs() {
    const ret = wasm.layerSpecs();
    return ret;
}

/**
 * `outputSize({kind?: 'conv'|'pool'|'transposed', input, kernel, stride?, padding?,
 * dilation?, outputPadding?})` → `{size, formula, reason}` for one axis, without running an
 * op; `size < 1` comes with a `reason` that explains it.
 * @param {any} options
 * @returns {any}
 */
export function outputSize(options) {
    const ret = wasm.outputSize(options);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}

/**
 * `pool2d(input [C,H,W], {mode: 'max'|'avg', kernel, stride? = kernel, padding? = 0})` →
 * `{data, shape: [C, OH, OW]}`, as `F.max_pool2d` / `F.avg_pool2d` (count_include_pad).
 * @param {any} input
 * @param {any} options
 * @returns {any}
 */
export function pool2d(input, options) {
    const ret = wasm.pool2d(input, options);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}

/**
 * `preprocessDigit(rgba: Uint8ClampedArray, width, height)` → `Float32Array(784)` (an
 * MNIST-like 28×28 digit, ink = 1), or `null` when nothing is drawn.
 * @param {any} rgba
 * @param {any} width
 * @param {any} height
 * @returns {any}
 */
export function preprocessDigit(rgba, width, height) {
    const ret = wasm.preprocessDigit(rgba, width, height);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}

/**
 * `receptiveField(layer, y, x)` → `{size: [h, w], padded: {y0, y1, x0, x1}, regions: [{layer,
 * y0, y1, x0, x1, full}]}`: the unit's field on every layer below, down to `input` (28×28
 * coordinates; half-open ranges, clipped, with the unclipped extent in `full`) and on the
 * 32×32 padded input.
 * @param {any} layer
 * @param {any} y
 * @param {any} x
 * @returns {any}
 */
export function receptiveField(layer, y, x) {
    const ret = wasm.receptiveField(layer, y, x);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}

/**
 * `unitsSeeing(y, x)` → `[{layer, y0, y1, x0, x1}]`: for input pixel (y, x), the units of each
 * layer whose receptive field contains it.
 * @param {any} y
 * @param {any} x
 * @returns {any}
 */
export function unitsSeeing(y, x) {
    const ret = wasm.unitsSeeing(y, x);
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}
function __wbg_get_imports() {
    const import0 = {
        __proto__: null,
        __wbg_Error_208446807d0d1e30: function(arg0, arg1) {
            const ret = Error(getStringFromWasm0(arg0, arg1));
            return ret;
        },
        __wbg_Number_ff192a72a0dcdf6d: function(arg0) {
            const ret = Number(arg0);
            return ret;
        },
        __wbg_String_8564e559799eccda: function(arg0, arg1) {
            const ret = String(arg1);
            const ptr1 = passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            const len1 = WASM_VECTOR_LEN;
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
        },
        __wbg___wbindgen_bigint_get_as_i64_11da4b52cd0aedef: function(arg0, arg1) {
            const v = arg1;
            const ret = typeof(v) === 'bigint' ? v : undefined;
            getDataViewMemory0().setBigInt64((arg0 >>> 0) + 8 * 1, isLikeNone(ret) ? BigInt(0) : ret, true);
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, !isLikeNone(ret), true);
        },
        __wbg___wbindgen_boolean_get_4f1baf9a00be3c74: function(arg0) {
            const v = arg0;
            const ret = typeof(v) === 'boolean' ? v : undefined;
            return isLikeNone(ret) ? 0xFFFFFF : ret ? 1 : 0;
        },
        __wbg___wbindgen_debug_string_f249a2a76caa9a55: function(arg0, arg1) {
            const ret = debugString(arg1);
            const ptr1 = passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            const len1 = WASM_VECTOR_LEN;
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
        },
        __wbg___wbindgen_in_3f58a9d3b3a7eed2: function(arg0, arg1) {
            const ret = arg0 in arg1;
            return ret;
        },
        __wbg___wbindgen_is_bigint_5fa10641e039d3ef: function(arg0) {
            const ret = typeof(arg0) === 'bigint';
            return ret;
        },
        __wbg___wbindgen_is_function_741ff2bb612836f5: function(arg0) {
            const ret = typeof(arg0) === 'function';
            return ret;
        },
        __wbg___wbindgen_is_null_c22311b1cc228e3a: function(arg0) {
            const ret = arg0 === null;
            return ret;
        },
        __wbg___wbindgen_is_object_8b968c3ab8e96595: function(arg0) {
            const val = arg0;
            const ret = typeof(val) === 'object' && val !== null;
            return ret;
        },
        __wbg___wbindgen_is_string_fc456fee5d3317de: function(arg0) {
            const ret = typeof(arg0) === 'string';
            return ret;
        },
        __wbg___wbindgen_is_undefined_be5b34249ff1fc15: function(arg0) {
            const ret = arg0 === undefined;
            return ret;
        },
        __wbg___wbindgen_jsval_eq_38d7bfbe4cc84039: function(arg0, arg1) {
            const ret = arg0 === arg1;
            return ret;
        },
        __wbg___wbindgen_jsval_loose_eq_b2f214e2e4b30e36: function(arg0, arg1) {
            const ret = arg0 == arg1;
            return ret;
        },
        __wbg___wbindgen_number_get_934b640d0889af78: function(arg0, arg1) {
            const obj = arg1;
            const ret = typeof(obj) === 'number' ? obj : undefined;
            getDataViewMemory0().setFloat64((arg0 >>> 0) + 8 * 1, isLikeNone(ret) ? 0 : ret, true);
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, !isLikeNone(ret), true);
        },
        __wbg___wbindgen_string_get_7ce8eee7fd327545: function(arg0, arg1) {
            const obj = arg1;
            const ret = typeof(obj) === 'string' ? obj : undefined;
            var ptr1 = isLikeNone(ret) ? 0 : passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            var len1 = WASM_VECTOR_LEN;
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
        },
        __wbg___wbindgen_throw_4c88d8bf264fd984: function(arg0, arg1) {
            throw new Error(getStringFromWasm0(arg0, arg1));
        },
        __wbg_call_40b008ba32f73991: function() { return handleError(function (arg0, arg1) {
            const ret = arg0.call(arg1);
            return ret;
        }, arguments); },
        __wbg_done_57e08d0be6e30c02: function(arg0) {
            const ret = arg0.done;
            return ret;
        },
        __wbg_entries_7bb1459bd9b5c2b9: function(arg0) {
            const ret = Object.entries(arg0);
            return ret;
        },
        __wbg_getRandomValues_8b6f1f663e6f188d: function() { return handleError(function (arg0, arg1) {
            globalThis.crypto.getRandomValues(getArrayU8FromWasm0(arg0, arg1));
        }, arguments); },
        __wbg_get_635eea311fa1a291: function() { return handleError(function (arg0, arg1) {
            const ret = Reflect.get(arg0, arg1);
            return ret;
        }, arguments); },
        __wbg_get_95f9ce9252bd00c4: function(arg0, arg1, arg2) {
            const ret = get(arg0, getStringFromWasm0(arg1, arg2));
            return ret;
        },
        __wbg_get_d7176cfb76d71114: function(arg0, arg1) {
            const ret = arg0[arg1 >>> 0];
            return ret;
        },
        __wbg_get_unchecked_e6325ad374eff861: function(arg0, arg1) {
            const ret = arg0[arg1 >>> 0];
            return ret;
        },
        __wbg_get_with_ref_key_fc601247060b7204: function(arg0, arg1) {
            const ret = arg0[arg1];
            return ret;
        },
        __wbg_instanceof_ArrayBuffer_12cdaa4161423e6b: function(arg0) {
            let result;
            try {
                result = arg0 instanceof ArrayBuffer;
            } catch (_) {
                result = false;
            }
            const ret = result;
            return ret;
        },
        __wbg_instanceof_Map_0b4fc8b62e73f163: function(arg0) {
            let result;
            try {
                result = arg0 instanceof Map;
            } catch (_) {
                result = false;
            }
            const ret = result;
            return ret;
        },
        __wbg_instanceof_Uint8Array_d7aeb0dcb3108fea: function(arg0) {
            let result;
            try {
                result = arg0 instanceof Uint8Array;
            } catch (_) {
                result = false;
            }
            const ret = result;
            return ret;
        },
        __wbg_isArray_bcf1376d0d732d08: function(arg0) {
            const ret = Array.isArray(arg0);
            return ret;
        },
        __wbg_isSafeInteger_1a35ba4d31e71d38: function(arg0) {
            const ret = Number.isSafeInteger(arg0);
            return ret;
        },
        __wbg_iterator_e4c5e8f68ada7b58: function() {
            const ret = Symbol.iterator;
            return ret;
        },
        __wbg_kind_56a354b4de0cbd0e: function(arg0, arg1) {
            const ret = kind(arg1);
            const ptr1 = passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            const len1 = WASM_VECTOR_LEN;
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
        },
        __wbg_length_186163212ffe79c3: function(arg0) {
            const ret = arg0.length;
            return ret;
        },
        __wbg_length_b03a0fabb109b1e9: function(arg0) {
            const ret = arg0.length;
            return ret;
        },
        __wbg_new_13de428334042d26: function(arg0) {
            const ret = new Uint8Array(arg0);
            return ret;
        },
        __wbg_new_37eb45aaf5eeb820: function() {
            const ret = new Array();
            return ret;
        },
        __wbg_new_7075786089b89c5e: function() {
            const ret = new Map();
            return ret;
        },
        __wbg_new_787b9fb330d55d78: function(arg0, arg1) {
            const ret = new Error(getStringFromWasm0(arg0, arg1));
            return ret;
        },
        __wbg_new_cd4348290afae586: function() {
            const ret = new Object();
            return ret;
        },
        __wbg_new_from_slice_355c10c5d8f2addb: function(arg0, arg1) {
            const ret = new Float32Array(getArrayF32FromWasm0(arg0, arg1));
            return ret;
        },
        __wbg_new_with_length_a3dc62dea6e2e158: function(arg0) {
            const ret = new Array(arg0 >>> 0);
            return ret;
        },
        __wbg_next_178c1651c11432b3: function(arg0) {
            const ret = arg0.next;
            return ret;
        },
        __wbg_next_af5ac6a08bb0a717: function() { return handleError(function (arg0) {
            const ret = arg0.next();
            return ret;
        }, arguments); },
        __wbg_prototypesetcall_13162965d1fe7aa3: function(arg0, arg1, arg2) {
            Uint8Array.prototype.set.call(getArrayU8FromWasm0(arg0, arg1), arg2);
        },
        __wbg_push_c9f4893fc209f768: function(arg0, arg1) {
            const ret = arg0.push(arg1);
            return ret;
        },
        __wbg_readArray_2aece0b3ad26177d: function(arg0, arg1, arg2) {
            const ret = readArray(arg0, arg1 >>> 0, arg2 !== 0);
            return ret;
        },
        __wbg_set_2793479888329cb6: function() { return handleError(function (arg0, arg1, arg2) {
            const ret = Reflect.set(arg0, arg1, arg2);
            return ret;
        }, arguments); },
        __wbg_set_8282f7e0d2d01336: function(arg0, arg1, arg2) {
            const ret = arg0.set(arg1, arg2);
            return ret;
        },
        __wbg_set_d2d33b52458e984a: function(arg0, arg1, arg2) {
            arg0[arg1 >>> 0] = arg2;
        },
        __wbg_set_e4b9a833d288759a: function(arg0, arg1, arg2) {
            arg0[arg1] = arg2;
        },
        __wbg_value_e0f328965e184931: function(arg0) {
            const ret = arg0.value;
            return ret;
        },
        __wbindgen_generic_0000000000000001: function(arg0) {
            // Cast intrinsic for `F64 -> Externref`.
            const ret = arg0;
            return ret;
        },
        __wbindgen_generic_0000000000000002: function(arg0) {
            // Cast intrinsic for `I64 -> Externref`.
            const ret = arg0;
            return ret;
        },
        __wbindgen_generic_0000000000000003: function(arg0, arg1) {
            // Cast intrinsic for `Ref(Slice(F32)) -> NamedExternref("Float32Array")`.
            const ret = getArrayF32FromWasm0(arg0, arg1);
            return ret;
        },
        __wbindgen_generic_0000000000000004: function(arg0, arg1) {
            // Cast intrinsic for `Ref(Slice(F64)) -> NamedExternref("Float64Array")`.
            const ret = getArrayF64FromWasm0(arg0, arg1);
            return ret;
        },
        __wbindgen_generic_0000000000000005: function(arg0, arg1) {
            // Cast intrinsic for `Ref(Slice(U8)) -> NamedExternref("Uint8Array")`.
            const ret = getArrayU8FromWasm0(arg0, arg1);
            return ret;
        },
        __wbindgen_generic_0000000000000006: function(arg0, arg1) {
            // Cast intrinsic for `Ref(String) -> Externref`.
            const ret = getStringFromWasm0(arg0, arg1);
            return ret;
        },
        __wbindgen_generic_0000000000000007: function(arg0) {
            // Cast intrinsic for `U64 -> Externref`.
            const ret = BigInt.asUintN(64, arg0);
            return ret;
        },
        __wbindgen_init_externref_table: function() {
            const table = wasm.__wbindgen_externrefs;
            table.set(0, undefined);
            table.set(1024, undefined);
            table.set(1025, null);
            table.set(1026, true);
            table.set(1027, false);
        },
    };
    return {
        __proto__: null,
        "./convscope_bg.js": import0,
        "./snippets/convscope-7bf4e61a740cd894/src/bindings/read.js": import1,
        "./snippets/convscope-7bf4e61a740cd894/src/bindings/read.js": import2,
        "./snippets/convscope-7bf4e61a740cd894/src/bindings/read.js": import3,
        "./snippets/convscope-7bf4e61a740cd894/src/bindings/read.js": import4,
    };
}

const LeNet5Finalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_lenet5_free(ptr, 1));

function addToExternrefTable0(obj) {
    const idx = wasm.__externref_table_alloc();
    wasm.__wbindgen_externrefs.set(idx, obj);
    return idx;
}

function debugString(val) {
    switch (typeof val) {
        // primitive types
        case 'number':
        case 'boolean':
        case 'undefined':
        return `${val}`;
        case 'string':
        return JSON.stringify(val);
        case 'bigint':
        return `${val}n`;
        case 'symbol':
        return val.description !== undefined
            ? `Symbol(${val.description})`
            : 'Symbol';
        case 'function':
        return typeof val.name === 'string' && val.name !== ''
            ? `Function(${val.name})`
            : 'Function';
        case 'object': {
            if (val === null) {
                return 'null';
            }
            // objects
            if (Array.isArray(val)) {
                return '[' + Array.from(val, debugString).join(', ') + ']';
            }
            // errors
            if (val instanceof Error) {
                return `${val.name}: ${val.message}\n${val.stack}`;
            }

            const toStringOutput = toString.call(val);
            // Test for built-in
            const className = /\[object ([^\]]+)\]/.exec(toStringOutput)?.[1];

            // Failed to match the standard '[object ClassName]'
            if (className === undefined) {
                return toStringOutput;
            }
            if (className === 'Object') {
                // we're a user defined class or Object
                // JSON.stringify avoids problems with cycles, and is generally much
                // easier than looping through ownProperties of `val`.
                try {
                    return 'Object(' + JSON.stringify(val) + ')';
                } catch (_) {
                    return 'Object';
                }
            }
            // TODO we could test for more things here, like `Set`s and `Map`s.
            return className;
        }
        // Per MDN: 'This list of values is exhaustive.'
        // https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Operators/typeof#description
    }
}

function getArrayF32FromWasm0(ptr, len) {
    ptr = ptr >>> 0;
    return getFloat32ArrayMemory0().subarray(ptr / 4, ptr / 4 + len);
}

function getArrayF64FromWasm0(ptr, len) {
    ptr = ptr >>> 0;
    return getFloat64ArrayMemory0().subarray(ptr / 8, ptr / 8 + len);
}

function getArrayU8FromWasm0(ptr, len) {
    ptr = ptr >>> 0;
    return getUint8ArrayMemory0().subarray(ptr / 1, ptr / 1 + len);
}

let cachedDataViewMemory0 = null;
function getDataViewMemory0() {
    if (cachedDataViewMemory0 === null || cachedDataViewMemory0.buffer.detached === true || (cachedDataViewMemory0.buffer.detached === undefined && cachedDataViewMemory0.buffer !== wasm.memory.buffer)) {
        cachedDataViewMemory0 = new DataView(wasm.memory.buffer);
    }
    return cachedDataViewMemory0;
}

let cachedFloat32ArrayMemory0 = null;
function getFloat32ArrayMemory0() {
    if (cachedFloat32ArrayMemory0 === null || cachedFloat32ArrayMemory0.byteLength === 0) {
        cachedFloat32ArrayMemory0 = new Float32Array(wasm.memory.buffer);
    }
    return cachedFloat32ArrayMemory0;
}

let cachedFloat64ArrayMemory0 = null;
function getFloat64ArrayMemory0() {
    if (cachedFloat64ArrayMemory0 === null || cachedFloat64ArrayMemory0.byteLength === 0) {
        cachedFloat64ArrayMemory0 = new Float64Array(wasm.memory.buffer);
    }
    return cachedFloat64ArrayMemory0;
}

function getStringFromWasm0(ptr, len) {
    ptr = ptr >>> 0;
    return decodeText(getUint8ArrayMemory0().subarray(ptr, ptr + len));
}

let cachedUint8ArrayMemory0 = null;
function getUint8ArrayMemory0() {
    if (cachedUint8ArrayMemory0 === null || cachedUint8ArrayMemory0.byteLength === 0) {
        cachedUint8ArrayMemory0 = new Uint8Array(wasm.memory.buffer);
    }
    return cachedUint8ArrayMemory0;
}

function handleError(f, args) {
    try {
        return f.apply(this, args);
    } catch (e) {
        const idx = addToExternrefTable0(e);
        wasm.__wbindgen_exn_store(idx);
    }
}

function isLikeNone(x) {
    return x === undefined || x === null;
}

function passStringToWasm0(arg, malloc, realloc) {
    if (realloc === undefined) {
        const buf = cachedTextEncoder.encode(arg);
        const ptr = malloc(buf.length, 1) >>> 0;
        getUint8ArrayMemory0().subarray(ptr, ptr + buf.length).set(buf);
        WASM_VECTOR_LEN = buf.length;
        return ptr;
    }

    let len = arg.length;
    let ptr = malloc(len, 1) >>> 0;

    const mem = getUint8ArrayMemory0();

    let offset = 0;

    for (; offset < len; offset++) {
        const code = arg.charCodeAt(offset);
        if (code > 0x7F) break;
        mem[ptr + offset] = code;
    }
    if (offset !== len) {
        if (offset !== 0) {
            arg = arg.slice(offset);
        }
        ptr = realloc(ptr, len, len = offset + arg.length * 3, 1) >>> 0;
        const view = getUint8ArrayMemory0().subarray(ptr + offset, ptr + len);
        const ret = cachedTextEncoder.encodeInto(arg, view);

        offset += ret.written;
        ptr = realloc(ptr, len, offset, 1) >>> 0;
    }

    WASM_VECTOR_LEN = offset;
    return ptr;
}

function takeFromExternrefTable0(idx) {
    const value = wasm.__wbindgen_externrefs.get(idx);
    wasm.__externref_table_dealloc(idx);
    return value;
}

let cachedTextDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
cachedTextDecoder.decode();
const MAX_SAFARI_DECODE_BYTES = 2146435072;
let numBytesDecoded = 0;
function decodeText(bytes) {
    numBytesDecoded += bytes.length;
    if (numBytesDecoded >= MAX_SAFARI_DECODE_BYTES) {
        cachedTextDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
        cachedTextDecoder.decode();
        numBytesDecoded = bytes.length;
    }
    return cachedTextDecoder.decode(bytes);
}

const cachedTextEncoder = new TextEncoder();

if (!('encodeInto' in cachedTextEncoder)) {
    cachedTextEncoder.encodeInto = function (arg, view) {
        const buf = cachedTextEncoder.encode(arg);
        view.set(buf);
        return {
            read: arg.length,
            written: buf.length
        };
    };
}

let WASM_VECTOR_LEN = 0;

let wasmModule, wasmInstance, wasm;
function __wbg_finalize_init(instance, module) {
    wasmInstance = instance;
    wasm = instance.exports;
    wasmModule = module;
    cachedDataViewMemory0 = null;
    cachedFloat32ArrayMemory0 = null;
    cachedFloat64ArrayMemory0 = null;
    cachedUint8ArrayMemory0 = null;
    wasm.__wbindgen_start();
    return wasm;
}

async function __wbg_load(module, imports) {
    if (typeof Response === 'function' && module instanceof Response) {
        if (!module.ok) {
            throw new Error(`failed to fetch Wasm: ${module.status} ${module.statusText} fetching '${module.url}'`);
        }

        if (typeof WebAssembly.instantiateStreaming === 'function') {
            try {
                return await WebAssembly.instantiateStreaming(module, imports);
            } catch (e) {
                const validResponse = expectedResponseType(module.type);

                if (validResponse && module.headers.get('Content-Type') !== 'application/wasm') {
                    console.warn("`WebAssembly.instantiateStreaming` failed because your server does not serve Wasm with `application/wasm` MIME type. Falling back to `WebAssembly.instantiate` which is slower. Original error:\n", e);

                } else { throw e; }
            }
        }

        const bytes = await module.arrayBuffer();
        return await WebAssembly.instantiate(bytes, imports);
    } else {
        const instance = await WebAssembly.instantiate(module, imports);

        if (instance instanceof WebAssembly.Instance) {
            return { instance, module };
        } else {
            return instance;
        }
    }

    function expectedResponseType(type) {
        switch (type) {
            case 'basic': case 'cors': case 'default': return true;
        }
        return false;
    }
}

function initSync(module) {
    if (wasm !== undefined) return wasm;


    if (module !== undefined) {
        if (Object.getPrototypeOf(module) === Object.prototype) {
            ({module} = module)
        } else {
            console.warn('using deprecated parameters for `initSync()`; pass a single object instead')
        }
    }

    const imports = __wbg_get_imports();
    if (!(module instanceof WebAssembly.Module)) {
        module = new WebAssembly.Module(module);
    }
    const instance = new WebAssembly.Instance(module, imports);
    return __wbg_finalize_init(instance, module);
}

let __wbg_init_promise;
async function __wbg_init(module_or_path) {
    if (wasm !== undefined) return wasm;
    if (__wbg_init_promise === undefined) {
        __wbg_init_promise = __wbg_init_once(module_or_path);
        __wbg_init_promise.catch(() => { __wbg_init_promise = undefined; });
    }
    return __wbg_init_promise;
}

async function __wbg_init_once(module_or_path) {

    if (module_or_path !== undefined) {
        if (Object.getPrototypeOf(module_or_path) === Object.prototype) {
            ({module_or_path} = module_or_path)
        } else {
            console.warn('using deprecated parameters for the initialization function; pass a single object instead')
        }
    }

    if (module_or_path === undefined) {
        module_or_path = new URL('convscope_bg.wasm', import.meta.url);
    }
    const imports = __wbg_get_imports();

    if (typeof module_or_path === 'string' || (typeof Request === 'function' && module_or_path instanceof Request) || (typeof URL === 'function' && module_or_path instanceof URL)) {
        module_or_path = fetch(module_or_path);
    }

    const { instance, module } = await __wbg_load(await module_or_path, imports);

    return __wbg_finalize_init(instance, module);
}

export { initSync, __wbg_init as default };

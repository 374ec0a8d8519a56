// How the wasm module reads the values a page hands it (used by src/bindings/convert.rs only).
//
// No function here ever throws. A page's code (getters, Proxy traps, a subclass's `length`)
// runs only inside `try`, and a failure comes back as FAILED. Two reasons: an exception that
// unwinds through wasm frames leaks the wasm stack until the module dies, and wasm-bindgen's
// `catch` imports leak one externref-table slot per caught exception.
//
// Brand checks use the built-in getters captured when this module loads. They read internal
// slots, so a Proxy, a typed-array subclass or an own `length` / `Symbol.toStringTag` property
// cannot fool them, and they run no page code.

// The module's own class, imported back from the generated glue (pkg/convscope.js) that
// imports this file from pkg/snippets/<crate-hash>/src/bindings/.
import { LeNet5 } from '../../../../convscope.js';

const TypedArray = Object.getPrototypeOf(Uint8Array.prototype);
const builtinGetter = (proto, key) => Object.getOwnPropertyDescriptor(proto, key).get;
const typedArrayName = builtinGetter(TypedArray, Symbol.toStringTag);
const typedArrayLength = builtinGetter(TypedArray, 'length');
const typedArraySet = TypedArray.set;
const arrayBufferLength = builtinGetter(ArrayBuffer.prototype, 'byteLength');
const { apply } = Reflect;
const ErrorClass = Error;
const { isArray } = Array;
const { keys, getOwnPropertyDescriptor } = Object;
const Bytes = Uint8Array;
const F32 = Float32Array;
const F64 = Float64Array;

/** What a failed read returns instead of throwing. */
const FAILED = Object.freeze({ failed: true });

/** The sentinel that `get`, `ownKeys` and `readArray` return when reading threw. */
export function failed() {
  guardOnce();
  return FAILED;
}

/**
 * What `v` is, without running page code: a `typeof` name ('number', 'string', 'function',
 * …), 'null', 'array', a typed array's own name ('Float32Array', …), 'ArrayBuffer',
 * 'revoked Proxy' or 'object'.
 */
export function kind(v) {
  guardOnce();
  if (v === null) return 'null';
  const t = typeof v;
  if (t !== 'object') return t;
  const name = apply(typedArrayName, v, []);
  if (name !== undefined) return name;
  try {
    if (isArray(v)) return 'array'; // never an ArrayBuffer: no brand check needed
  } catch {
    return 'revoked Proxy';
  }
  return isArrayBuffer(v) ? 'ArrayBuffer' : 'object';
}

/**
 * Whether `v` is an ArrayBuffer: the built-in getter's brand check, which throws for
 * anything else. Without a stack trace: V8 walks and symbolises the wasm frames for each
 * one, which made this check most of a small conv2d call's time (~25 µs per object read;
 * docs/performance.md).
 */
function isArrayBuffer(v) {
  // The limit is saved, set and put back apart from the brand check: a page that froze `Error`
  // or made the limit an accessor keeps its traces (and its value), and the answer stays right.
  let limit;
  let lowered = false;
  try {
    const d = getOwnPropertyDescriptor(ErrorClass, 'stackTraceLimit');
    if (d && 'value' in d && d.writable) {
      limit = d.value;
      ErrorClass.stackTraceLimit = 0;
      lowered = true;
    }
  } catch {
    // a frozen or exotic `Error`: the check runs with the page's limit
  }
  let brand = true;
  try {
    apply(arrayBufferLength, v, []);
  } catch {
    brand = false;
  }
  if (lowered) {
    try {
      ErrorClass.stackTraceLimit = limit;
    } catch {
      // made read-only in between: nothing to restore into
    }
  }
  return brand;
}

/** The element count of a typed array or the byte count of an ArrayBuffer; -1 otherwise. */
export function length(v) {
  try {
    return apply(typedArrayName, v, []) === undefined
      ? apply(arrayBufferLength, v, [])
      : apply(typedArrayLength, v, []);
  } catch {
    return -1;
  }
}

/**
 * Copies typed array (or ArrayBuffer) `src` into `dst`, a view of wasm memory of the same
 * length, converting element types as `TypedArray.prototype.set` does. False if the lengths
 * differ or the copy failed (a detached buffer, BigInt elements).
 */
export function copy(dst, src) {
  try {
    const from = apply(typedArrayName, src, []) === undefined ? new Bytes(src) : src;
    if (apply(typedArrayLength, from, []) !== apply(typedArrayLength, dst, [])) return false;
    apply(typedArraySet, dst, [from]);
    return true;
  } catch {
    return false;
  }
}

/** `o[key]`, or FAILED if reading it threw. */
export function get(o, key) {
  try {
    return o[key];
  } catch {
    return FAILED;
  }
}

/** `Object.keys(o)` (own enumerable string keys), or FAILED if listing them threw. */
export function ownKeys(o) {
  try {
    return keys(o);
  } catch {
    return FAILED;
  }
}

/**
 * The first `n` elements of array `src` as a new Float32Array (`f32`) or Float64Array;
 * the kind of the first element that is not a number (a string), or FAILED if reading threw.
 */
export function readArray(src, n, f32) {
  const out = f32 ? new F32(n) : new F64(n);
  try {
    for (let i = 0; i < n; i++) {
      const x = src[i];
      if (typeof x !== 'number') return kind(x);
      out[i] = x;
    }
  } catch {
    return FAILED;
  }
  return out;
}

// ---- LeNet5 instances ------------------------------------------------------------------------
//
// wasm-bindgen's class passes `this.__wbg_ptr` into wasm as a raw pointer. For a freed network
// it is 0, and the generated null check throws *inside* wasm, through its frames: each such
// call leaks a little wasm stack (about 100,000 of them kill the module). A forged `__wbg_ptr`
// would be worse. So every method and getter first checks that `this` is a live network this
// module made, and otherwise throws a named Error; `free()` of a freed network does nothing.


/** Live networks → the pointer wasm gave them. */
const live = new WeakMap();

function isLive(self) {
  try {
    return live.has(self) && live.get(self) === self.__wbg_ptr;
  } catch {
    return false;
  }
}

function freedError(op) {
  const e = new Error(`${op}: invalid \`this\`: the network was freed, or this is not a network made by LeNet5.load or LeNet5.fromBytes`);
  return Object.assign(e, { op, param: 'this', code: 'freed' });
}

let guarded = false;

/**
 * Installs the checks above on LeNet5, once: on the first read of any argument, which every
 * way of making a network (LeNet5.load, LeNet5.fromBytes) does before it returns one.
 */
function guardOnce() {
  if (guarded) return;
  guarded = true;
  const proto = LeNet5.prototype;
  const wrap = LeNet5.__wrap;
  LeNet5.__wrap = (ptr) => {
    const net = apply(wrap, LeNet5, [ptr]);
    live.set(net, ptr);
    return net;
  };
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name === 'constructor' || name.startsWith('__')) continue;
    const d = Object.getOwnPropertyDescriptor(proto, name);
    const checked = (f) => function checked(...args) {
      if (!isLive(this)) {
        if (name === 'free') return undefined;
        throw freedError(name);
      }
      if (name === 'free') live.delete(this);
      return apply(f, this, args);
    };
    if (typeof d.value === 'function') d.value = checked(d.value);
    if (d.get) d.get = checked(d.get);
    Object.defineProperty(proto, name, d);
  }
  // The glue made `[Symbol.dispose]` the unchecked free(); point it at the checked one.
  if (typeof Symbol.dispose === 'symbol' && proto[Symbol.dispose]) proto[Symbol.dispose] = proto.free;
}

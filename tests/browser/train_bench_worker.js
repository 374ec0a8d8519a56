// One engine's training speed for scripts/bench_train.mjs, in a (classic) Web Worker: burn
// (pkg-train/, the training lab's trainer) or TensorFlow.js (cpu or wasm backend) training the
// same classic LeNet-5 (tanh, average pooling, C1 padded, C5 a 5×5 convolution; Adam 1e-3,
// cross-entropy) on the same 10,000 MNIST images, batch by batch. Timed with performance.now()
// inside the worker; reports images/s over whole batches after a warm-up.
/* global tf, importScripts, self, performance */

const DATA = '/www/assets/mnist-train.bin.gz';
const TFJS = '/node_modules/@tensorflow/tfjs/dist/tf.min.js';
const TFJS_WASM = '/node_modules/@tensorflow/tfjs-backend-wasm/dist/';
const WARMUP_BATCHES = 3;

async function loadData() {
  const { loadSubset } = await import('/www/pages/train/data.js');
  return loadSubset(DATA);
}

/** Times `step(k)` (trains k batches, returns images trained) until `images` or `ms`. */
async function measure(step, batch, { images, ms }) {
  await step(WARMUP_BATCHES);
  let done = 0;
  const t0 = performance.now();
  while (done < images && performance.now() - t0 < ms) done += await step(1);
  const elapsed = performance.now() - t0;
  return { images: done, ms: elapsed, imagesPerSecond: (done * 1000) / elapsed, batch };
}

async function burn({ batch, budget }) {
  const [data, mod] = await Promise.all([loadData(), import('/pkg-train/convscope.js')]);
  await mod.default();
  const trainer = new mod.Trainer({ variant: 'classic', batchSize: batch, epochs: 100 },
    data.train.pixels, data.train.labels, data.val.pixels, data.val.labels);
  return measure((k) => trainer.step(k).images, batch, budget);
}

function lenet5() {
  const act = 'tanh';
  const m = tf.sequential();
  m.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 6, kernelSize: 5, padding: 'same', activation: act }));
  m.add(tf.layers.averagePooling2d({ poolSize: 2, strides: 2 }));
  m.add(tf.layers.conv2d({ filters: 16, kernelSize: 5, activation: act }));
  m.add(tf.layers.averagePooling2d({ poolSize: 2, strides: 2 }));
  m.add(tf.layers.conv2d({ filters: 120, kernelSize: 5, activation: act }));
  m.add(tf.layers.flatten());
  m.add(tf.layers.dense({ units: 84, activation: act }));
  m.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  m.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  return m;
}

async function tfjs({ backend, batch, budget }) {
  importScripts(TFJS);
  if (backend === 'wasm') {
    importScripts(`${TFJS_WASM}tf-backend-wasm.min.js`);
    tf.wasm.setWasmPaths(TFJS_WASM);
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false); // one thread, as burn has
  }
  if (!(await tf.setBackend(backend))) throw new Error(`tf.setBackend('${backend}') failed`);
  await tf.ready();
  const data = await loadData();
  const n = data.train.count;
  const x = tf.tidy(() => tf.tensor4d(Float32Array.from(data.train.pixels, (v) => (v / 255 - 0.1307) / 0.3081), [n, 28, 28, 1]));
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from(data.train.labels), 'int32'), 10).toFloat());
  const model = lenet5();
  let at = 0;
  const step = async (k) => {
    let images = 0;
    for (let i = 0; i < k; i++) {
      if (at + batch > n) at = 0;
      const xb = x.slice([at, 0, 0, 0], [batch, 28, 28, 1]);
      const yb = y.slice([at, 0], [batch, 10]);
      const loss = await model.trainOnBatch(xb, yb);
      if (!Number.isFinite(Array.isArray(loss) ? loss[0] : loss)) throw new Error('loss is not finite');
      xb.dispose();
      yb.dispose();
      at += batch;
      images += batch;
    }
    return images;
  };
  return { ...(await measure(step, batch, budget)), backend: tf.getBackend() };
}

self.onmessage = async ({ data: job }) => {
  try {
    const result = job.engine === 'burn' ? await burn(job) : await tfjs(job);
    self.postMessage({ ok: true, ...result });
  } catch (e) {
    self.postMessage({ ok: false, error: String(e?.message ?? e) });
  }
};

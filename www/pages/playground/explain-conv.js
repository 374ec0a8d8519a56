// One output unit of a 2-D convolution, explained: the input window it reads (padding cells
// show as 0), the kernel, the element-wise products, the sum per input channel, the total, the
// bias and the pre-activation. Contract 3 of the session plan: the object has exactly the
// shape of the wasm core's `explainConv2d(input, weight, options, c, y, x)`, which replaces
// this stand-in (one line in explainConv below) once pkg/ exports it.

/**
 * @param {{data: Float32Array, shape: number[]}} input [C, H, W]
 * @param {{data: Float32Array, shape: number[]}} weight [O, C, KH, KW]
 * @param {{stride?: number|number[], padding?: number|number[], dilation?: number|number[], bias?: ArrayLike<number>}} options
 * @param {number} c output channel
 * @param {number} y output row
 * @param {number} x output column
 * @returns {{kind: 'conv', c: number, y: number, x: number, activation: null, value: number,
 *   region: {y0: number, y1: number, x0: number, x1: number}, kh: number, kw: number,
 *   channels: Array<{index: number, window: Float32Array, kernel: Float32Array, products: Float32Array, partial: number}>,
 *   sum: number, bias: number, z: number}}
 */
export function explainConv(input, weight, options, c, y, x) {
  const pair = (v, d) => (Array.isArray(v) ? v : [v ?? d, v ?? d]);
  const [sh, sw] = pair(options.stride, 1);
  const [ph, pw] = pair(options.padding, 0);
  const [dh, dw] = pair(options.dilation, 1);
  const [C, H, W] = input.shape;
  const [, , kh, kw] = weight.shape;
  const y0 = y * sh - ph;
  const x0 = x * sw - pw;
  const per = kh * kw;
  const channels = [];
  let sum = 0;
  for (let ch = 0; ch < C; ch++) {
    const window = new Float32Array(per);
    const kernel = weight.data.slice((c * C + ch) * per, (c * C + ch + 1) * per);
    const products = new Float32Array(per);
    let partial = 0;
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        const iy = y0 + i * dh;
        const ix = x0 + j * dw;
        const k = i * kw + j;
        window[k] = iy >= 0 && iy < H && ix >= 0 && ix < W ? input.data[(ch * H + iy) * W + ix] : 0;
        products[k] = window[k] * kernel[k];
        partial += products[k];
      }
    }
    channels.push({ index: ch, window, kernel, products, partial });
    sum += partial;
  }
  const bias = options.bias ? options.bias[c] : 0;
  const z = sum + bias;
  return {
    kind: 'conv', c, y, x, activation: null, value: z,
    region: { y0, y1: y0 + (kh - 1) * dh + 1, x0, x1: x0 + (kw - 1) * dw + 1 },
    kh, kw, channels, sum, bias, z,
  };
}

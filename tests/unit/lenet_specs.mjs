// LeNet-5 as layerSpecs() describes it (PLAN.md contract 2), written out from the paper's
// table (1@28×28 padded by 2, C1 6@28×28, S2 6@14×14, C3 16@10×10, S4 16@5×5, C5 120, F6 84,
// 10) and src/lenet.rs's normalisation: the input of the student page's unit tests.
export const SPECS = [
  { name: 'input', kind: 'input', shape: [1, 28, 28], side: 28, pad: 2, paddedSide: 32, mean: 0.1307, std: 0.3081, input: null, activation: null },
  { name: 'C1', kind: 'conv', shape: [6, 28, 28], kernel: 5, input: 'input', activation: 'tanh' },
  { name: 'S2', kind: 'pool', shape: [6, 14, 14], kernel: 2, input: 'C1', activation: null },
  { name: 'C3', kind: 'conv', shape: [16, 10, 10], kernel: 5, input: 'S2', activation: 'tanh' },
  { name: 'S4', kind: 'pool', shape: [16, 5, 5], kernel: 2, input: 'C3', activation: null },
  { name: 'C5', kind: 'conv', shape: [120, 1, 1], kernel: 5, input: 'S4', activation: 'tanh' },
  { name: 'F6', kind: 'dense', shape: [84, 1, 1], input: 'C5', activation: 'tanh' },
  { name: 'output', kind: 'dense', shape: [10, 1, 1], input: 'F6', activation: 'softmax' },
];

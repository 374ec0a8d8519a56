// The name the coordination plan gives the shared helper; the helpers themselves live in a11y.mjs.
export { axeViolations, describeViolations, measureCLS, describeShifts, AXE_PATH } from './a11y.mjs';

// www/shared/keys.js and www/shared/contrast.js without a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actionOf, targetOwnsKey, bindPresenterKeys } from '../../www/shared/keys.js';
import { contrastRatio, textOn, luminance } from '../../www/shared/contrast.js';
import { DIVERGING_STOPS, SEQUENTIAL_STOPS } from '../../www/shared/colors.js';

test('presenter keys: clicker and arrow keys step, Home/End jump, digits and ? are actions, modified keys are not', () => {
  assert.deepEqual(actionOf({ key: 'PageDown' }), { action: 'next' });
  assert.deepEqual(actionOf({ key: 'ArrowRight' }), { action: 'next' });
  assert.deepEqual(actionOf({ key: ' ' }), { action: 'next' });
  assert.deepEqual(actionOf({ key: 'PageUp' }), { action: 'prev' });
  assert.deepEqual(actionOf({ key: 'Home' }), { action: 'first' });
  assert.deepEqual(actionOf({ key: 'End' }), { action: 'last' });
  assert.deepEqual(actionOf({ key: '7' }), { action: 'digit', value: 7 });
  assert.deepEqual(actionOf({ key: '?' }), { action: 'help' });
  assert.equal(actionOf({ key: 'ArrowRight', ctrlKey: true }), null);
  assert.equal(actionOf({ key: 'a' }), null);
});

const node = (tagName, attrs = {}) => ({
  tagName, isContentEditable: false,
  getAttribute: (k) => attrs[k] ?? null,
  closest: (sel) => (sel === '[data-keys="own"]' && attrs['data-keys'] === 'own' ? {} : null),
});

test('presenter keys: text fields, selects and opted-out widgets keep their keys; a focused button keeps only Space', () => {
  assert.equal(targetOwnsKey(node('INPUT', { type: 'number' }), 'ArrowRight'), true);
  assert.equal(targetOwnsKey(node('INPUT'), 'PageDown'), true);
  assert.equal(targetOwnsKey(node('SELECT'), 'ArrowLeft'), true);
  assert.equal(targetOwnsKey(node('DIV', { 'data-keys': 'own' }), 'ArrowLeft'), true);
  assert.equal(targetOwnsKey(node('BUTTON'), 'ArrowRight'), false);
  assert.equal(targetOwnsKey(node('BUTTON'), 'PageDown'), false);
  assert.equal(targetOwnsKey(node('BUTTON'), ' '), true);
  assert.equal(targetOwnsKey(node('INPUT', { type: 'checkbox' }), 'ArrowRight'), false);
  assert.equal(targetOwnsKey(node('BODY'), ' '), false);
});

test('presenter keys: a bound page gets next on PageDown with a button focused, and the browser default is prevented', () => {
  let listener;
  const root = { addEventListener: (_, f) => { listener = f; }, removeEventListener: () => { listener = null; } };
  const calls = [];
  const unbind = bindPresenterKeys({ next: () => calls.push('next'), digit: (n) => calls.push(n) }, root);
  let prevented = 0;
  const press = (key, target = node('BUTTON')) => listener({ key, target, defaultPrevented: false, preventDefault: () => { prevented++; } });
  press('PageDown');
  press('3');
  press('PageUp'); // no prev handler: left to the browser
  assert.deepEqual(calls, ['next', 3]);
  assert.equal(prevented, 2);
  unbind();
  assert.equal(listener, null);
});

test('contrast: WCAG reference values (black on white 21:1, #777 on white ~4.48:1)', () => {
  assert.ok(Math.abs(contrastRatio([0, 0, 0], [255, 255, 255]) - 21) < 1e-9);
  assert.ok(Math.abs(contrastRatio([119, 119, 119], [255, 255, 255]) - 4.48) < 0.01);
  assert.equal(luminance([255, 255, 255]), 1);
});

test('contrast: text chosen by textOn reaches 4.5:1 on every colour of both scales and every grey', () => {
  const colours = [...DIVERGING_STOPS, ...SEQUENTIAL_STOPS];
  for (let v = 0; v <= 255; v += 5) colours.push([v, v, v]);
  for (let i = 0; i + 1 < DIVERGING_STOPS.length; i++) {
    const [a, b] = [DIVERGING_STOPS[i], DIVERGING_STOPS[i + 1]];
    colours.push(a.map((x, k) => Math.round((x + b[k]) / 2)));
  }
  for (const c of colours) assert.ok(contrastRatio(textOn(c), c) >= 4.5, `text on rgb(${c})`);
});

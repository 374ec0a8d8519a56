// ESLint (flat config): the recommended rules for the browser modules in www/ and the Node
// scripts and tests; run by scripts/test.sh (`npx eslint www tests scripts`).
import js from '@eslint/js';
import globals from 'globals';

export default [
  // www/views/playground/ is the playground before its move to www/pages/playground/ (branch
  // playground), which brings it under these rules.
  // www/vendor/ holds third-party files copied verbatim by scripts/vendor.mjs.
  { ignores: ['pkg/**', 'target/**', 'node_modules/**', 'www/views/playground/**', 'www/vendor/**'] },
  js.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2024, sourceType: 'module' },
    rules: {
      'no-unused-vars': ['error', { args: 'none', ignoreRestSiblings: true }],
    },
  },
  { files: ['www/**/*.js'], languageOptions: { globals: globals.browser } },
  {
    files: ['tests/**/*.mjs', 'scripts/**/*.mjs', 'eslint.config.js'],
    // The browser tests and benchmarks also run functions inside the page (page.evaluate).
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  // The service worker (a classic script at the root; its precache list is a global).
  { files: ['sw.js'], languageOptions: { sourceType: 'script', globals: { ...globals.serviceworker, CONVSCOPE_PRECACHE: 'readonly' } } },
  // The API tests import the module into the page as `window.cs`.
  { files: ['tests/browser/**/*.mjs'], languageOptions: { globals: { cs: 'readonly' } } },
];

// Starts the download of the wasm core while index.html is still parsed: a classic script in
// <head>, before the stylesheets (a script after them would wait for them), so the fetch begins
// before the page's modules have even arrived. pages/student/start.js compiles the response
// (`convscopeWasm`; a page without this script fetches there). A file rather than an inline
// script: the pages' Content-Security-Policy allows scripts from 'self' only.
globalThis.convscopeWasm = fetch('pkg/convscope_bg.wasm');
globalThis.convscopeWasm.catch(() => {}); // a failure is reported by pages/student/start.js

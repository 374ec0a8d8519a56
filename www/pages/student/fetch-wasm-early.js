// Starts the download of the wasm core (pkg-lenet/, the LeNet-5 module) while index.html is still parsed: an async classic script
// in <head>, requested first (a script neither waits for the stylesheets nor holds back the
// parser), so the fetch begins before the page's modules have even arrived.
// pages/student/start.js compiles the response (`convscopeWasm`); should start.js run first, it
// fetches the module itself and this script leaves it at that. A file rather than an inline
// script: the pages' Content-Security-Policy allows scripts from 'self' only.
globalThis.convscopeWasm ??= fetch('pkg-lenet/convscope_bg.wasm');
globalThis.convscopeWasm.catch(() => {}); // a failure is reported by pages/student/start.js

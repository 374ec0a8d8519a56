// Applies the saved "large text" choice before the first paint (a classic script in <head>,
// not a module; async and render-blocking, like embed-early.js), so that turning the page's
// text up does not move the site header once the module runs. The key is page-tools.js's
// LARGE_KEY; page-tools.js applies it again (and saves).
try {
  if (localStorage.getItem('convscope.playground.largeText') === '1') document.documentElement.classList.add('large-text');
} catch {
  // Site data blocked: normal text.
}

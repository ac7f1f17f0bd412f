// Only in the static export (StaticExport adds it after main.js): browsers do not run ES modules from
// file://, so when main.js did not run, this plain script typesets the math and highlights the code itself.
(function () {
  if (document.documentElement.dataset.modules === 'on') {
    return; // served over HTTP: main.js did everything, lazily
  }
  if (window.katex) {
    document.querySelectorAll('.math').forEach(function (el) {
      window.katex.render(el.textContent, el, {
        displayMode: el.classList.contains('math-display'), throwOnError: false, strict: 'ignore',
      });
    });
  }
  if (window.hljs) {
    document.querySelectorAll('pre code[class*="language-"]').forEach(function (el) {
      window.hljs.highlightElement(el);
    });
  }
})();

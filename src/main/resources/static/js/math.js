// Typesets the TeX the server left in .math elements, with the KaTeX served from our own jar.
// Errors never throw: KaTeX shows the faulty TeX in a .katex-error element, which the tests look for.
export function typesetMath(root) {
  if (!window.katex) {
    return;
  }
  for (const el of root.querySelectorAll('.math')) {
    if (el.dataset.typeset) {
      continue;
    }
    const tex = el.textContent;
    el.dataset.tex = tex;
    window.katex.render(tex, el, {
      displayMode: el.classList.contains('math-display'),
      throwOnError: false,
      strict: 'ignore',
      output: 'htmlAndMathml',
    });
    el.dataset.typeset = 'true';
  }
}

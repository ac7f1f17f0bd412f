// Typesets the TeX the server left in .math elements, with the KaTeX served from our own jar.
// Errors never throw: KaTeX shows the faulty TeX in a .katex-error element, which the tests look for.
// A long page (transformers_math has over a thousand formulas) is typeset where the reader is first:
// formulas within a screen or two of the viewport at once, the rest in small batches while the browser
// is idle, so the text in view is readable at once and the page never blocks for seconds.
const NEAR = '150% 0px';
const BATCH = 40;

let afterTypeset = () => {};

function typesetOne(el) {
  if (el.dataset.typeset) {
    return;
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
  afterTypeset(el);
}

const idle = window.requestIdleCallback
  ? (fn) => window.requestIdleCallback(fn, { timeout: 500 })
  : (fn) => setTimeout(fn, 16);

/** @param after called with each formula once typeset (a wide one may need a tab stop, see scroll-regions.js) */
export function typesetMath(root, after = () => {}) {
  afterTypeset = after;
  if (!window.katex) {
    return;
  }
  const all = [...root.querySelectorAll('.math:not([data-typeset])')];
  if (all.length <= BATCH || typeof IntersectionObserver === 'undefined') {
    all.forEach(typesetOne);
    return;
  }
  const near = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) {
        typesetOne(entry.target);
        near.unobserve(entry.target);
      }
    }
  }, { rootMargin: NEAR });
  all.forEach((el) => near.observe(el));
  let next = 0;
  const rest = () => {
    const end = Math.min(all.length, next + BATCH);
    for (; next < end; next += 1) {
      typesetOne(all[next]);
      near.unobserve(all[next]);
    }
    if (next < all.length) {
      idle(rest);
    } else {
      near.disconnect();
    }
  };
  idle(rest);
  // printing and find-in-page want every formula: finish at once before printing
  window.addEventListener('beforeprint', () => { all.forEach(typesetOne); }, { once: true });
}

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
    return false;
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
  return true;
}

// Writes first, reads after: afterTypeset measures (a formula's width), and a measurement between two
// renders forces the whole page's layout, so measuring after each formula cost one layout of a long page per
// display formula (some 270 layouts for transformers.md) where a batch needs one.
function typesetAll(els) {
  els.filter(typesetOne).forEach((el) => afterTypeset(el));
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
    typesetAll(all);
    return;
  }
  const near = new IntersectionObserver((entries) => {
    const coming = entries.filter((entry) => entry.isIntersecting).map((entry) => entry.target);
    coming.forEach((el) => near.unobserve(el));
    typesetAll(coming);
  }, { rootMargin: NEAR });
  all.forEach((el) => near.observe(el));
  let next = 0;
  const rest = () => {
    const batch = all.slice(next, next + BATCH);
    next += batch.length;
    batch.forEach((el) => near.unobserve(el));
    typesetAll(batch);
    if (next < all.length) {
      idle(rest);
    } else {
      near.disconnect();
    }
  };
  idle(rest);
  // printing and find-in-page want every formula: finish at once before printing
  window.addEventListener('beforeprint', () => { typesetAll(all); }, { once: true });
}

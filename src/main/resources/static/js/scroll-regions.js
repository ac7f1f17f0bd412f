// A wide formula, code block or table scrolls sideways; keyboard users must be able to reach it to
// scroll it, so every such region that actually overflows gets a tab stop (WCAG 2.1.1).
const SELECTOR = '.math-display, .code-block pre, .markdown table';

function markOne(el) {
  if (el.scrollWidth > el.clientWidth + 1) {
    el.tabIndex = 0;
  } else if (el.tabIndex === 0) {
    el.removeAttribute('tabindex');
  }
}

function mark(root) {
  root.querySelectorAll(SELECTOR).forEach(markOne);
}

/** For a region whose width changed after load, such as a formula typeset later (math.js). */
export function markScrollRegion(el) {
  if (el.matches(SELECTOR)) {
    markOne(el);
  }
}

export function initScrollRegions(root) {
  mark(root);
  let timer;
  window.addEventListener('resize', () => {
    clearTimeout(timer);
    timer = setTimeout(() => mark(root), 200);
  });
}

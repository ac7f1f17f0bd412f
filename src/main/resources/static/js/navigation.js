// The "Contents" button that opens the document list on a phone; on narrow screens the page's table of
// contents starts folded so that the text comes first.
export function initNavigation(root) {
  const toc = root.querySelector('.toc details');
  if (toc && window.matchMedia('(max-width: 1100px)').matches) {
    toc.open = false;
  }
  const toggle = root.querySelector('.nav-toggle');
  const sidebar = root.getElementById('sidebar');
  if (!toggle || !sidebar) {
    return;
  }
  toggle.addEventListener('click', () => {
    const open = sidebar.classList.toggle('open');
    toggle.setAttribute('aria-expanded', String(open));
  });
}

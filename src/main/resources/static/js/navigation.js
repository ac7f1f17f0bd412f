// The "Contents" button that opens the document list on a phone.
export function initNavigation(root) {
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

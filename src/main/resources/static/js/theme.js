// The colour-scheme button: system → light → dark → system, remembered in this browser.
const ORDER = ['system', 'light', 'dark'];
const LABEL = { system: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' };

function current() {
  try {
    return localStorage.getItem('tg-theme') || 'system';
  } catch (e) {
    return 'system';
  }
}

function apply(theme) {
  const root = document.documentElement;
  if (theme === 'system') {
    delete root.dataset.theme;
  } else {
    root.dataset.theme = theme;
  }
}

export function initTheme(root) {
  const button = root.querySelector('.theme-toggle');
  if (!button) {
    return;
  }
  const paint = (theme) => {
    button.textContent = LABEL[theme];
    button.setAttribute('aria-label', `${LABEL[theme]}. Change colour scheme`);
  };
  paint(current());
  button.addEventListener('click', () => {
    const next = ORDER[(ORDER.indexOf(current()) + 1) % ORDER.length];
    try {
      localStorage.setItem('tg-theme', next);
    } catch (e) {
      // not remembered, but still applied to this page
    }
    apply(next);
    paint(next);
  });
}

// Glossary terms everywhere: a link to a glossary entry shows the entry's short definition when it is
// hovered or focused, and Escape hides it again.
let definitions = null;

async function loadDefinitions() {
  if (!definitions) {
    definitions = fetch('/api/glossary', { headers: { Accept: 'application/json' } })
      .then((r) => (r.ok ? r.json() : []))
      .then((list) => new Map(list.map((t) => [t.id, t])))
      .catch(() => new Map());
  }
  return definitions;
}

export function initGlossary(root) {
  const links = [...root.querySelectorAll('.markdown a[href^="/guide/glossary#"]')];
  if (links.length === 0) {
    return;
  }
  const tip = document.createElement('div');
  tip.className = 'glossary-tip';
  tip.id = 'glossary-tip';
  tip.setAttribute('role', 'tooltip');
  tip.hidden = true;
  document.body.appendChild(tip);

  const hide = () => {
    tip.hidden = true;
  };
  const show = async (a) => {
    const terms = await loadDefinitions();
    const term = terms.get(a.getAttribute('href').split('#')[1]);
    if (!term) {
      return;
    }
    tip.replaceChildren();
    const name = document.createElement('strong');
    name.textContent = term.term;
    const text = document.createElement('span');
    text.textContent = term.definition;
    tip.append(name, text);
    const box = a.getBoundingClientRect();
    tip.style.left = `${Math.max(8, Math.min(window.scrollX + box.left, window.scrollX + window.innerWidth - 360))}px`;
    tip.style.top = `${window.scrollY + box.bottom + 6}px`;
    tip.hidden = false;
    a.setAttribute('aria-describedby', tip.id);
  };
  for (const a of links) {
    a.classList.add('glossary-term');
    a.addEventListener('mouseenter', () => show(a));
    a.addEventListener('focus', () => show(a));
    a.addEventListener('mouseleave', hide);
    a.addEventListener('blur', hide);
  }
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      hide();
    }
  });
}

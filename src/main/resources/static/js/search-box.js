// The header's search box: "/" focuses it from anywhere, and as the reader types, the best sections
// from /api/search appear in a listbox below it (the ARIA 1.2 combobox pattern). Without JavaScript
// it is still a plain form to /search, and Enter with no option chosen submits it.

const DEBOUNCE_MS = 150;
const MIN_CHARS = 2;
const MAX_RESULTS = 8;

function isTyping(target) {
  return target instanceof HTMLElement
    && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

function option(result, index) {
  const li = document.createElement('li');
  li.id = `site-search-option-${index}`;
  li.className = 'site-search-option';
  li.setAttribute('role', 'option');
  li.setAttribute('aria-selected', 'false');
  li.dataset.url = result.url;
  const link = document.createElement('a');
  link.href = result.url;
  link.tabIndex = -1; // the input keeps focus; arrow keys move through the options
  const title = document.createElement('span');
  title.className = 'site-search-option-title';
  title.textContent = result.sectionTitle;
  const where = document.createElement('span');
  where.className = 'site-search-option-document';
  where.textContent = result.documentTitle;
  const snippet = document.createElement('span');
  snippet.className = 'site-search-option-snippet';
  snippet.innerHTML = result.snippet; // the server escapes the text and adds only <mark> elements
  link.append(title, where, snippet);
  li.append(link);
  return li;
}

export function initSearchBox(root) {
  const input = root.getElementById('site-search');
  const list = root.getElementById('site-search-results');
  if (!input || !list) {
    return;
  }
  const form = input.form;
  const panel = form.querySelector('.site-search-panel');
  const footer = form.querySelector('.site-search-footer');
  const status = form.querySelector('.site-search-status');
  let timer;
  let controller;
  let active = -1;
  let latest = '';

  const options = () => [...list.querySelectorAll('[role="option"]')];

  function close() {
    panel.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function open() {
    if (options().length > 0 || footer.textContent) {
      panel.hidden = false;
      input.setAttribute('aria-expanded', String(options().length > 0));
    }
  }

  function select(index) {
    const all = options();
    all.forEach((o, i) => o.setAttribute('aria-selected', String(i === index)));
    active = index;
    if (index >= 0 && all[index]) {
      input.setAttribute('aria-activedescendant', all[index].id);
      all[index].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function show(query, data) {
    list.replaceChildren(...data.results.map(option));
    // the footer is outside the listbox, which may hold only options
    footer.replaceChildren();
    if (data.results.length === 0) {
      footer.textContent = 'No section matches. Press Enter to search anyway.';
    } else if (data.total > data.results.length) {
      const link = document.createElement('a');
      link.href = `/search?q=${encodeURIComponent(query)}`;
      link.tabIndex = -1;
      link.textContent = `All ${data.total} results`;
      footer.append(link);
    }
    select(-1);
    open();
    if (status) {
      status.textContent = data.results.length === 0 ? 'No results' : `${data.results.length} results`;
    }
  }

  async function search(query) {
    controller?.abort();
    controller = new AbortController();
    latest = query;
    try {
      const response = await fetch(`/api/search?limit=${MAX_RESULTS}&q=${encodeURIComponent(query)}`, {
        headers: { Accept: 'application/json' },
        signal: controller.signal,
      });
      if (!response.ok || query !== latest) {
        return; // a query the server refuses shows nothing here; the results page explains why
      }
      const data = await response.json();
      if (query === latest && document.activeElement === input) {
        show(query, data);
      }
    } catch (e) {
      // aborted by a newer query, or the server is unreachable: nothing to show
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const query = input.value.trim();
    if (query.length < MIN_CHARS) {
      controller?.abort();
      latest = '';
      close();
      return;
    }
    timer = setTimeout(() => search(query), DEBOUNCE_MS);
  });

  input.addEventListener('keydown', (event) => {
    const all = options();
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (panel.hidden) {
        open();
        return;
      }
      if (all.length === 0) {
        return;
      }
      event.preventDefault();
      const last = all.length - 1;
      if (event.key === 'ArrowDown') {
        select(active >= last ? 0 : active + 1); // wraps round to the first
      } else {
        select(active <= 0 ? last : active - 1);
      }
    } else if (event.key === 'Enter') {
      if (!panel.hidden && active >= 0 && all[active]) {
        event.preventDefault();
        window.location.assign(all[active].dataset.url);
      }
      // otherwise the form submits to /search
    } else if (event.key === 'Escape') {
      if (!panel.hidden) {
        event.preventDefault();
        close();
      } else if (input.value) {
        input.value = '';
      }
    }
  });

  // Clicks inside the panel must not blur the input before the link is followed.
  panel.addEventListener('mousedown', (event) => event.preventDefault());
  input.addEventListener('blur', close);
  input.addEventListener('focus', () => {
    if (input.value.trim().length >= MIN_CHARS && (list.childElementCount > 0 || footer.textContent)) {
      open();
    }
  });

  root.addEventListener('keydown', (event) => {
    if (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target)) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });
  form.dataset.ready = 'true'; // the box is live (the browser tests wait for this)
}

initSearchBox(document);

// Moving around a page: the "Contents" button on phones, the table of contents that follows the
// reading position (and the breadcrumb's last step with it), and heading links that copy themselves.
import { copyText } from './clipboard.js';

function initMenu(root) {
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

// The table of contents scrolls on its own (it is sticky and as tall as the window): in a long document
// the active entry would scroll out of it, so the list follows, moving only the list, never the page.
function keepInView(link) {
  const list = link.closest('.toc');
  if (!list || list.scrollHeight <= list.clientHeight) {
    return;
  }
  const box = list.getBoundingClientRect();
  const at = link.getBoundingClientRect();
  const margin = box.height * 0.25;
  if (at.top < box.top + margin || at.bottom > box.bottom - margin) {
    list.scrollTop += at.top - box.top - box.height / 2 + at.height / 2;
  }
}

// The heading in view is the last one whose top has passed the upper fifth of the window.
function initScrollSpy(root) {
  const links = new Map();
  for (const a of root.querySelectorAll('.toc a[href^="#"]')) {
    links.set(decodeURIComponent(a.getAttribute('href').slice(1)), a);
  }
  const headings = [...root.querySelectorAll('.markdown h2[id], .markdown h3[id]')].filter((h) => links.has(h.id));
  const crumb = root.querySelector('.crumb-section');
  if (headings.length === 0) {
    return;
  }
  let active = null;
  const update = () => {
    const line = window.innerHeight * 0.2;
    let current = headings[0];
    for (const h of headings) {
      if (h.getBoundingClientRect().top <= line) {
        current = h;
      } else {
        break;
      }
    }
    if (current === active) {
      return;
    }
    if (active) {
      links.get(active.id).classList.remove('active');
      links.get(active.id).removeAttribute('aria-current');
    }
    active = current;
    const link = links.get(active.id);
    link.classList.add('active');
    link.setAttribute('aria-current', 'location');
    keepInView(link);
    if (crumb) {
      crumb.textContent = link.textContent;
      crumb.hidden = false;
    }
  };
  let queued = false;
  window.addEventListener('scroll', () => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(() => { queued = false; update(); });
    }
  }, { passive: true });
  update();
}

function initHeadingLinks(root) {
  for (const a of root.querySelectorAll('.heading-anchor')) {
    a.addEventListener('click', async () => {
      const url = new URL(a.getAttribute('href'), window.location.href).href;
      try {
        await copyText(url);
        a.classList.add('copied');
        setTimeout(() => a.classList.remove('copied'), 2000);
      } catch (e) {
        // the link still works as a link
      }
    });
  }
}

export function initNavigation(root) {
  const toc = root.querySelector('.toc details');
  if (toc && window.matchMedia('(max-width: 1100px)').matches) {
    toc.open = false;
  }
  initMenu(root);
  initScrollSpy(root);
  initHeadingLinks(root);
}

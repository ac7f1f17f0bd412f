// Where ticks are saved: the server for a signed-in learner, this browser's localStorage otherwise.
// Both stores have the same shape, so the page code does not care which one it talks to.

import { csrfFetch } from './csrf-fetch.js';

const LOCAL_KEY = 'tg-progress';

async function request(method, url, body) {
  let response;
  try {
    response = await csrfFetch(url, {
      method,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new Error('the server cannot be reached');
  }
  if (!response.ok) {
    let detail = `HTTP ${response.status}`;
    try {
      const problem = await response.json();
      detail = problem.detail || problem.title || detail;
    } catch (e) {
      // not a problem-detail body: keep the status
    }
    const error = new Error(detail);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

export function readLocal() {
  try {
    const data = JSON.parse(localStorage.getItem(LOCAL_KEY) || '{}');
    return { checkedItems: data.checkedItems || [], readDocuments: data.readDocuments || [] };
  } catch (e) {
    return { checkedItems: [], readDocuments: [] };
  }
}

function writeLocal(data) {
  localStorage.setItem(LOCAL_KEY, JSON.stringify(data));
}

function toggle(list, value, on) {
  const set = new Set(list);
  if (on) {
    set.add(value);
  } else {
    set.delete(value);
  }
  return [...set];
}

export const localStore = {
  where: 'in this browser',
  async load() {
    return readLocal();
  },
  async setItem(id, checked) {
    const data = readLocal();
    data.checkedItems = toggle(data.checkedItems, id, checked);
    writeLocal(data);
  },
  async setRead(slug, read) {
    const data = readLocal();
    data.readDocuments = toggle(data.readDocuments, slug, read);
    writeLocal(data);
  },
};

export const serverStore = {
  where: 'to your account',
  async load() {
    await this.mergeLocal();
    return request('GET', '/api/progress');
  },
  async setItem(id, checked) {
    await request('PUT', `/api/progress/items/${encodeURIComponent(id)}`, { checked });
  },
  async setRead(slug, read) {
    await request('PUT', `/api/progress/documents/${encodeURIComponent(slug)}`, { read });
  },
  // Ticks made before signing in are added to the account once; the browser copy is cleared only
  // after the server has confirmed, so nothing is lost if the merge fails.
  async mergeLocal() {
    const local = readLocal();
    if (local.checkedItems.length === 0 && local.readDocuments.length === 0) {
      return;
    }
    await request('POST', '/api/progress/merge', local);
    localStorage.removeItem(LOCAL_KEY);
  },
};

// session-init.js marked the page from the tg-user cookie before it was painted.
export function currentStore(root) {
  return root.documentElement.dataset.user ? serverStore : localStore;
}

// The cookie outlived the session (the server answered 401): show the page as signed out from now on.
export function forgetSignedIn(root) {
  const html = root.documentElement;
  html.classList.remove('signed-in');
  delete html.dataset.user;
  html.style.removeProperty('--tg-user');
  const name = root.querySelector('.who-name');
  if (name) {
    name.textContent = '';
  }
  document.cookie = 'tg-user=; Max-Age=0; Path=/; SameSite=Lax';
}

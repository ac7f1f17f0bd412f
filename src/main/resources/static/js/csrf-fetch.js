// Pages carry no CSRF token (they are the same bytes for every reader, so they can be cached): a write
// fetches the token once from /api/csrf and sends it the way Spring Security asks for it.
let token = null;

/** The page's CSRF token ({ headerName, parameterName, token }), fetched once; asked again after a failure. */
export function csrfToken() {
  if (!token) {
    token = fetch('/api/csrf', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .catch((e) => { token = null; throw e; });
  }
  return token;
}

/** fetch() with the session's cookie and, for anything but a GET or HEAD, the CSRF header. */
export async function csrfFetch(url, init = {}) {
  const method = (init.method || 'GET').toUpperCase();
  const headers = { ...(init.headers || {}) };
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = await csrfToken();
    headers[csrf.headerName] = csrf.token;
  }
  return fetch(url, { credentials: 'same-origin', ...init, headers });
}

// The header's one-click sign-out: a POST form, which Spring Security wants with a CSRF token. Pages carry
// no token (they are the same bytes for every reader), so the button fetches it from /api/csrf: already
// when the pointer or focus reaches it, so the click itself does not wait.
import { csrfToken as fetchToken } from './csrf-fetch.js';

export function initAccountHeader(root) {
  // session-init.js showed the name with CSS before the first paint; now it becomes real text
  const name = root.querySelector('.who-name');
  if (name && root.documentElement.dataset.user) {
    name.textContent = root.documentElement.dataset.user;
  }
  const form = root.querySelector('.signout-form');
  if (!form) {
    return;
  }
  const button = form.querySelector('button');
  for (const event of ['pointerenter', 'focus', 'touchstart']) {
    button.addEventListener(event, () => fetchToken().catch(() => {}), { once: true, passive: true });
  }
  form.addEventListener('submit', async (event) => {
    if (form.dataset.ready) {
      return; // the token is in: let the browser post the form
    }
    event.preventDefault();
    try {
      const csrf = await fetchToken();
      const field = document.createElement('input');
      field.type = 'hidden';
      field.name = csrf.parameterName;
      field.value = csrf.token;
      form.append(field);
      form.dataset.ready = 'true';
      form.requestSubmit();
    } catch (e) {
      window.location.href = '/signout'; // the confirmation page has its own token
    }
  });
}

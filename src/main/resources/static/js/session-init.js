// Runs before the page is painted (a plain blocking script in <head>), like theme-init.js: pages are the
// same bytes for every reader, so whether someone is signed in comes from the tg-user cookie the server
// keeps in step with the session. The header shows its signed-in part from the first paint, without a
// jump; if the cookie outlived the session, progress.js finds out (401) and calls forget().
(function () {
  var root = document.documentElement;
  var match = document.cookie.match(/(?:^|;\s*)tg-user=([A-Za-z0-9._-]{3,32})(?:;|$)/);
  if (match) {
    root.classList.add('signed-in');
    root.dataset.user = match[1];
    // The name is shown by CSS (content: var(--tg-user)), so it is there before the body is parsed.
    root.style.setProperty('--tg-user', '"' + match[1] + '"');
  }
})();

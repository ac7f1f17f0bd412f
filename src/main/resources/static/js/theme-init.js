// Runs before the page is painted (a plain blocking script in <head>): applies the reader's chosen colour
// scheme, so a dark-mode reader never sees a white flash. 'system' (the default) leaves it to the browser.
(function () {
  var root = document.documentElement;
  root.classList.add('js');
  try {
    var theme = localStorage.getItem('tg-theme');
    if (theme === 'light' || theme === 'dark') {
      root.dataset.theme = theme;
    }
  } catch (e) {
    // storage blocked: follow the system setting
  }
})();

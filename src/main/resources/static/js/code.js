// Colours fenced code with highlight.js (from the jar); plain text blocks stay plain.
export function highlightCode(root) {
  if (!window.hljs) {
    return;
  }
  for (const el of root.querySelectorAll('pre code[class*="language-"]')) {
    const language = [...el.classList].find((c) => c.startsWith('language-')).slice('language-'.length);
    if (language !== 'text' && window.hljs.getLanguage(language)) {
      window.hljs.highlightElement(el);
    }
  }
}

// Colours fenced code with highlight.js (from the jar) and gives every block a copy button.
import { copyText } from './clipboard.js';

export function highlightCode(root) {
  for (const el of root.querySelectorAll('pre code[class*="language-"]')) {
    const language = [...el.classList].find((c) => c.startsWith('language-')).slice('language-'.length);
    if (window.hljs && language !== 'text' && window.hljs.getLanguage(language)) {
      window.hljs.highlightElement(el);
    }
  }
  for (const block of root.querySelectorAll('.code-block')) {
    const code = block.querySelector('code');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-code';
    button.textContent = 'Copy';
    button.setAttribute('aria-label', 'Copy this code');
    button.addEventListener('click', async () => {
      try {
        await copyText(code.textContent);
        button.textContent = 'Copied';
      } catch (e) {
        button.textContent = 'Copy failed';
      }
      setTimeout(() => { button.textContent = 'Copy'; }, 2000);
    });
    block.appendChild(button);
  }
}

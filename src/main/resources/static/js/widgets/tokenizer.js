// How a text becomes tokens: the playground model's own tokenizer beside GPT-2's (r50k_base) and
// cl100k_base, each token a coloured chip with its id, and the token counts compared. Redraws as you type.
import { uniqueId } from './chart.js';
import { getJson, statusLine } from './api.js';
import { latestRequest } from './latest-request.js';
import { liveSummary } from './controls.js';
import { visible } from './next-token.js';

const COLOURS = 4;

/** One tokenizer's tokens as chips: the characters each token covers (spaces made visible) over its id. */
function strip(text, tokenization) {
  const section = document.createElement('section');
  section.className = 'tokenizer-result';
  const heading = document.createElement('h4');
  heading.className = 'tokenizer-name';
  heading.textContent = `${tokenization.tokenizer}: ${tokenization.count} token${tokenization.count === 1 ? '' : 's'}`;
  const list = document.createElement('ol');
  list.className = 'token-strip';
  list.setAttribute('aria-label', heading.textContent);
  tokenization.tokens.forEach((token, i) => {
    const item = document.createElement('li');
    item.className = `token token-c${i % COLOURS}`;
    // A token that holds only part of a character covers no characters; its own text then shows "�".
    const covered = token.end > token.start ? text.slice(token.start, token.end) : token.text;
    const piece = document.createElement('span');
    piece.className = 'token-text';
    piece.textContent = visible(covered);
    const tokenId = document.createElement('span');
    tokenId.className = 'token-id';
    tokenId.textContent = String(token.id);
    item.title = `Token ${i + 1}: id ${token.id}, characters ${token.start} to ${token.end}`;
    item.append(piece, tokenId);
    list.appendChild(item);
  });
  section.append(heading, list);
  return section;
}

function compare(result) {
  const [own, ...others] = result.tokenizations;
  if (!result.text) {
    return 'Type something to see it cut into tokens.';
  }
  const chars = [...result.text].length;
  const parts = others.map((t) => `${t.tokenizer.split(' ')[0]} needs ${t.count}`);
  return `${chars} characters: the playground model reads ${own.count} tokens, ${parts.join(', ')}. `
    + 'A larger vocabulary covers common words with one token each, so the same text costs fewer tokens.';
}

export function mount(el, options) {
  const id = uniqueId('tokenizer');
  const controls = document.createElement('div');
  controls.className = 'widget-controls tokenizer-controls';
  const label = document.createElement('label');
  label.htmlFor = `${id}-text`;
  label.textContent = 'Text';
  const input = document.createElement('textarea');
  input.id = `${id}-text`;
  input.className = 'tokenizer-text';
  input.rows = 3;
  input.maxLength = 1000;
  input.value = options.text || 'Tokenization is unbelievably important!';
  controls.append(label, input);

  const status = statusLine();
  status.clear();
  const results = document.createElement('div');
  results.className = 'tokenizer-results';
  const summary = liveSummary();

  const requests = latestRequest({
    ask: () => getJson('/tokenize', { text: input.value, model: options.model }, (message) => status.show(message)),
    onAnswer: (result) => {
      status.clear();
      results.replaceChildren(...result.tokenizations.map((t) => strip(result.text, t)));
      summary.textContent = compare(result);
      el.dataset.text = result.text;
    },
    onFailure: (error) => status.show(error),
    delay: 200,
  });
  input.addEventListener('input', () => requests.later());
  el.append(controls, status.el, results, summary);
  requests.now();
}

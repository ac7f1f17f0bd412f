// Looks for induction heads in the playground model: it reads a text whose second half repeats the
// first, and for every head measures how much attention each repeated token puts on the token that
// followed its earlier occurrence, next to the attention on the previous token. The verdict is stated
// from the numbers, including when no head stands out, as can happen in a small, briefly trained model.
import { format, uniqueId } from './chart.js';
import { getJson, statusLine } from './api.js';
import { latestRequest } from './latest-request.js';
import { field, liveSummary } from './controls.js';
import { headScores } from './induction-scores.js';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function randomRepeat() {
  let s = '';
  for (let i = 0; i < 10; i += 1) {
    s += LETTERS[Math.floor(Math.random() * LETTERS.length)];
  }
  return `${s} ${s}`;
}

function verdict(result) {
  if (result.repeats === 0) {
    return 'No token of this text repeats an earlier one, so there is nothing to copy: repeat a part of it.';
  }
  const best = result.heads.reduce((a, b) => (b.induction > a.induction ? b : a));
  const prev = result.heads.reduce((a, b) => (b.previous > a.previous ? b : a));
  const name = (h) => `layer ${h.layer + 1}, head ${h.head + 1}`;
  const strong = best.induction >= 0.3 && best.induction >= 3 * result.chance;
  let text = `Strongest induction head: ${name(best)}, with ${format(best.induction, 2)} of its attention on the token after `
    + `the earlier copy (uniform attention would give ${format(result.chance, 2)}). `
    + `Strongest previous-token head: ${name(prev)} (${format(prev.previous, 2)} on the previous token). `;
  if (strong) {
    text += best.layer > prev.layer
      ? 'The induction head sits in a later layer than the previous-token head, as the two-layer circuit needs.'
      : 'The pattern is there, although the strongest previous-token head is not in an earlier layer.';
  } else {
    text += 'No head stands out clearly: this small model shows at most a weak induction pattern on this text.';
  }
  return text;
}

export function mount(el, options) {
  const id = uniqueId('induction');
  const controls = document.createElement('div');
  controls.className = 'widget-controls';
  const prompt = field(controls, `${id}-prompt`, 'Text', 'text', 'prompt', options.prompt || randomRepeat(), { maxlength: '64' });
  const again = document.createElement('button');
  again.type = 'button';
  again.textContent = 'New random string';
  controls.appendChild(again);
  const status = statusLine();
  status.clear();
  const table = document.createElement('table');
  table.className = 'widget-table induction-table';
  const summary = liveSummary();
  const note = document.createElement('p');
  note.className = 'widget-note';
  note.textContent = 'Induction: mean attention of each repeated token on the token right after its earlier occurrence. '
    + 'Previous: mean attention on the token just before. Each cell is one head; darker means more.';

  function draw(result, tokens) {
    table.replaceChildren();
    const caption = table.createCaption();
    caption.textContent = `Attention scores per head over ${tokens} tokens (${result.repeats} repeated)`;
    const head = table.insertRow();
    ['Layer', 'Head', 'Induction', 'Previous token'].forEach((h) => {
      const th = document.createElement('th');
      th.textContent = h;
      head.appendChild(th);
    });
    for (const h of result.heads) {
      const tr = table.insertRow();
      tr.dataset.layer = String(h.layer + 1);
      tr.dataset.head = String(h.head + 1);
      tr.insertCell().textContent = String(h.layer + 1);
      tr.insertCell().textContent = String(h.head + 1);
      for (const [value, cls] of [[h.induction, 'induction'], [h.previous, 'previous']]) {
        const td = tr.insertCell();
        td.className = `score-${cls}`;
        td.textContent = format(value, 2);
        td.style.background = `color-mix(in srgb, var(--accent) ${Math.round(100 * Math.min(1, value))}%, transparent)`;
      }
    }
    summary.textContent = verdict(result);
  }

  const requests = latestRequest({
    ask: () => getJson('/attention', { prompt: prompt.value, model: options.model }, (m) => status.show(m)),
    onAnswer: (data) => {
      status.clear();
      draw(headScores(data.probabilities, data.tokens), data.tokens.length);
    },
    onFailure: (error) => status.show(error),
    delay: 300,
  });
  const update = () => requests.now();
  prompt.addEventListener('input', () => requests.later());
  again.addEventListener('click', () => {
    prompt.value = randomRepeat();
    update();
  });
  el.append(controls, status.el, summary, table, note);
  update();
}

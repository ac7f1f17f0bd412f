// The logit lens on the playground model: the next-token guesses that the final LayerNorm and the head
// make of the residual stream after the embedding and after every block, for the last token of the
// reader's text. The summary says at which depth the model's final guess first comes out on top.
import { format, uniqueId } from './chart.js';
import { getJson, statusLine } from './api.js';
import { latestRequest } from './latest-request.js';
import { field, liveSummary } from './controls.js';
import { visible } from './next-token.js';

function summarize(lens) {
  const last = lens.stages[lens.stages.length - 1];
  const target = visible(last.top[0].text);
  const first = lens.stages.find((s) => s.finalTokenRank === 1);
  const start = lens.stages[0];
  const after = `"${visible(lens.tokenTexts[lens.tokenTexts.length - 1])}"`;
  if (first === start) {
    return `After ${after} the model's final guess "${target}" is already the top guess of the embedding alone: `
      + 'this next token follows from the current token, and the blocks only change how sure the model is '
      + `(${format(start.finalTokenProbability, 2)} at the embedding, ${format(last.finalTokenProbability, 2)} at the end).`;
  }
  const echo = start.top[0].text === lens.tokenTexts[lens.tokenTexts.length - 1]
    ? ' At the embedding the lens returns the current token itself: the head is the embedding table transposed.' : '';
  return `After ${after} the model's final guess "${target}" ranks ${start.finalTokenRank} at the embedding `
    + `(probability ${format(start.finalTokenProbability, 2)}) and first comes out on top after ${first.name}; `
    + `at the end its probability is ${format(last.finalTokenProbability, 2)}.${echo}`;
}

export function mount(el, options) {
  const id = uniqueId('logit-lens');
  const controls = document.createElement('div');
  controls.className = 'widget-controls';
  const prompt = field(controls, `${id}-prompt`, 'Text', 'text', 'prompt', options.prompt || 'The attention hea', { maxlength: '1000' });
  const status = statusLine();
  status.clear();
  const summary = liveSummary();
  const table = document.createElement('table');
  table.className = 'widget-table logit-lens-table';
  const note = document.createElement('p');
  note.className = 'widget-note';
  note.textContent = 'Each row reads the residual stream at one depth through the final LayerNorm and the output head. '
    + 'The last column follows the token the full model finally predicts.';

  function draw(lens) {
    table.replaceChildren();
    table.createCaption().textContent = 'Next-token guesses after each layer';
    const head = table.insertRow();
    ['Depth', 'Top guesses', 'Final guess: probability (rank)'].forEach((h) => {
      const th = document.createElement('th');
      th.textContent = h;
      head.appendChild(th);
    });
    for (const stage of lens.stages) {
      const tr = table.insertRow();
      tr.dataset.stage = String(stage.stage);
      const th = document.createElement('th');
      th.textContent = stage.name;
      tr.appendChild(th);
      tr.insertCell().textContent = stage.top.map((t) => `${visible(t.text)} ${format(t.probability, 2)}`).join(' · ');
      const cell = tr.insertCell();
      cell.textContent = `${format(stage.finalTokenProbability, 2)} (${stage.finalTokenRank})`;
      cell.style.background = `color-mix(in srgb, var(--accent) ${Math.round(100 * stage.finalTokenProbability)}%, transparent)`;
    }
    summary.textContent = summarize(lens);
  }

  const requests = latestRequest({
    ask: () => {
      if (!prompt.value) {
        status.show('Type some text.');
        return null;
      }
      return getJson('/logit-lens', { prompt: prompt.value, model: options.model }, (m) => status.show(m));
    },
    onAnswer: (lens) => {
      status.clear();
      draw(lens);
    },
    onFailure: (error) => status.show(error),
    delay: 300,
  });
  const update = () => requests.now();
  prompt.addEventListener('input', () => requests.later());
  el.append(controls, status.el, summary, table, note);
  update();
}

// The model's next-token distribution: edit the prompt, move temperature, top-k and top-p, and watch
// the bars of the most likely tokens sharpen, flatten or get cut off, with the entropy.
import { svg, color, downloadButtons, format, uniqueId } from './chart.js';
import { getJson, statusLine } from './api.js';
import { latestRequest } from './latest-request.js';
import { field, slider, liveSummary, tableDetails } from './controls.js';

const WIDTH = 560;
const HEIGHT = 240;
const TOP = 24;
const BOTTOM = 40;
const SHOWN = 12;

/** A token as a reader can see it: spaces and line breaks made visible. */
export function visible(text) {
  return text.replace(/\n/g, '↵').replace(/ /g, '␣').replace(/\t/g, '⇥') || '∅';
}

export function mount(el, options) {
  const id = uniqueId('next-token');
  const controls = document.createElement('div');
  controls.className = 'widget-controls';
  const prompt = field(controls, `${id}-prompt`, 'Prompt', 'text', 'prompt', options.prompt || 'The cat sat on the',
    { maxlength: '1000' });
  const t = slider(controls, `${id}-t`, 'Temperature', 'temperature', 0, 2, 0.05, options.temperature || 1);
  // Until the model answers with its vocabulary size (the slider's real end), allow what an author may set.
  const k = slider(controls, `${id}-k`, 'Top-k', 'top-k', 0, 100, 1, options.topK || 0);
  const p = slider(controls, `${id}-p`, 'Top-p', 'top-p', 0.05, 1, 0.05, options.topP || 1);

  const status = statusLine();
  status.clear();
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', class: 'widget-chart next-token-chart' });
  const title = svg('title', {}, chart);
  title.textContent = 'Next-token probabilities (waiting for the model)';
  const summary = liveSummary();
  const explain = document.createElement('p');
  explain.className = 'widget-note';
  explain.textContent = 'Greedy decoding always takes the tallest bar (temperature 0); sampling draws a token at random '
    + 'with these probabilities, so lower temperatures, a small k or a small p make it more predictable.';
  const { details, table } = tableDetails('Show as a table');

  function draw(result) {
    while (chart.lastChild !== title) {
      chart.removeChild(chart.lastChild);
    }
    const top = result.top.slice(0, SHOWN);
    const slot = WIDTH / SHOWN;
    const barWidth = slot * 0.7;
    const plot = HEIGHT - TOP - BOTTOM;
    const fill = color('--accent');
    top.forEach((tok, i) => {
      const h = Math.max(0, tok.probability * plot);
      const x = i * slot + (slot - barWidth) / 2;
      const rect = svg('rect', { class: 'bar', x, y: HEIGHT - BOTTOM - h, width: barWidth, height: h, fill, 'data-token': tok.text }, chart);
      svg('title', {}, rect).textContent = `${visible(tok.text)}: ${format(tok.probability)}`;
      svg('text', { x: x + barWidth / 2, y: HEIGHT - BOTTOM - h - 4, 'text-anchor': 'middle', 'font-size': 11, fill: 'currentColor' }, chart)
        .textContent = format(tok.probability, 2);
      svg('text', { x: x + barWidth / 2, y: HEIGHT - BOTTOM + 16, 'text-anchor': 'middle', 'font-size': 13, fill: 'currentColor' }, chart)
        .textContent = visible(tok.text);
    });
    svg('line', { x1: 0, x2: WIDTH, y1: HEIGHT - BOTTOM, y2: HEIGHT - BOTTOM, stroke: 'currentColor', 'stroke-width': 1 }, chart);
    const best = top[0];
    title.textContent = `Next-token probabilities after "${prompt.value}"`;
    summary.textContent = best
      ? `Most likely: "${visible(best.text)}" (${format(best.probability)}). Entropy ${format(result.entropyBits, 2)} bits over ${result.candidates} candidate tokens.`
      : 'No candidates.';
    table.replaceChildren();
    const head = table.insertRow();
    for (const h of ['Token', 'Probability']) {
      const th = document.createElement('th');
      th.textContent = h;
      head.appendChild(th);
    }
    for (const tok of result.top) {
      const row = table.insertRow();
      row.insertCell().textContent = visible(tok.text);
      row.insertCell().textContent = format(tok.probability);
    }
  }

  function ask() {
    t.out.textContent = Number(t.input.value) === 0 ? '0 (greedy)' : format(t.input.value, 2);
    k.out.textContent = Number(k.input.value) === 0 ? 'off' : k.input.value;
    p.out.textContent = format(p.input.value, 2);
    if (!prompt.value) {
      status.show('Type a prompt.');
      return null;
    }
    return getJson('/next-token', {
      prompt: prompt.value,
      temperature: t.input.value,
      topK: Number(k.input.value) > 0 ? k.input.value : undefined,
      topP: p.input.value,
      model: options.model,
    }, (message) => status.show(message));
  }
  const requests = latestRequest({
    ask,
    onAnswer: (result) => {
      status.clear();
      k.input.max = String(result.vocabSize);
      draw(result);
      chart.dataset.temperature = t.input.value;
      chart.dataset.topK = k.input.value;
    },
    onFailure: (error) => status.show(error),
    delay: 150,
  });
  for (const input of [prompt, t.input, k.input, p.input]) {
    input.addEventListener('input', () => requests.later());
  }
  el.append(controls, status.el, chart, downloadButtons(chart, 'next-token'), summary, explain, details);
  requests.now();
}

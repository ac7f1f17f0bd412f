// Every head of the model attending over the reader's own sentence: a layer × head grid of small heat
// maps and a large view of the selected head with token labels (spaces shown as ␣); hover, focus or
// click a query token to pick its row, which is also spelled out below the map as the tokens it
// attends to, each shaded by its weight (readable however long the sentence). With options.view
// 'layer' (the attention-heads widget) the grid holds only one layer's heads, larger, side by side, with
// a layer picker: a comparison of heads rather than an overview. The weights are also offered as a table.
import { svg, color, downloadButtons, format, uniqueId } from './chart.js';
import { getJson, statusLine } from './api.js';
import { latestRequest } from './latest-request.js';
import { field, liveSummary, tableDetails } from './controls.js';
import { visible } from './next-token.js';

const SMALL = 64;
const COMPARED = 150; // a head's map when one layer's heads are compared
const LARGE = 420;
const MARGIN = 44;

function heatmap(parent, matrix, size, cls, fill) {
  const n = matrix.length;
  const cell = size / n;
  const group = svg('g', { class: cls }, parent);
  matrix.forEach((row, q) => row.forEach((w, k) => {
    svg('rect', {
      class: 'cell', x: k * cell, y: q * cell, width: cell, height: cell, fill, 'fill-opacity': Math.max(0.02, w),
      'data-query': q, 'data-key': k, 'data-value': format(w),
    }, group);
  }));
  return group;
}

export function mount(el, options) {
  const id = uniqueId('attention');
  const controls = document.createElement('div');
  controls.className = 'widget-controls';
  const prompt = field(controls, `${id}-prompt`, 'Sentence', 'text', 'prompt', options.prompt || 'The cat sat on the mat',
    { maxlength: '1000' });

  const status = statusLine();
  status.clear();
  const grid = document.createElement('div');
  grid.className = 'attention-grid';
  grid.setAttribute('role', 'group');
  grid.setAttribute('aria-label', 'Pick a head');
  const chart = svg('svg', { viewBox: `0 0 ${LARGE + MARGIN} ${LARGE + MARGIN}`, role: 'img', class: 'widget-chart attention-large' });
  const title = svg('title', {}, chart);
  title.textContent = 'Attention weights of one head (waiting for the model)';
  const summary = liveSummary();
  const queries = document.createElement('div');
  queries.className = 'widget-controls attention-queries';
  const { details, table } = tableDetails('Show the selected head as a table');
  const byLayer = options.view === 'layer';
  const row = document.createElement('p');
  row.className = 'attention-row';
  row.setAttribute('aria-live', 'polite');
  let layerPicker = null;
  if (byLayer) {
    const label = document.createElement('label');
    label.textContent = 'Layer ';
    layerPicker = document.createElement('select');
    layerPicker.className = 'layer';
    layerPicker.id = `${id}-layer`;
    label.htmlFor = layerPicker.id;
    controls.append(label, layerPicker);
  }

  let data = null;
  let selected = { layer: Math.max(0, Number(options.layer || 1) - 1), head: 0 };
  let query = null;

  function highlight(q) {
    chart.querySelectorAll('rect.row-highlight').forEach((r) => r.remove());
    if (q === null || !data) {
      return;
    }
    const n = data.tokenTexts.length;
    const cell = LARGE / n;
    svg('rect', {
      class: 'row-highlight', x: MARGIN, y: MARGIN + q * cell, width: LARGE, height: cell,
      fill: 'none', stroke: color('--fg'), 'stroke-width': 2,
    }, chart);
    const weights = data.probabilities[selected.layer][selected.head][q];
    query = q;
    let best = 0;
    weights.forEach((w, k) => { if (w > weights[best]) best = k; });
    row.replaceChildren();
    const lead = document.createElement('span');
    lead.className = 'attention-row-lead';
    lead.textContent = `"${visible(data.tokenTexts[q])}" attends to: `;
    row.appendChild(lead);
    weights.slice(0, q + 1).forEach((w, k) => {
      const key = document.createElement('span');
      key.className = 'attention-key';
      key.textContent = visible(data.tokenTexts[k]);
      key.title = `position ${k + 1}, weight ${format(w, 2)}`;
      key.dataset.weight = format(w, 3);
      key.style.backgroundColor = `color-mix(in srgb, var(--accent) ${Math.round(100 * w)}%, transparent)`;
      row.appendChild(key);
    });
    summary.textContent = `Layer ${selected.layer + 1}, head ${selected.head + 1}: "${visible(data.tokenTexts[q])}" (position ${q + 1}) `
      + `attends most to "${visible(data.tokenTexts[best])}" (position ${best + 1}, weight ${format(weights[best], 2)}).`;
  }

  function drawLarge() {
    while (chart.lastChild !== title) {
      chart.removeChild(chart.lastChild);
    }
    const matrix = data.probabilities[selected.layer][selected.head];
    const tokens = data.tokenTexts.map(visible);
    const n = tokens.length;
    const cell = LARGE / n;
    title.textContent = `Attention weights of layer ${selected.layer + 1}, head ${selected.head + 1}: rows are queries, columns keys`;
    const g = heatmap(chart, matrix, LARGE, 'attention-head', color('--accent'));
    g.setAttribute('transform', `translate(${MARGIN},${MARGIN})`);
    const font = Math.max(7, Math.min(13, cell * 0.8));
    tokens.forEach((tok, i) => {
      svg('text', { x: MARGIN - 4, y: MARGIN + (i + 0.5) * cell, 'text-anchor': 'end', 'dominant-baseline': 'middle', 'font-size': font, fill: 'currentColor' }, chart)
        .textContent = tok;
      svg('text', { x: MARGIN + (i + 0.5) * cell, y: MARGIN - 6, 'text-anchor': 'middle', 'font-size': font, fill: 'currentColor' }, chart)
        .textContent = tok;
    });
    g.addEventListener('mouseover', (e) => {
      if (e.target.dataset && e.target.dataset.query !== undefined) {
        highlight(Number(e.target.dataset.query));
      }
    });
    queries.replaceChildren();
    const label = document.createElement('span');
    label.textContent = 'Query token: ';
    queries.appendChild(label);
    tokens.forEach((tok, q) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'query-token';
      b.textContent = tok;
      b.setAttribute('aria-label', `Highlight what "${tok}" at position ${q + 1} attends to`);
      b.addEventListener('focus', () => highlight(q));
      b.addEventListener('mouseenter', () => highlight(q));
      b.addEventListener('click', () => highlight(q));
      queries.appendChild(b);
    });
    table.replaceChildren();
    const head = table.insertRow();
    for (const h of ['Query ↓ / key →', ...tokens]) {
      const th = document.createElement('th');
      th.textContent = h;
      head.appendChild(th);
    }
    matrix.forEach((row, q) => {
      const tr = table.insertRow();
      const th = document.createElement('th');
      th.textContent = tokens[q];
      tr.appendChild(th);
      row.forEach((w) => { tr.insertCell().textContent = format(w, 2); });
    });
    highlight(query !== null && query < n ? query : n - 1);
  }

  function drawGrid() {
    grid.replaceChildren();
    const layers = data.probabilities.length;
    const heads = data.probabilities[0].length;
    grid.style.gridTemplateColumns = `repeat(${heads}, auto)`;
    const fill = color('--accent');
    if (layerPicker && layerPicker.options.length !== layers) {
      layerPicker.replaceChildren(...data.probabilities.map((_, l) => new Option(String(l + 1), String(l))));
    }
    if (layerPicker) {
      layerPicker.value = String(selected.layer);
    }
    const size = byLayer ? COMPARED : SMALL;
    for (let l = byLayer ? selected.layer : 0; l < (byLayer ? selected.layer + 1 : layers); l += 1) {
      for (let h = 0; h < heads; h += 1) {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'attention-thumb';
        b.setAttribute('aria-label', `Layer ${l + 1}, head ${h + 1}`);
        b.setAttribute('aria-pressed', String(l === selected.layer && h === selected.head));
        b.dataset.layer = String(l);
        b.dataset.head = String(h);
        const small = svg('svg', { viewBox: `0 0 ${size} ${size}`, class: byLayer ? 'attention-small compared' : 'attention-small', 'aria-hidden': 'true' }, b);
        heatmap(small, data.probabilities[l][h], size, 'attention-head', fill);
        if (byLayer) {
          const caption = document.createElement('span');
          caption.className = 'attention-thumb-caption';
          caption.textContent = `head ${h + 1}`;
          b.appendChild(caption);
        }
        b.addEventListener('click', () => {
          selected = { layer: l, head: h };
          grid.querySelectorAll('button').forEach((x) => x.setAttribute('aria-pressed', String(x === b)));
          drawLarge();
        });
        grid.appendChild(b);
      }
    }
  }

  const requests = latestRequest({
    ask: () => {
      if (!prompt.value) {
        status.show('Type a sentence.');
        return null;
      }
      return getJson('/attention', { prompt: prompt.value, model: options.model }, (m) => status.show(m));
    },
    onAnswer: (result) => {
      status.clear();
      data = result;
      selected.layer = Math.min(selected.layer, data.probabilities.length - 1);
      selected.head = Math.min(selected.head, data.probabilities[0].length - 1);
      drawGrid();
      drawLarge();
    },
    onFailure: (error) => status.show(error),
    delay: 300,
  });
  const update = () => requests.now();
  if (layerPicker) {
    layerPicker.addEventListener('change', () => {
      selected = { layer: Number(layerPicker.value), head: 0 };
      drawGrid();
      drawLarge();
    });
  }
  prompt.addEventListener('input', () => requests.later());
  const note = document.createElement('p');
  note.className = 'widget-note';
  note.textContent = (byLayer
    ? 'Each map is one head of the chosen layer, side by side: compare what they look at; pick one to enlarge it. '
    : 'Each small map is one head (rows: layers, columns: heads); pick one to enlarge it. ')
    + 'Row i shows how query token i spreads its attention over the tokens up to it (the causal mask leaves the upper right empty); '
    + 'pick a query token to spell its row out. ␣ is a space: a word piece that starts with one begins a new word.';
  el.append(controls, status.el, grid, chart, downloadButtons(chart, 'attention'), queries, summary, row, note, details);
  update();
}

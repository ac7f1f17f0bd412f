// The model's token embeddings on a page: every token's vector flattened onto the two directions along
// which the vectors vary most (PCA), one point per token. Click a point, or pick a token from the list,
// to highlight its nearest tokens by cosine similarity in the full embedding space.
import { svg, color, downloadButtons, format, uniqueId } from './chart.js';
import { getJson, statusLine, ApiError } from './api.js';
import { latestRequest } from './latest-request.js';
import { liveSummary } from './controls.js';
import { visible } from './next-token.js';

const WIDTH = 560;
const HEIGHT = 420;
const MARGIN = 28;

export function mount(el, options) {
  const id = uniqueId('embeddings');
  const controls = document.createElement('div');
  controls.className = 'widget-controls';
  const pickLabel = document.createElement('label');
  pickLabel.htmlFor = `${id}-token`;
  pickLabel.textContent = 'Token ';
  const pick = document.createElement('select');
  pick.id = `${id}-token`;
  pick.className = 'embedding-token';
  pickLabel.appendChild(pick);
  const kLabel = document.createElement('label');
  kLabel.htmlFor = `${id}-k`;
  kLabel.textContent = 'Neighbours ';
  const k = document.createElement('input');
  k.type = 'number';
  k.id = `${id}-k`;
  k.className = 'embedding-k';
  k.min = '1';
  k.max = '50';
  k.value = options.k || '8';
  kLabel.appendChild(k);
  controls.append(pickLabel, kLabel);

  const status = statusLine();
  status.clear();
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', class: 'widget-chart embeddings-chart' });
  const title = svg('title', {}, chart);
  title.textContent = 'Token embeddings projected to two dimensions (waiting for the model)';
  const pointsLayer = svg('g', { class: 'points' }, chart);
  const highlightLayer = svg('g', { class: 'highlights', 'pointer-events': 'none' }, chart);
  const summary = liveSummary();
  const list = document.createElement('ol');
  list.className = 'neighbour-list';

  let data = null;
  let place = null; // token id → [x, y] on the chart

  function drawPoints(result) {
    data = result;
    const xs = result.points.map((p) => p.x);
    const ys = result.points.map((p) => p.y);
    const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
    const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
    const sx = (x) => MARGIN + ((x - x0) / ((x1 - x0) || 1)) * (WIDTH - 2 * MARGIN);
    const sy = (y) => HEIGHT - MARGIN - ((y - y0) / ((y1 - y0) || 1)) * (HEIGHT - 2 * MARGIN);
    place = new Map(result.points.map((p) => [p.id, [sx(p.x), sy(p.y)]]));
    pointsLayer.replaceChildren();
    const [rx, ry] = result.explainedVarianceRatio.map((r) => `${Math.round(100 * r)}%`);
    title.textContent = `Token embeddings of the model (${result.vocabSize} tokens, ${result.dimensions} dimensions) projected `
      + `onto their first two principal components, which show ${rx} and ${ry} of the variance`;
    svg('text', { x: WIDTH - MARGIN, y: HEIGHT - 8, 'text-anchor': 'end', 'font-size': 12, fill: 'currentColor' }, pointsLayer)
      .textContent = `1st component (${rx} of the variance) →`;
    svg('text', { x: 8, y: MARGIN - 10, 'font-size': 12, fill: 'currentColor' }, pointsLayer)
      .textContent = `↑ 2nd component (${ry})`;
    const fill = color('--accent');
    for (const p of result.points) {
      const [x, y] = place.get(p.id);
      const dot = svg('circle', { class: 'point', cx: x, cy: y, r: 3.5, fill, 'fill-opacity': 0.55, 'data-id': p.id }, pointsLayer);
      svg('title', {}, dot).textContent = `${visible(p.text)} (id ${p.id})`;
      svg('text', { class: 'point-label', x: x + 5, y: y + 4, 'font-size': 10, fill: 'currentColor', 'fill-opacity': 0.7, 'data-id': p.id }, pointsLayer)
        .textContent = visible(p.text);
    }
    const previous = pick.value;
    pick.replaceChildren(new Option('(none)', ''));
    for (const p of result.points) {
      pick.appendChild(new Option(`${visible(p.text)} (id ${p.id})`, String(p.id)));
    }
    pick.value = previous;
  }

  function drawSelection(result) {
    highlightLayer.replaceChildren();
    list.replaceChildren();
    // The highlighted tokens get a large label of their own: hide their small one.
    const marked = new Set(result.token ? [result.token.id, ...result.neighbours.map((n) => n.id)].map(String) : []);
    pointsLayer.querySelectorAll('text.point-label').forEach((label) => {
      label.style.visibility = marked.has(label.dataset.id) ? 'hidden' : '';
    });
    if (!result.token) {
      summary.textContent = `${result.vocabSize} tokens. Click a point or choose a token to see its nearest neighbours.`;
      delete chart.dataset.selected;
      return;
    }
    const [x, y] = place.get(result.token.id);
    const stroke = color('--fg');
    for (const n of result.neighbours) {
      const [nx, ny] = place.get(n.id);
      svg('line', { class: 'neighbour-line', x1: x, y1: y, x2: nx, y2: ny, stroke, 'stroke-opacity': 0.35, 'stroke-width': 1 }, highlightLayer);
    }
    for (const n of result.neighbours) {
      const [nx, ny] = place.get(n.id);
      svg('circle', { class: 'neighbour', cx: nx, cy: ny, r: 5, fill: 'none', stroke, 'stroke-width': 2, 'data-id': n.id }, highlightLayer);
      svg('text', { x: nx + 7, y: ny - 5, 'font-size': 13, 'font-weight': 600, fill: 'currentColor' }, highlightLayer)
        .textContent = visible(n.text);
      const item = document.createElement('li');
      item.textContent = `${visible(n.text)} (id ${n.id}): cosine similarity ${format(n.similarity, 3)}`;
      list.appendChild(item);
    }
    svg('circle', { class: 'selected', cx: x, cy: y, r: 7, fill: color('--accent'), stroke, 'stroke-width': 2 }, highlightLayer);
    svg('text', { x: x + 9, y: y + 5, 'font-size': 15, 'font-weight': 700, fill: 'currentColor' }, highlightLayer)
      .textContent = visible(result.token.text);
    const best = result.neighbours[0];
    summary.textContent = `"${visible(result.token.text)}" (id ${result.token.id}): its ${result.neighbours.length} nearest tokens by `
      + `cosine similarity in all ${result.dimensions} dimensions${best ? `, closest "${visible(best.text)}" (${format(best.similarity, 3)})` : ''}. `
      + 'Neighbours on the page can be far apart in the full space, and the other way round: two dimensions show only part of it.';
    chart.dataset.selected = String(result.token.id);
  }

  const requests = latestRequest({
    ask: (token) => {
      const kValue = Math.min(50, Math.max(1, Math.round(Number(k.value) || 8)));
      return getJson('/embeddings', { model: options.model, token, k: token !== undefined ? kValue : undefined },
        (message) => status.show(message));
    },
    onAnswer: (result) => {
      status.clear();
      if (!data || data.model !== result.model || data.points.length !== result.points.length) {
        drawPoints(result);
      }
      drawSelection(result);
      pick.value = result.token ? String(result.token.id) : '';
    },
    onFailure: (error, token) => {
      status.show(error);
      if (error instanceof ApiError && token !== undefined && !data) {
        update(); // the token the page asked for is not in this model's vocabulary: show the map without it
      }
    },
    delay: 200,
  });
  const update = (token) => requests.now(token);

  pointsLayer.addEventListener('click', (event) => {
    const target = event.target.closest('circle.point');
    if (target) {
      update(target.dataset.id);
    }
  });
  pick.addEventListener('change', () => update(pick.value === '' ? undefined : pick.value));
  k.addEventListener('input', () => requests.later(pick.value === '' ? undefined : pick.value));
  el.append(controls, status.el, chart, downloadButtons(chart, 'embeddings'), summary, list);
  update(options.token || undefined);
}

// Sinusoidal positional encodings: the encoding matrix as a heatmap (positions down, dimensions across),
// and the dot product between one position's encoding and every other's as a function of distance.
import { svg, color, downloadButtons, format, uniqueId } from './chart.js';
import { slider, liveSummary } from './controls.js';

export function encoding(positions, dimensions, base) {
  const rows = [];
  for (let pos = 0; pos < positions; pos++) {
    const row = new Array(dimensions);
    for (let i = 0; i < dimensions; i += 2) {
      const angle = pos / base ** (i / dimensions);
      row[i] = Math.sin(angle);
      if (i + 1 < dimensions) {
        row[i + 1] = Math.cos(angle);
      }
    }
    rows.push(row);
  }
  return rows;
}

function dot(a, b) {
  return a.reduce((s, v, i) => s + v * b[i], 0);
}

// A diverging colour: negative toward one hue, positive toward another, white-ish at zero.
function heat(v) {
  const t = (v + 1) / 2;
  const r = Math.round(255 * Math.min(1, 2 * t));
  const b = Math.round(255 * Math.min(1, 2 * (1 - t)));
  const g = Math.round(255 * (1 - Math.abs(2 * t - 1)) * 0.85 + 30);
  return `rgb(${r}, ${g}, ${b})`;
}

export function mount(el, options) {
  const positions = Number(options.positions);
  const dimensions = Number(options.dimensions);
  const base = Number(options.base);
  const pe = encoding(positions, dimensions, base);
  const id = uniqueId('pe');

  const cell = Math.max(4, Math.floor(480 / Math.max(positions, dimensions)));
  const left = 40;
  const top = 20;
  const map = svg('svg', { viewBox: `0 0 ${left + dimensions * cell + 10} ${top + positions * cell + 30}`, role: 'img', class: 'widget-chart pe-heatmap' });
  svg('title', {}, map).textContent = `Sinusoidal encoding of ${positions} positions across ${dimensions} dimensions; `
    + 'early dimensions change fast with position, later ones slowly.';
  pe.forEach((row, p) => row.forEach((v, d) => {
    svg('rect', { class: 'cell', x: left + d * cell, y: top + p * cell, width: cell, height: cell, fill: heat(v),
      'data-position': p, 'data-dimension': d, 'data-value': format(v, 3) }, map);
  }));
  svg('text', { x: left, y: 14, 'font-size': 11, fill: 'currentColor' }, map).textContent = 'dimension →';
  svg('text', { x: 4, y: top + 10, 'font-size': 11, fill: 'currentColor' }, map).textContent = 'pos ↓';

  const controls = document.createElement('div');
  controls.className = 'widget-controls';
  const { input: picker, out: shown } = slider(controls, `${id}-p`, 'Compare position', 'position', 0, positions - 1, 1,
    Math.floor(positions / 2));

  const W = 480;
  const H = 180;
  const line = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', class: 'widget-chart pe-similarity' });
  const lineTitle = svg('title', {}, line);
  const summary = liveSummary();

  function drawSimilarity() {
    const p = Number(picker.value);
    shown.textContent = String(p);
    while (line.lastChild !== lineTitle) {
      line.removeChild(line.lastChild);
    }
    const values = pe.map((row) => dot(pe[p], row));
    const max = dimensions / 2;
    const x = (q) => 30 + (q / (positions - 1)) * (W - 40);
    const y = (v) => 10 + (1 - (v + max) / (2 * max)) * (H - 30);
    svg('line', { x1: 30, x2: W - 10, y1: y(0), y2: y(0), stroke: 'currentColor', 'stroke-width': 0.5 }, line);
    svg('polyline', { points: values.map((v, q) => `${x(q)},${y(v)}`).join(' '), fill: 'none',
      stroke: color('--accent'), 'stroke-width': 2, class: 'similarity' }, line);
    svg('circle', { cx: x(p), cy: y(values[p]), r: 4, fill: color('--accent') }, line);
    svg('text', { x: 30, y: H - 4, 'font-size': 11, fill: 'currentColor' }, line).textContent = 'position →';
    lineTitle.textContent = `Dot product of position ${p}'s encoding with every position's`;
    const far = values.reduce((best, v, q) => (Math.abs(q - p) > 0 && v > best.v ? { v, q } : best), { v: -Infinity, q: -1 });
    summary.textContent = `Position ${p} is most similar to itself (${format(values[p], 2)} = d/2) and to its neighbours; `
      + `the next most similar position is ${far.q} (${format(far.v, 2)}). The curve has the same shape wherever you put ${p}: `
      + 'the similarity depends on the distance, not on the absolute position.';
  }

  picker.addEventListener('input', drawSimilarity);
  el.append(map, downloadButtons(map, 'positional-encoding'), controls, line, summary, downloadButtons(line, 'position-similarity'));
  drawSimilarity();
}

// Steps through a worked recurrent-network example one word at a time. The numbers are the ones the
// document prints: read from the page's own numbers blocks, so widget and text cannot disagree.
import { svg, color, downloadButtons, format } from './chart.js';

function blockValues(id) {
  const figure = document.getElementById(`numbers-${id}`);
  if (!figure) {
    throw new Error(`no numbers block ${id} on this page`);
  }
  return JSON.parse(figure.dataset.values);
}

// The first value whose name is the letter followed only by digits (h2, p2, ...): one row of numbers.
function pick(values, letter) {
  const name = Object.keys(values).find((n) => new RegExp(`^${letter}\\d*$`).test(n));
  return name ? values[name][0].map(Number) : null;
}

const SIZE = 260;

export function mount(el, options) {
  const ids = options.steps.split(',').map((s) => s.trim());
  const words = options.words.split(',').map((s) => s.trim());
  const vocabulary = options.vocabulary.split(',').map((s) => s.trim());
  const steps = ids.map((id) => {
    const values = blockValues(id);
    return { a: pick(values, 'a'), h: pick(values, 'h'), p: pick(values, 'p') };
  });
  let current = 0;

  const controls = document.createElement('div');
  controls.className = 'widget-controls';
  const previous = document.createElement('button');
  previous.type = 'button';
  previous.textContent = 'Previous word';
  const next = document.createElement('button');
  next.type = 'button';
  next.textContent = 'Next word';
  const status = document.createElement('p');
  status.className = 'widget-summary rnn-status';
  status.setAttribute('aria-live', 'polite');
  controls.append(previous, next);

  const plane = svg('svg', { viewBox: `0 0 ${SIZE} ${SIZE}`, role: 'img', class: 'widget-chart rnn-plane' });
  const planeTitle = svg('title', {}, plane);
  const bars = svg('svg', { viewBox: '0 0 360 200', role: 'img', class: 'widget-chart rnn-bars' });
  const barsTitle = svg('title', {}, bars);
  const charts = document.createElement('div');
  charts.className = 'rnn-charts';
  charts.append(plane, bars);

  const toX = (v) => SIZE / 2 + v * (SIZE / 2 - 20);
  const toY = (v) => SIZE / 2 - v * (SIZE / 2 - 20);

  function drawPlane() {
    while (plane.lastChild !== planeTitle) {
      plane.removeChild(plane.lastChild);
    }
    svg('rect', { x: toX(-1), y: toY(1), width: toX(1) - toX(-1), height: toY(-1) - toY(1), fill: 'none',
      stroke: 'currentColor', 'stroke-dasharray': '3 3' }, plane);
    svg('line', { x1: toX(-1), x2: toX(1), y1: toY(0), y2: toY(0), stroke: 'currentColor', 'stroke-width': 0.5 }, plane);
    svg('line', { x1: toX(0), x2: toX(0), y1: toY(-1), y2: toY(1), stroke: 'currentColor', 'stroke-width': 0.5 }, plane);
    const points = [[0, 0], ...steps.slice(0, current + 1).map((s) => s.h)];
    svg('polyline', { points: points.map(([a, b]) => `${toX(a)},${toY(b)}`).join(' '), fill: 'none',
      stroke: color('--muted'), 'stroke-width': 1.5, class: 'rnn-path' }, plane);
    points.forEach(([a, b], i) => {
      svg('circle', { cx: toX(a), cy: toY(b), r: i === points.length - 1 ? 6 : 3.5,
        fill: i === points.length - 1 ? color('--accent') : color('--muted'), class: 'rnn-point' }, plane);
      svg('text', { x: toX(a) + 8, y: toY(b) - 6, 'font-size': 11, fill: 'currentColor' }, plane)
        .textContent = i === 0 ? 'start' : words[i - 1];
    });
    const h = steps[current].h;
    planeTitle.textContent = `Hidden state after "${words[current]}": (${h.map((v) => format(v, 4)).join(', ')})`;
  }

  function drawBars() {
    while (bars.lastChild !== barsTitle) {
      bars.removeChild(bars.lastChild);
    }
    const p = steps[current].p;
    const slot = 360 / p.length;
    const top = Math.max(...p);
    p.forEach((q, i) => {
      const h = q * 150;
      svg('rect', { class: 'bar', x: i * slot + slot * 0.2, y: 170 - h, width: slot * 0.6, height: h,
        fill: q === top ? color('--accent') : color('--muted') }, bars);
      svg('text', { x: i * slot + slot / 2, y: 165 - h, 'text-anchor': 'middle', 'font-size': 11, fill: 'currentColor' }, bars)
        .textContent = format(q, 2);
      svg('text', { x: i * slot + slot / 2, y: 188, 'text-anchor': 'middle', 'font-size': 11, fill: 'currentColor' }, bars)
        .textContent = vocabulary[i];
    });
    barsTitle.textContent = `Next-word probabilities after "${words[current]}": `
      + vocabulary.map((w, i) => `${w} ${format(p[i], 4)}`).join(', ');
  }

  function draw() {
    drawPlane();
    drawBars();
    const { a, h, p } = steps[current];
    const best = vocabulary[p.indexOf(Math.max(...p))];
    status.textContent = `Step ${current + 1} of ${steps.length}: read "${words[current]}". `
      + `a = (${a.map((v) => format(v, 4)).join(', ')}), h = tanh(a) = (${h.map((v) => format(v, 4)).join(', ')}); `
      + `most likely next word: ${best}.`;
    previous.disabled = current === 0;
    next.disabled = current === steps.length - 1;
  }

  previous.addEventListener('click', () => { current = Math.max(0, current - 1); draw(); });
  next.addEventListener('click', () => { current = Math.min(steps.length - 1, current + 1); draw(); });
  el.append(controls, status, charts, downloadButtons(plane, 'rnn-hidden-state'));
  draw();
}

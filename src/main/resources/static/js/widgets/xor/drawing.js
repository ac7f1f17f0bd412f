// The XOR widget's drawings: the decision boundary as a heat map over the input square with the four
// points, the falling loss, the table of predictions and the learned weights.
import { svg, color, downloadButtons, format } from '../chart.js';

const MAP = 300; // boundary chart: square viewBox
const MAP_PAD = 30;
const LOSS_W = 360;
const LOSS_H = 240;
const LOSS_PAD = 36;

/** '#0b5cad' or 'rgb(11, 92, 173)' as [r, g, b]; null when the colour is in another notation. */
function rgb(text) {
  const hex = /^#([0-9a-f]{6})$/i.exec(text);
  if (hex) {
    const n = parseInt(hex[1], 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  const fn = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/i.exec(text);
  return fn ? [Number(fn[1]), Number(fn[2]), Number(fn[3])] : null;
}

function mix(a, b, t) {
  return `rgb(${a.map((v, i) => Math.round(v + (b[i] - v) * t)).join(', ')})`;
}

// Below 0.5 toward one colour, above toward the accent, the page background at 0.5: the boundary is where
// the colour fades out, in light and dark schemes alike. The colours are read once per drawing.
function palette() {
  const bg = rgb(color('--bg')) || [255, 255, 255];
  const one = rgb(color('--accent')) || [11, 92, 173];
  const zero = rgb(color('--warning')) || [154, 103, 0];
  return (p) => (p >= 0.5 ? mix(bg, one, (p - 0.5) * 2) : mix(bg, zero, (0.5 - p) * 2));
}

/** The network's output over the input square: setUp(start) once per run, then draw(grid) and label(predictions). */
export function boundaryChart() {
  const map = svg('svg', { viewBox: `0 0 ${MAP} ${MAP}`, role: 'img', class: 'widget-chart xor-boundary' });
  const title = svg('title', {}, map);
  title.textContent = 'The network\'s output over the input square; press Train to draw it.';
  const cellsLayer = svg('g', { class: 'cells', 'shape-rendering': 'crispEdges' }, map);
  const pointsLayer = svg('g', { class: 'points' }, map);
  const legend = document.createElement('p');
  legend.className = 'widget-note xor-legend';
  const box = document.createElement('div');
  box.append(map, legend, downloadButtons(map, 'xor-boundary'));
  let cells = [];
  let geometry = null;
  const x = (v) => MAP_PAD + ((v - geometry.gridMin) / (geometry.gridMax - geometry.gridMin)) * (MAP - 2 * MAP_PAD);
  const y = (v) => MAP - MAP_PAD - ((v - geometry.gridMin) / (geometry.gridMax - geometry.gridMin)) * (MAP - 2 * MAP_PAD);
  const text = (attributes, content) => {
    svg('text', { 'font-size': 11, fill: 'currentColor', ...attributes }, pointsLayer).textContent = content;
  };

  function setUp(start) {
    geometry = start;
    cellsLayer.replaceChildren();
    pointsLayer.replaceChildren();
    const n = start.gridSize;
    const step = (start.gridMax - start.gridMin) / (n - 1);
    const size = (MAP - 2 * MAP_PAD) / (n - 1);
    cells = [];
    for (let i = 0; i < n; i += 1) {
      const row = [];
      for (let j = 0; j < n; j += 1) {
        const cx = start.gridMin + j * step;
        const cy = start.gridMin + i * step;
        row.push(svg('rect', {
          class: 'cell', x: x(cx) - size / 2, y: y(cy) - size / 2, width: size + 0.5, height: size + 0.5,
          'data-x1': format(cx, 2), 'data-x2': format(cy, 2), fill: 'none',
        }, cellsLayer));
      }
      cells.push(row);
    }
    // axes: ticks at 0 and 1
    for (const v of [0, 1]) {
      text({ x: x(v), y: MAP - 8, 'text-anchor': 'middle' }, String(v));
      text({ x: 10, y: y(v) + 4, 'text-anchor': 'middle' }, String(v));
    }
    text({ x: MAP - MAP_PAD, y: MAP - 8, 'text-anchor': 'end' }, 'x₁');
    text({ x: 10, y: MAP_PAD - 12, 'text-anchor': 'middle' }, 'x₂');
    start.inputs.forEach((point, k) => {
      const one = start.targets[k] > 0.5;
      svg('circle', {
        class: `xor-point target-${one ? 1 : 0}`, cx: x(point[0]), cy: y(point[1]), r: 7,
        fill: one ? 'currentColor' : color('--bg'), stroke: 'currentColor', 'stroke-width': 2,
      }, pointsLayer);
      // A halo in the page colour keeps the label readable on any shade beneath it.
      svg('text', {
        class: 'xor-point-label', x: x(point[0]) + 10, y: y(point[1]) - 10, 'font-size': 11, fill: 'currentColor',
        stroke: color('--bg'), 'stroke-width': 3, 'paint-order': 'stroke',
      }, pointsLayer);
    });
  }

  function drawLegend(heat) {
    legend.replaceChildren();
    [[1, 'the network says 1, '], [0, 'it says 0; the colour fades out where ŷ is near 0.5, the decision boundary.']]
      .forEach(([p, words]) => {
        const swatch = document.createElement('span');
        swatch.className = 'xor-swatch';
        swatch.style.background = heat(p);
        legend.append(swatch, ` ${words} `);
      });
  }

  function draw(grid, description) {
    const heat = palette();
    drawLegend(heat);
    grid.forEach((row, i) => row.forEach((p, j) => {
      const cell = cells[i][j];
      cell.setAttribute('fill', heat(p));
      cell.setAttribute('data-value', format(p, 3));
    }));
    title.textContent = description;
  }

  function label(predictions) {
    pointsLayer.querySelectorAll('.xor-point-label').forEach((el, k) => {
      el.textContent = format(predictions[k], 2);
    });
  }

  return { box, setUp, draw, label };
}

/** The loss by epoch: draw(losses, totalEpochs, description) with losses as [epoch, loss] pairs. */
export function lossChart() {
  const chart = svg('svg', { viewBox: `0 0 ${LOSS_W} ${LOSS_H}`, role: 'img', class: 'widget-chart xor-loss' });
  const title = svg('title', {}, chart);
  title.textContent = 'Training loss by epoch; press Train to draw it.';
  const layer = svg('g', {}, chart);
  const box = document.createElement('div');
  box.append(chart, downloadButtons(chart, 'xor-loss'));
  const label = (attributes, content) => {
    svg('text', { 'font-size': 11, fill: 'currentColor', ...attributes }, layer).textContent = content;
  };

  function draw(losses, totalEpochs, description) {
    layer.replaceChildren();
    title.textContent = description;
    if (losses.length === 0) {
      return;
    }
    const maxY = Math.max(...losses.map((p) => p[1]), 0.1);
    const px = (v) => LOSS_PAD + (v / totalEpochs) * (LOSS_W - 2 * LOSS_PAD);
    const py = (v) => LOSS_H - LOSS_PAD - (v / maxY) * (LOSS_H - 2 * LOSS_PAD);
    svg('line', { x1: LOSS_PAD, x2: LOSS_W - LOSS_PAD, y1: LOSS_H - LOSS_PAD, y2: LOSS_H - LOSS_PAD, stroke: 'currentColor' }, layer);
    svg('line', { x1: LOSS_PAD, x2: LOSS_PAD, y1: LOSS_PAD, y2: LOSS_H - LOSS_PAD, stroke: 'currentColor' }, layer);
    label({ x: LOSS_PAD - 4, y: py(maxY) + 4, 'text-anchor': 'end' }, format(maxY, 2));
    label({ x: LOSS_PAD - 4, y: py(0) + 4, 'text-anchor': 'end' }, '0');
    label({ x: LOSS_W - LOSS_PAD, y: LOSS_H - LOSS_PAD + 16, 'text-anchor': 'end' }, `epoch ${totalEpochs}`);
    label({ x: LOSS_PAD + 4, y: LOSS_PAD - 8 }, 'loss (cross-entropy)');
    svg('polyline', {
      class: 'loss', fill: 'none', stroke: color('--accent'), 'stroke-width': 2,
      points: losses.map((p) => `${format(px(p[0]), 1)},${format(py(p[1]), 1)}`).join(' '),
    }, layer);
    chart.dataset.points = String(losses.length);
  }

  return { box, draw };
}

/** The four points, their target, the network's ŷ and whether it is on the right side of 0.5. */
export function drawPredictions(table, inputs, targets, predictions) {
  table.replaceChildren();
  const head = table.createTHead().insertRow();
  for (const text of ['x₁', 'x₂', 'XOR', 'ŷ', 'Right?']) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = text;
    head.appendChild(th);
  }
  const body = table.createTBody();
  inputs.forEach((point, k) => {
    const target = targets[k];
    const p = predictions[k];
    const right = (p > 0.5) === (target > 0.5);
    const row = body.insertRow();
    row.className = right ? 'right' : 'wrong';
    row.insertCell().textContent = String(point[0]);
    row.insertCell().textContent = String(point[1]);
    row.insertCell().textContent = String(target);
    row.insertCell().textContent = format(p, 3);
    row.insertCell().textContent = right ? 'yes' : 'no';
  });
}

/** The learned weights, rounded, in a details element that opens on demand. */
export function drawWeights(details, w) {
  const text = (m) => JSON.stringify(m.map((row) => (Array.isArray(row) ? row.map((v) => Number(format(v, 2))) : Number(format(row, 2)))));
  details.replaceChildren();
  const s = document.createElement('summary');
  s.textContent = 'Learned weights';
  const pre = document.createElement('pre');
  pre.textContent = `W1 = ${text(w.w1)}\nb1 = ${text(w.b1)}\nW2 = ${text(w.w2)}\nb2 = ${format(w.b2, 2)}`;
  details.append(s, pre);
  details.hidden = false;
}

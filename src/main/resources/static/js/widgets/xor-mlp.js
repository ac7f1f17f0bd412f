// XOR, learned: the server trains a small MLP on the four XOR points and streams its progress; the page
// draws the falling loss, the decision boundary as a heat map over the input square, and the predictions.
// Reports arrive faster than a reader can follow, so they are queued and drawn at a steady pace.
import { svg, color, downloadButtons, format, uniqueId } from './chart.js';
import { fetchStream, statusLine } from './api.js';
import { field, liveSummary } from './controls.js';

const ACTIVATIONS = ['sigmoid', 'tanh', 'relu'];
const FRAME_MS = 25;

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

/** A select with a label, appended to controls (controls.js has inputs and sliders only). */
function choice(controls, id, labelText, cls, values, value) {
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = `${labelText} `;
  const select = document.createElement('select');
  select.id = id;
  select.className = cls;
  for (const v of values) {
    const option = document.createElement('option');
    option.value = v;
    option.textContent = v;
    select.appendChild(option);
  }
  select.value = values.includes(value) ? value : values[0];
  label.appendChild(select);
  controls.appendChild(label);
  return select;
}

function button(text, cls) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = cls;
  b.textContent = text;
  return b;
}

export function mount(el, options) {
  const id = uniqueId('xor');
  const controls = document.createElement('div');
  controls.className = 'widget-controls';
  const hidden = field(controls, `${id}-h`, 'Hidden units', 'number', 'hidden', options.hidden || '4', { min: '1', max: '16', step: '1' });
  const activation = choice(controls, `${id}-a`, 'Activation', 'activation', ACTIVATIONS, options.activation || 'tanh');
  const rate = field(controls, `${id}-lr`, 'Learning rate η', 'number', 'learning-rate', options.learningRate || '1',
    { min: '0.01', max: '10', step: '0.1' });
  const epochs = field(controls, `${id}-e`, 'Epochs', 'number', 'epochs', options.epochs || '2000', { min: '1', max: '5000', step: '100' });
  const seed = field(controls, `${id}-s`, 'Seed', 'number', 'seed', options.seed || '', { min: '0', step: '1', placeholder: 'random' });
  const train = button('Train', 'train');
  const stopButton = button('Stop', 'stop');
  stopButton.disabled = true;
  controls.append(train, stopButton);

  const status = statusLine();
  status.clear();

  // The decision boundary: one cell per grid point, the four XOR points on top.
  const map = svg('svg', { viewBox: `0 0 ${MAP} ${MAP}`, role: 'img', class: 'widget-chart xor-boundary' });
  const mapTitle = svg('title', {}, map);
  mapTitle.textContent = 'The network\'s output over the input square; press Train to draw it.';
  const cellsLayer = svg('g', { class: 'cells', 'shape-rendering': 'crispEdges' }, map);
  const pointsLayer = svg('g', { class: 'points' }, map);
  let cells = [];
  let geometry = null;

  // The loss curve.
  const lossChart = svg('svg', { viewBox: `0 0 ${LOSS_W} ${LOSS_H}`, role: 'img', class: 'widget-chart xor-loss' });
  const lossTitle = svg('title', {}, lossChart);
  lossTitle.textContent = 'Training loss by epoch; press Train to draw it.';
  const lossLayer = svg('g', {}, lossChart);

  const legend = document.createElement('p');
  legend.className = 'widget-note xor-legend';
  const summary = liveSummary();
  summary.classList.add('xor-summary');
  const table = document.createElement('table');
  table.className = 'widget-table xor-predictions';
  const weights = document.createElement('details');
  weights.className = 'xor-weights';
  weights.hidden = true;

  const charts = document.createElement('div');
  charts.className = 'xor-charts';
  const mapBox = document.createElement('div');
  mapBox.append(map, legend, downloadButtons(map, 'xor-boundary'));
  const lossBox = document.createElement('div');
  lossBox.append(lossChart, downloadButtons(lossChart, 'xor-loss'));
  charts.append(mapBox, lossBox);

  let controller = null;
  let queue = [];
  let timer = null;
  let losses = [];
  let totalEpochs = 1;
  let run = 0;

  const x = (v) => MAP_PAD + ((v - geometry.gridMin) / (geometry.gridMax - geometry.gridMin)) * (MAP - 2 * MAP_PAD);
  const y = (v) => MAP - MAP_PAD - ((v - geometry.gridMin) / (geometry.gridMax - geometry.gridMin)) * (MAP - 2 * MAP_PAD);

  // Below 0.5 toward one colour, above toward the accent, the page background at 0.5: the boundary is where
  // the colour fades out, in light and dark schemes alike. The colours are read once per drawing.
  function palette() {
    const bg = rgb(color('--bg')) || [255, 255, 255];
    const one = rgb(color('--accent')) || [11, 92, 173];
    const zero = rgb(color('--warning')) || [154, 103, 0];
    return (p) => (p >= 0.5 ? mix(bg, one, (p - 0.5) * 2) : mix(bg, zero, (0.5 - p) * 2));
  }

  function setUpBoundary(start) {
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
      svg('text', { x: x(v), y: MAP - 8, 'text-anchor': 'middle', 'font-size': 11, fill: 'currentColor' }, pointsLayer).textContent = String(v);
      svg('text', { x: 10, y: y(v) + 4, 'text-anchor': 'middle', 'font-size': 11, fill: 'currentColor' }, pointsLayer).textContent = String(v);
    }
    svg('text', { x: MAP - MAP_PAD, y: MAP - 8, 'text-anchor': 'end', 'font-size': 11, fill: 'currentColor' }, pointsLayer).textContent = 'x₁';
    svg('text', { x: 10, y: MAP_PAD - 12, 'text-anchor': 'middle', 'font-size': 11, fill: 'currentColor' }, pointsLayer).textContent = 'x₂';
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
      .forEach(([p, text]) => {
        const swatch = document.createElement('span');
        swatch.className = 'xor-swatch';
        swatch.style.background = heat(p);
        legend.append(swatch, ` ${text} `);
      });
  }

  function drawGrid(grid) {
    const heat = palette();
    drawLegend(heat);
    grid.forEach((row, i) => row.forEach((p, j) => {
      const cell = cells[i][j];
      cell.setAttribute('fill', heat(p));
      cell.setAttribute('data-value', format(p, 3));
    }));
  }

  function drawLoss() {
    lossLayer.replaceChildren();
    if (losses.length === 0) {
      return;
    }
    const maxY = Math.max(...losses.map((p) => p[1]), 0.1);
    const px = (v) => LOSS_PAD + (v / totalEpochs) * (LOSS_W - 2 * LOSS_PAD);
    const py = (v) => LOSS_H - LOSS_PAD - (v / maxY) * (LOSS_H - 2 * LOSS_PAD);
    svg('line', { x1: LOSS_PAD, x2: LOSS_W - LOSS_PAD, y1: LOSS_H - LOSS_PAD, y2: LOSS_H - LOSS_PAD, stroke: 'currentColor' }, lossLayer);
    svg('line', { x1: LOSS_PAD, x2: LOSS_PAD, y1: LOSS_PAD, y2: LOSS_H - LOSS_PAD, stroke: 'currentColor' }, lossLayer);
    svg('text', { x: LOSS_PAD - 4, y: py(maxY) + 4, 'text-anchor': 'end', 'font-size': 11, fill: 'currentColor' }, lossLayer).textContent = format(maxY, 2);
    svg('text', { x: LOSS_PAD - 4, y: py(0) + 4, 'text-anchor': 'end', 'font-size': 11, fill: 'currentColor' }, lossLayer).textContent = '0';
    svg('text', { x: LOSS_W - LOSS_PAD, y: LOSS_H - LOSS_PAD + 16, 'text-anchor': 'end', 'font-size': 11, fill: 'currentColor' }, lossLayer)
      .textContent = `epoch ${totalEpochs}`;
    svg('text', { x: LOSS_PAD + 4, y: LOSS_PAD - 8, 'font-size': 11, fill: 'currentColor' }, lossLayer).textContent = 'loss (cross-entropy)';
    svg('polyline', {
      class: 'loss', fill: 'none', stroke: color('--accent'), 'stroke-width': 2,
      points: losses.map((p) => `${format(px(p[0]), 1)},${format(py(p[1]), 1)}`).join(' '),
    }, lossLayer);
    lossChart.dataset.points = String(losses.length);
  }

  function drawPredictions(predictions) {
    table.replaceChildren();
    const head = table.createTHead().insertRow();
    for (const text of ['x₁', 'x₂', 'XOR', 'ŷ', 'Right?']) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = text;
      head.appendChild(th);
    }
    const body = table.createTBody();
    const labels = pointsLayer.querySelectorAll('.xor-point-label');
    geometry.inputs.forEach((point, k) => {
      const target = geometry.targets[k];
      const p = predictions[k];
      const right = (p > 0.5) === (target > 0.5);
      const row = body.insertRow();
      row.className = right ? 'right' : 'wrong';
      row.insertCell().textContent = String(point[0]);
      row.insertCell().textContent = String(point[1]);
      row.insertCell().textContent = String(target);
      row.insertCell().textContent = format(p, 3);
      row.insertCell().textContent = right ? 'yes' : 'no';
      labels[k].textContent = format(p, 2);
    });
  }

  function countRight(predictions) {
    return predictions.filter((p, k) => (p > 0.5) === (geometry.targets[k] > 0.5)).length;
  }

  function showProgress(event) {
    losses.push([event.epoch, event.loss]);
    drawLoss();
    drawPredictions(event.predictions);
    if (event.grid) {
      drawGrid(event.grid);
      mapTitle.textContent = `The network's output over the input square at epoch ${event.epoch}: `
        + `${countRight(event.predictions)} of 4 points on the right side of 0.5.`;
    }
    lossTitle.textContent = `Training loss by epoch, ${format(event.loss, 4)} at epoch ${event.epoch}.`;
    summary.textContent = `Epoch ${event.epoch} of ${totalEpochs}: loss ${format(event.loss, 4)}, `
      + `${countRight(event.predictions)} of 4 points right.`;
  }

  function showWeights(w) {
    const text = (m) => JSON.stringify(m.map((row) => (Array.isArray(row) ? row.map((v) => Number(format(v, 2))) : Number(format(row, 2)))));
    weights.replaceChildren();
    const s = document.createElement('summary');
    s.textContent = 'Learned weights';
    const pre = document.createElement('pre');
    pre.textContent = `W1 = ${text(w.w1)}\nb1 = ${text(w.b1)}\nW2 = ${text(w.w2)}\nb2 = ${format(w.b2, 2)}`;
    weights.append(s, pre);
    weights.hidden = false;
  }

  function finish(state, text) {
    if (timer) {
      clearInterval(timer);
      timer = null;
    }
    queue = [];
    if (controller) {
      controller.abort();
      controller = null;
    }
    train.disabled = false;
    stopButton.disabled = true;
    if (text) {
      summary.textContent = text;
    }
    el.dataset.state = state;
  }

  function showDone(done) {
    showWeights(done.weights);
    const verdict = done.solved
      ? 'all four points are on the right side of 0.5: the network computes XOR.'
      : `${done.correct} of 4 points are right: this network has not solved XOR. `
        + (Number(hidden.value) < 4
          ? 'With so few hidden units some starting points get stuck: try 4 or more hidden units, or another seed.'
          : 'Try another seed, or a learning rate nearer 1.');
    const limit = done.stop === 'TIME_LIMIT' ? ' (stopped at the server\'s time limit)' : '';
    el.dataset.solved = String(done.solved);
    finish('done', `After ${done.epochs} epochs${limit} the loss is ${format(done.loss, 4)} and ${verdict} `
      + `Seed ${geometry.seed}: enter it to repeat this run.`);
  }

  // Draws one queued report per frame; the done event waits its turn, so the curve finishes first.
  function pump() {
    const event = queue.shift();
    if (!event) {
      return;
    }
    if (event.name === 'progress') {
      showProgress(event.data);
    } else if (event.name === 'done') {
      showDone(event.data);
    } else if (event.name === 'end' && el.dataset.state === 'training') {
      finish('stopped', 'The connection ended before training finished; press Train to try again.');
    }
  }

  async function start() {
    finish('starting');
    run += 1;
    const thisRun = run;
    status.clear();
    train.disabled = true;
    stopButton.disabled = false;
    losses = [];
    totalEpochs = Number(epochs.value) || 1;
    weights.hidden = true;
    delete el.dataset.solved;
    summary.textContent = 'Training…';
    controller = new AbortController();
    timer = setInterval(pump, FRAME_MS);
    try {
      await fetchStream('/xor/train', {
        hidden: hidden.value, activation: activation.value, learningRate: rate.value, epochs: epochs.value, seed: seed.value,
      }, (name, data) => {
        if (thisRun !== run) {
          return;
        }
        if (name === 'queued') {
          status.queued(data.ahead);
          el.dataset.state = 'queued';
          return;
        }
        if (name === 'busy') {
          status.show(data.detail);
          finish('error', '');
          return;
        }
        if (name === 'start') {
          status.clear();
          totalEpochs = data.epochs;
          setUpBoundary(data);
          el.dataset.state = 'training';
        } else {
          queue.push({ name, data });
        }
      }, { onBusy: (message) => status.show(message), signal: controller.signal });
      queue.push({ name: 'end' });
    } catch (error) {
      if (thisRun !== run || error.name === 'AbortError') {
        return;
      }
      status.show(error);
      finish('error', '');
    }
  }

  train.addEventListener('click', start);
  stopButton.addEventListener('click', () => {
    run += 1;
    finish('stopped', `Stopped after ${losses.length ? losses[losses.length - 1][0] : 0} epochs.`);
  });
  el.append(controls, status.el, charts, summary, table, weights);
}

// The playground's current or last training job: status, progress bar and time left, and the loss
// curve: the job's history as the server kept it (so a finished job, or the one that trained the
// served model before a restart, still has its curve), then the server-sent progress events.
import { svg, color, downloadButtons, format } from './chart.js';
import { ApiError, getJson, stream, statusLine } from './api.js';

const WIDTH = 560;
const HEIGHT = 220;
const PAD = 36;

// options.model follows one model's job (the models page, the playground's picker); without it, whichever job ran last.
export function mount(el, options = {}) {
  const status = statusLine();
  status.clear();
  const line = document.createElement('p');
  line.className = 'widget-summary training-summary';
  line.setAttribute('aria-live', 'polite');
  const bar = document.createElement('progress');
  bar.className = 'training-progress';
  bar.max = 1;
  bar.value = 0;
  bar.setAttribute('aria-label', 'Training progress');
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', class: 'widget-chart training-chart' });
  const title = svg('title', {}, chart);
  title.textContent = 'Training and validation loss by iteration';
  const points = { train: [], val: [] };
  let jobId = null;

  function draw(total) {
    while (chart.lastChild !== title) {
      chart.removeChild(chart.lastChild);
    }
    const all = [...points.train, ...points.val];
    if (all.length === 0) {
      return;
    }
    const maxX = Math.max(total || 1, ...all.map((p) => p[0]));
    const maxY = Math.max(...all.map((p) => p[1]));
    const minY = Math.min(0, ...all.map((p) => p[1]));
    const x = (v) => PAD + (v / maxX) * (WIDTH - 2 * PAD);
    const y = (v) => HEIGHT - PAD - ((v - minY) / (maxY - minY || 1)) * (HEIGHT - 2 * PAD);
    svg('line', { x1: PAD, x2: WIDTH - PAD, y1: HEIGHT - PAD, y2: HEIGHT - PAD, stroke: 'currentColor' }, chart);
    svg('line', { x1: PAD, x2: PAD, y1: PAD, y2: HEIGHT - PAD, stroke: 'currentColor' }, chart);
    svg('text', { x: PAD - 4, y: y(maxY), 'text-anchor': 'end', 'font-size': 11, fill: 'currentColor' }, chart).textContent = format(maxY, 2);
    svg('text', { x: WIDTH - PAD, y: HEIGHT - PAD + 16, 'text-anchor': 'end', 'font-size': 11, fill: 'currentColor' }, chart).textContent = `iteration ${maxX}`;
    const series = [['train', color('--accent'), 'training loss'], ['val', color('--muted'), 'validation loss']];
    series.forEach(([key, stroke, label], i) => {
      if (points[key].length) {
        svg('polyline', { class: `loss ${key}`, fill: 'none', stroke, 'stroke-width': 2, points: points[key].map((p) => `${x(p[0])},${y(p[1])}`).join(' ') }, chart);
        svg('text', { x: WIDTH - PAD, y: PAD + i * 14, 'text-anchor': 'end', 'font-size': 11, fill: stroke }, chart).textContent = label;
      }
    });
  }

  function show(t) {
    if (t.jobId !== jobId) {
      jobId = t.jobId;
      points.train = [];
      points.val = [];
    }
    (t.history || []).forEach((p) => {
      if (Number.isFinite(p.trainLoss) && !points.train.some((q) => q[0] === p.iteration)) points.train.push([p.iteration, p.trainLoss]);
      if (Number.isFinite(p.valLoss) && !points.val.some((q) => q[0] === p.iteration)) points.val.push([p.iteration, p.valLoss]);
    });
    if (Number.isFinite(t.trainLoss) && !points.train.some((p) => p[0] === t.iteration)) points.train.push([t.iteration, t.trainLoss]);
    if (Number.isFinite(t.valLoss) && !points.val.some((p) => p[0] === t.iteration)) points.val.push([t.iteration, t.valLoss]);
    bar.max = t.totalIterations || 1;
    bar.value = t.iteration || 0;
    const eta = t.state === 'RUNNING' && t.etaSeconds ? `, about ${Math.ceil(t.etaSeconds)} s left` : '';
    const loss = Number.isFinite(t.trainLoss) ? `, training loss ${format(t.trainLoss, 3)}` : '';
    const bits = Number.isFinite(t.bestBitsPerChar) ? ` (${format(t.bestBitsPerChar, 3)} bits per character)` : '';
    const val = Number.isFinite(t.bestValLoss) ? `, best validation loss ${format(t.bestValLoss, 3)} per token${bits}` : '';
    const speed = t.tokensPerSecond ? `, ${Math.round(t.tokensPerSecond)} tokens/s` : '';
    line.textContent = `Model "${t.model}": ${t.state.toLowerCase()}, iteration ${t.iteration} of ${t.totalIterations}${loss}${val}${speed}${eta}.`;
    el.dataset.state = t.state;
    draw(t.totalIterations);
  }

  async function start() {
    try {
      show(await getJson('/training', { model: options.model }, (m) => status.show(m)));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        line.textContent = 'No training job has run since the server started.';
        el.dataset.state = 'NONE';
        setTimeout(() => { if (el.isConnected) start(); }, 10000); // a replaced monitor stops asking
        return;
      }
      status.show(error);
      return;
    }
    if (el.dataset.state === 'RUNNING' || el.dataset.state === 'QUEUED') {
      stream('/training/stream', { model: options.model }, (name, data) => {
        if (name === 'progress') {
          show(data);
        }
      }, ['progress']);
    }
  }
  el.append(status.el, line, bar, chart, downloadButtons(chart, 'training-loss'));
  start();
}

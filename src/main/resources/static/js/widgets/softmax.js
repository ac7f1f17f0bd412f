// Softmax with temperature, pure maths: edit the logits, drag the temperature, watch the probabilities.
import { svg, color, downloadButtons, format, uniqueId } from './chart.js';
import { field, slider, liveSummary, tableDetails } from './controls.js';

export function softmax(logits, temperature) {
  const scaled = logits.map((z) => z / temperature);
  const max = Math.max(...scaled);
  const exps = scaled.map((z) => Math.exp(z - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

export function entropyBits(p) {
  return -p.reduce((h, q) => (q > 0 ? h + q * Math.log2(q) : h), 0);
}

const WIDTH = 560;
const HEIGHT = 240;
const TOP = 24;
const BOTTOM = 40;

export function mount(el, options) {
  const logits = options.logits.split(',').map(Number);
  const labels = options.labels ? options.labels.split(',').map((s) => s.trim()) : logits.map((_, i) => `token ${i + 1}`);
  let temperature = Number(options.temperature);
  const id = uniqueId('softmax');

  const controls = document.createElement('div');
  controls.className = 'widget-controls';
  const inputs = logits.map((z, i) => field(controls, `${id}-z${i}`, `${labels[i]} logit`, 'number', 'logit-input', String(z),
    { step: '0.1', min: '-20', max: '20' }));
  const { input: temperatureSlider, out: tempValue } = slider(controls, `${id}-t`, 'Temperature', 'temperature', 0.05, 5, 0.05,
    temperature);

  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', class: 'widget-chart' });
  const title = svg('title', {}, chart);
  const summary = liveSummary();
  const { details, table } = tableDetails('Show as a table');

  function draw() {
    const z = inputs.map((input) => Number(input.value) || 0);
    const p = softmax(z, temperature);
    while (chart.lastChild !== title) {
      chart.removeChild(chart.lastChild);
    }
    const slot = WIDTH / p.length;
    const barWidth = Math.min(60, slot * 0.7);
    const plot = HEIGHT - TOP - BOTTOM;
    const top = Math.max(...p);
    p.forEach((q, i) => {
      const h = q * plot;
      const x = i * slot + (slot - barWidth) / 2;
      svg('rect', {
        class: 'bar', x, y: TOP + plot - h, width: barWidth, height: h,
        fill: q === top ? color('--accent') : color('--muted'), 'data-probability': q,
      }, chart);
      svg('text', { x: x + barWidth / 2, y: TOP + plot - h - 6, 'text-anchor': 'middle', 'font-size': 12, fill: 'currentColor' }, chart)
        .textContent = format(q, 2);
      svg('text', { x: x + barWidth / 2, y: HEIGHT - BOTTOM + 18, 'text-anchor': 'middle', 'font-size': 12, fill: 'currentColor' }, chart)
        .textContent = labels[i];
    });
    svg('line', { x1: 0, x2: WIDTH, y1: TOP + plot, y2: TOP + plot, stroke: 'currentColor', 'stroke-width': 1 }, chart);
    tempValue.textContent = format(temperature, 2);
    const h = entropyBits(p);
    const best = labels[p.indexOf(top)];
    title.textContent = `Probabilities at temperature ${format(temperature, 2)}: ${labels.map((l, i) => `${l} ${format(p[i], 3)}`).join(', ')}`;
    summary.textContent = `Most likely: ${best} (${format(top, 3)}). Entropy ${format(h, 2)} bits `
      + `(at most ${format(Math.log2(p.length), 2)} for a uniform choice).`;
    table.innerHTML = '';
    const head = table.createTHead().insertRow();
    for (const text of ['Token', 'Logit', 'Probability']) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = text;
      head.appendChild(th);
    }
    const body = table.createTBody();
    p.forEach((q, i) => {
      const row = body.insertRow();
      row.insertCell().textContent = labels[i];
      row.insertCell().textContent = String(z[i]);
      row.insertCell().textContent = format(q, 3);
    });
  }

  temperatureSlider.addEventListener('input', () => {
    temperature = Number(temperatureSlider.value);
    draw();
  });
  inputs.forEach((input) => input.addEventListener('input', draw));
  el.append(controls, chart, summary, downloadButtons(chart, 'softmax'), details);
  draw();
}

// XOR, learned: the server trains a small MLP on the four XOR points and streams its progress; the page
// draws the falling loss, the decision boundary as a heat map over the input square, and the predictions.
// The run itself is in xor/model.js, the drawings in xor/drawing.js, the settings in xor/controls.js.
import { format, uniqueId } from './chart.js';
import { statusLine } from './api.js';
import { liveSummary } from './controls.js';
import { xorControls } from './xor/controls.js';
import { boundaryChart, lossChart, drawPredictions, drawWeights } from './xor/drawing.js';
import { countRight, trainingRun } from './xor/model.js';

export function mount(el, options) {
  const controls = xorControls(uniqueId('xor'), options);
  const status = statusLine();
  status.clear();
  const boundary = boundaryChart();
  const loss = lossChart();
  const summary = liveSummary();
  summary.classList.add('xor-summary');
  const table = document.createElement('table');
  table.className = 'widget-table xor-predictions';
  const weights = document.createElement('details');
  weights.className = 'xor-weights';
  weights.hidden = true;
  const charts = document.createElement('div');
  charts.className = 'xor-charts';
  charts.append(boundary.box, loss.box);

  let stopRun = null;
  let geometry = null;
  let losses = [];
  let totalEpochs = 1;

  function finish(state, text) {
    if (stopRun) {
      stopRun();
      stopRun = null;
    }
    controls.running(false);
    if (text) {
      summary.textContent = text;
    }
    el.dataset.state = state;
  }

  function showProgress(event) {
    losses.push([event.epoch, event.loss]);
    const right = countRight(event.predictions, geometry.targets);
    loss.draw(losses, totalEpochs, `Training loss by epoch, ${format(event.loss, 4)} at epoch ${event.epoch}.`);
    drawPredictions(table, geometry.inputs, geometry.targets, event.predictions);
    boundary.label(event.predictions);
    if (event.grid) {
      boundary.draw(event.grid, `The network's output over the input square at epoch ${event.epoch}: `
        + `${right} of 4 points on the right side of 0.5.`);
    }
    summary.textContent = `Epoch ${event.epoch} of ${totalEpochs}: loss ${format(event.loss, 4)}, ${right} of 4 points right.`;
  }

  function showDone(done) {
    drawWeights(weights, done.weights);
    const verdict = done.solved
      ? 'all four points are on the right side of 0.5: the network computes XOR.'
      : `${done.correct} of 4 points are right: this network has not solved XOR. `
        + (Number(controls.settings().hidden) < 4
          ? 'With so few hidden units some starting points get stuck: try 4 or more hidden units, or another seed.'
          : 'Try another seed, or a learning rate nearer 1.');
    const limit = done.stop === 'TIME_LIMIT' ? ' (stopped at the server\'s time limit)' : '';
    el.dataset.solved = String(done.solved);
    finish('done', `After ${done.epochs} epochs${limit} the loss is ${format(done.loss, 4)} and ${verdict} `
      + `Seed ${geometry.seed}: enter it to repeat this run.`);
  }

  function start() {
    finish('starting');
    status.clear();
    controls.running(true);
    losses = [];
    const settings = controls.settings();
    totalEpochs = Number(settings.epochs) || 1;
    weights.hidden = true;
    delete el.dataset.solved;
    summary.textContent = 'Training…';
    stopRun = trainingRun(settings, {
      onStart: (data) => {
        status.clear();
        totalEpochs = data.epochs;
        geometry = data;
        boundary.setUp(data);
        el.dataset.state = 'training';
      },
      onProgress: showProgress,
      onDone: showDone,
      onEnded: () => {
        if (el.dataset.state === 'training') {
          finish('stopped', 'The connection ended before training finished; press Train to try again.');
        }
      },
      onQueued: (ahead) => {
        status.queued(ahead);
        el.dataset.state = 'queued';
      },
      onRefused: (detail) => {
        status.show(detail);
        finish('error', '');
      },
      onBusy: (message) => status.show(message),
      onError: (error) => {
        status.show(error);
        finish('error', '');
      },
    });
  }

  controls.train.addEventListener('click', start);
  controls.stop.addEventListener('click', () => {
    finish('stopped', `Stopped after ${losses.length ? losses[losses.length - 1][0] : 0} epochs.`);
  });
  el.append(controls.el, status.el, charts, summary, table, weights);
}

// Streamed generation: the model continues the prompt token by token (server-sent events), with a
// Stop button, a seed for repeatable text and the speed in tokens per second.
import { uniqueId, format } from './chart.js';
import { getJson, stream, statusLine, TrainingError } from './api.js';
import { field } from './controls.js';


export function mount(el, options) {
  const id = uniqueId('sampler');
  const controls = document.createElement('div');
  controls.className = 'widget-controls';
  const prompt = field(controls, `${id}-prompt`, 'Prompt', 'text', 'prompt', options.prompt || 'The transformer', { maxlength: '1000' });
  const temperature = field(controls, `${id}-t`, 'Temperature', 'number', 'temperature', options.temperature || '0.8',
    { min: '0', max: '2', step: '0.1' });
  const maxTokens = field(controls, `${id}-n`, 'Tokens', 'number', 'max-tokens', options.maxTokens || '80', { min: '1', max: '500', step: '1' });
  const seed = field(controls, `${id}-seed`, 'Seed', 'number', 'seed', options.seed || '', { min: '0', step: '1', placeholder: 'random' });
  const generate = document.createElement('button');
  generate.type = 'button';
  generate.className = 'generate';
  generate.textContent = 'Generate';
  const stopButton = document.createElement('button');
  stopButton.type = 'button';
  stopButton.className = 'stop';
  stopButton.textContent = 'Stop';
  stopButton.disabled = true;
  controls.append(generate, stopButton);

  const status = statusLine();
  status.clear();
  const output = document.createElement('div');
  output.className = 'sampler-output';
  output.setAttribute('role', 'log');
  output.setAttribute('aria-live', 'off');
  output.tabIndex = 0;
  output.setAttribute('aria-label', 'Generated text');
  const summary = document.createElement('p');
  summary.className = 'widget-summary sampler-summary';
  summary.setAttribute('aria-live', 'polite');

  let stop = null;
  let started = 0;
  let count = 0;

  function finish(text) {
    if (stop) {
      stop();
      stop = null;
    }
    generate.disabled = false;
    stopButton.disabled = true;
    summary.textContent = text;
    el.dataset.state = 'stopped';
  }

  async function start() {
    el.dataset.state = 'starting';
    generate.disabled = true;
    const params = {
      prompt: prompt.value,
      maxTokens: maxTokens.value,
      temperature: temperature.value,
      seed: seed.value,
      model: options.model,
    };
    // A cheap check first: while the model trains, show the progress rather than a broken stream.
    try {
      await getJson('/next-token', { prompt: prompt.value || ' ', model: options.model }, (m) => status.show(m));
    } catch (error) {
      status.show(error);
      if (error instanceof TrainingError) {
        summary.textContent = '';
      }
      generate.disabled = false;
      el.dataset.state = error instanceof TrainingError ? 'training' : 'error';
      return;
    }
    status.clear();
    output.replaceChildren();
    const shown = document.createElement('span');
    shown.className = 'prompt-text';
    shown.textContent = prompt.value;
    const generated = document.createElement('span');
    generated.className = 'generated';
    output.append(shown, generated);
    generate.disabled = true;
    stopButton.disabled = false;
    started = performance.now();
    count = 0;
    el.dataset.state = 'streaming';
    summary.textContent = 'Generating…';
    stop = stream('/generate', params, (name, data) => {
      if (name === 'queued') {
        el.dataset.state = 'queued';
        status.queued(data.ahead);
        summary.textContent = 'Waiting for a turn…';
        return;
      }
      if (name === 'busy') {
        stop = null;
        status.show(data.detail);
        finish('The server is busy; try again in a moment.');
        return;
      }
      if (el.dataset.state === 'queued') {
        el.dataset.state = 'streaming';
        status.clear();
        started = performance.now(); // the speed counts from the first token, not from the wait
      }
      if (name === 'token') {
        generated.textContent += data.text;
        count += 1;
        const seconds = (performance.now() - started) / 1000;
        summary.textContent = `${count} tokens, ${format(count / Math.max(seconds, 1e-3), 1)} tokens/s`;
      } else if (name === 'done') {
        stop = null;
        // The seed arrives as a string: a JavaScript number would round a large one, and the same text needs the exact seed.
        finish(`${data.tokens} tokens at ${format(data.tokensPerSecond, 1)} tokens/s (seed ${data.seed}; stop: ${data.stop}). `
          + 'Enter the seed to get the same text again.');
      } else if (name === 'error') {
        stop = null;
        finish(count > 0 ? `Stopped after ${count} tokens (the connection ended).` : 'The stream could not start; try again.');
      }
    });
  }

  generate.addEventListener('click', start);
  stopButton.addEventListener('click', () => finish(`Stopped after ${count} tokens.`));
  el.append(controls, status.el, output, summary);
}

// The playground models page: sends the training form (with the CSRF token the API asks for), follows
// the new model's training with the training monitor, and keeps the model list live while jobs run.
import { mount as mountMonitor } from './widgets/training-monitor.js';
import { csrfFetch } from './csrf-fetch.js';

const page = document.querySelector('.models-page');
const form = document.getElementById('new-model');
const table = page && page.querySelector('.models-table');
const canManage = table && table.dataset.canManage === 'true';
const listStatus = page && page.querySelector('.list-status');
const LIVE_STATES = new Set(['QUEUED', 'TRAINING', 'RETRAINING']);
let refreshTimer = null;

/** The problem detail's sentence, or the status when the answer is not a problem. */
async function failure(response) {
  try {
    const problem = await response.json();
    return problem.detail || problem.title || `The request failed (${response.status}).`;
  } catch (e) {
    return `The request failed (${response.status}).`;
  }
}

function say(el, message, state) {
  el.textContent = message;
  if (state) {
    el.dataset.state = state;
  } else {
    el.removeAttribute('data-state');
  }
}

function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) {
    td.className = className;
  }
  row.appendChild(td);
  return td;
}

function stateText(m) {
  return m.state === 'UNAVAILABLE' && m.problem ? `unavailable: ${m.problem}` : m.state.toLowerCase();
}

function renderList(models) {
  const body = table.tBodies[0];
  body.replaceChildren();
  for (const m of models) {
    const row = document.createElement('tr');
    row.dataset.model = m.name;
    row.dataset.state = m.state;
    const name = document.createElement('th');
    name.scope = 'row';
    name.textContent = m.name;
    row.appendChild(name);
    cell(row, stateText(m), 'state');
    cell(row, m.config ? `${m.parameterCount.toLocaleString('en-US')} parameters, ${m.config.nLayer} layers, width ${m.config.nEmbd}` : '–');
    cell(row, m.tokenizer || '–');
    cell(row, m.bestValLoss == null ? '–' : m.bestValLoss.toFixed(3), 'val-loss');
    cell(row, m.corpus || '–');
    if (canManage) {
      const actions = cell(row, '');
      if (m.custom) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'delete-model';
        button.dataset.model = m.name;
        button.textContent = 'Delete';
        button.setAttribute('aria-label', `Delete ${m.name}`);
        actions.appendChild(button);
      }
    }
    body.appendChild(row);
  }
}

/** Reloads the list; keeps doing so every two seconds while a model is queued or training. */
async function refresh() {
  clearTimeout(refreshTimer);
  let models;
  try {
    const response = await fetch('/api/playground/models', { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      throw new Error(await failure(response));
    }
    models = await response.json();
  } catch (e) {
    say(listStatus, `Could not load the model list: ${e.message}`, 'error');
    refreshTimer = setTimeout(refresh, 10000);
    return;
  }
  renderList(models);
  if (listStatus.dataset.state === 'error') {
    say(listStatus, '');
  }
  if (models.some((m) => LIVE_STATES.has(m.state))) {
    refreshTimer = setTimeout(refresh, 2000);
  }
}

function follow(model) {
  const view = page.querySelector('.training-view');
  view.hidden = false;
  view.querySelector('.training-model').textContent = `"${model}"`;
  const body = view.querySelector('.widget-body');
  body.replaceChildren(); // a fresh monitor for this model: the previous one's stream ends with its job
  mountMonitor(body, { model });
}

async function submit(event) {
  event.preventDefault();
  const status = form.querySelector('.form-status');
  const name = form.elements.name;
  const file = form.elements.corpus.files[0];
  const text = form.elements.text.value;
  if (!name.checkValidity()) {
    say(status, 'The name must be 2 to 32 lower-case letters, digits or hyphens, starting with a letter or digit.', 'error');
    name.focus();
    return;
  }
  if (file && text) {
    say(status, 'Choose a file or paste text, not both.', 'error');
    return;
  }
  if (!file && !text.trim()) {
    say(status, 'Choose a file or paste some text to train on.', 'error');
    form.elements.text.focus();
    return;
  }
  const size = file ? file.size : new Blob([text]).size;
  if (size > Number(form.dataset.maxBytes)) {
    say(status, `The text is larger than the limit of ${form.dataset.maxText}.`, 'error');
    return;
  }
  const data = new FormData();
  data.set('name', name.value);
  data.set('preset', form.elements.preset.value);
  data.set('tokenizer', form.elements.tokenizer.value);
  if (form.elements.tokenizer.value === 'bpe') {
    data.set('vocabSize', form.elements.vocabSize.value);
  }
  if (file) {
    data.set('corpus', file);
  } else {
    data.set('text', text);
  }
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  say(status, 'Sending…');
  try {
    const response = await csrfFetch('/api/playground/models', {
      method: 'POST', body: data, headers: { Accept: 'application/json' },
    });
    if (response.status !== 202) {
      say(status, await failure(response), 'error');
      return;
    }
    const job = await response.json();
    say(status, job.state === 'QUEUED'
      ? `"${job.model}" is queued: it starts when the job ahead of it ends.`
      : `"${job.model}" is training.`);
    follow(job.model);
    refresh();
  } catch (e) {
    say(status, `Could not send the form: ${e.message}`, 'error');
  } finally {
    button.disabled = false;
  }
}

async function remove(button) {
  const model = button.dataset.model;
  if (!window.confirm(`Delete the model "${model}" and its saved weights?`)) {
    return;
  }
  button.disabled = true;
  try {
    const response = await csrfFetch(`/api/playground/models/${encodeURIComponent(model)}`, {
      method: 'DELETE', headers: { Accept: 'application/json' },
    });
    if (response.status !== 204) {
      say(listStatus, await failure(response), 'error');
      button.disabled = false;
      return;
    }
    say(listStatus, `Deleted "${model}".`);
    refresh();
  } catch (e) {
    say(listStatus, `Could not delete "${model}": ${e.message}`, 'error');
    button.disabled = false;
  }
}

if (page && table) {
  if (form) {
    form.addEventListener('submit', submit);
    for (const radio of form.querySelectorAll('input[name="tokenizer"]')) {
      radio.addEventListener('change', () => {
        form.elements.vocabSize.disabled = form.elements.tokenizer.value !== 'bpe';
      });
    }
  }
  table.addEventListener('click', (event) => {
    const button = event.target.closest('.delete-model');
    if (button) {
      remove(button);
    }
  });
  const live = [...table.tBodies[0].rows].find((r) => LIVE_STATES.has(r.dataset.state));
  if (live && live.dataset.model !== 'default') {
    follow(live.dataset.model);
  }
  refresh();
}

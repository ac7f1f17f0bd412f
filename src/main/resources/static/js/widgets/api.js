// The playground API client shared by the model widgets: JSON GETs that turn the API's problem details
// into states a widget can show (the model is training, the server is busy, a message), and SSE streams.

/** Thrown while the model trains: carries the problem's training progress and the advised wait. */
export class TrainingError extends Error {
  constructor(detail, training, retryAfter) {
    super(detail || 'The model is still training.');
    this.training = training || null;
    this.retryAfter = retryAfter;
  }
}

/** Thrown for a 4xx answer: its message is the problem's detail, fit to show. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail || `The request failed (${status}).`);
    this.status = status;
  }
}

const MAX_RETRIES = 3;

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function retryAfter(response, fallback) {
  const seconds = Number(response.headers.get('Retry-After'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds : fallback;
}

async function problem(response) {
  try {
    return await response.json();
  } catch (e) {
    return {};
  }
}

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/**
 * GET /api/playground{path} with query parameters (a widget passes its options.model as model; unset means the
 * default model). onBusy(message) is told when the server is busy and
 * the call waits and retries (at most a few times).
 */
export async function getJson(path, params, onBusy = () => {}) {
  for (let attempt = 0; ; attempt += 1) {
    const response = await fetch(`/api/playground${path}${query(params)}`, { headers: { Accept: 'application/json' } });
    if (response.ok) {
      return response.json();
    }
    const body = await problem(response);
    if (response.status === 429 && attempt < MAX_RETRIES) {
      onBusy('The server is busy, retrying…');
      await sleep(retryAfter(response, 1) * 1000);
      continue;
    }
    if (response.status === 503 && body.training) {
      throw new TrainingError(body.detail, body.training, retryAfter(response, 5));
    }
    if (response.status === 503) {
      throw new TrainingError(body.detail || 'The model is not ready yet.', null, retryAfter(response, 5));
    }
    throw new ApiError(response.status, body.detail);
  }
}

/**
 * Opens a server-sent event stream; onEvent(name, data) gets each parsed event, and 'error' once if the
 * stream fails. Closes itself after a 'done' event. Returns a stop function.
 */
// Every stream still open on the page, as its stop function: a page that mounts its demos again (the
// playground's model picker) closes them first, so a replaced demo leaves no connection behind.
const openStreams = new Set();

/** Closes every stream the widgets on this page opened (EventSource and fetch streams alike). */
export function closeStreams() {
  for (const stop of [...openStreams]) {
    stop();
  }
}

/**
 * What a request waiting in the playground's queue tells its reader: the number of requests that will
 * start before it ("queued" events carry it as ahead).
 */
export function queueMessage(ahead) {
  if (ahead <= 0) {
    return 'Waiting for the model: you are next.';
  }
  return `Waiting for the model: ${ahead} ${ahead === 1 ? 'request' : 'requests'} ahead of you.`;
}

/**
 * A "queued" event is shown in the status line; a "busy" one (waited too long) ends the stream like
 * "done" does.
 */
export function stream(path, params, onEvent, eventNames = ['token', 'done', 'progress', 'queued', 'busy']) {
  const source = new EventSource(`/api/playground${path}${query(params)}`);
  let open = true;
  const stop = () => {
    if (open) {
      open = false;
      openStreams.delete(stop);
      source.close();
    }
  };
  openStreams.add(stop);
  for (const name of eventNames) {
    source.addEventListener(name, (event) => {
      let data = null;
      try {
        data = JSON.parse(event.data);
      } catch (e) {
        data = event.data;
      }
      onEvent(name, data);
      if (name === 'done' || name === 'busy') {
        stop();
      }
    });
  }
  source.onerror = () => {
    if (open) {
      stop();
      onEvent('error', null);
    }
  };
  return stop;
}

/**
 * A server-sent event stream read with fetch rather than EventSource, for a widget that must tell a
 * refusal apart from a broken stream: a 429 waits Retry-After and retries (onBusy is told), a 4xx throws
 * ApiError with the problem's detail. onEvent(name, data) gets each event; resolves when the stream ends.
 * Pass an AbortSignal to stop it (the server notices the closed connection and stops too).
 */
export async function fetchStream(path, params, onEvent, { onBusy = () => {}, signal } = {}) {
  const abort = new AbortController();
  const stop = () => abort.abort();
  signal?.addEventListener('abort', stop);
  openStreams.add(stop);
  try {
    await readStream(path, params, onEvent, onBusy, abort.signal);
  } finally {
    openStreams.delete(stop);
    signal?.removeEventListener('abort', stop);
  }
}

async function readStream(path, params, onEvent, onBusy, signal) {
  let response;
  for (let attempt = 0; ; attempt += 1) {
    response = await fetch(`/api/playground${path}${query(params)}`, { headers: { Accept: 'text/event-stream' }, signal });
    if (response.ok) {
      break;
    }
    const body = await problem(response);
    if (response.status === 429 && attempt < MAX_RETRIES) {
      onBusy('The server is busy, retrying…');
      await sleep(retryAfter(response, 1) * 1000);
      continue;
    }
    throw new ApiError(response.status, body.detail);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffer += value.replace(/\r\n?/g, '\n');
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) {
          name = line.slice(6).trim();
        } else if (line.startsWith('data:')) {
          data.push(line.slice(5).replace(/^ /, ''));
        }
      }
      if (data.length) {
        onEvent(name, JSON.parse(data.join('\n')));
      }
      end = buffer.indexOf('\n\n');
    }
  }
}

/** Shows an API failure in a widget's status line: training progress, a message, never a stack. */
export function describe(error) {
  if (error instanceof TrainingError) {
    const t = error.training;
    if (t && t.totalIterations) {
      const pct = Math.round((100 * t.iteration) / t.totalIterations);
      const eta = t.etaSeconds ? `, about ${Math.ceil(t.etaSeconds / 60)} min left` : '';
      return `The model is training (${pct}%: iteration ${t.iteration} of ${t.totalIterations}${eta}). This demo will start when it is ready.`;
    }
    return `${error.message} This demo will start when the model is ready.`;
  }
  return error.message;
}

/** A status line for a widget, with the training state as a progress bar. */
export function statusLine() {
  const el = document.createElement('div');
  el.className = 'widget-status';
  el.setAttribute('role', 'status');
  el.setAttribute('aria-live', 'polite');
  return {
    el,
    clear() {
      el.replaceChildren();
      el.hidden = true;
      el.removeAttribute('data-state');
    },
    /** The request waits in the server's queue: its place, in words. */
    queued(ahead) {
      el.hidden = false;
      const p = document.createElement('p');
      p.textContent = queueMessage(ahead);
      el.replaceChildren(p);
      el.dataset.state = 'queued';
    },
    show(error) {
      el.hidden = false;
      el.replaceChildren();
      const p = document.createElement('p');
      p.textContent = typeof error === 'string' ? error : describe(error);
      el.appendChild(p);
      el.dataset.state = error instanceof TrainingError ? 'training' : (typeof error === 'string' ? 'busy' : 'error');
      if (error instanceof TrainingError && error.training && error.training.totalIterations) {
        const bar = document.createElement('progress');
        bar.max = error.training.totalIterations;
        bar.value = error.training.iteration;
        el.appendChild(bar);
      }
    },
  };
}

// The XOR widget's training run: the server trains the MLP and streams its reports; they arrive faster
// than a reader can follow, so they are queued and handed on one per frame, the final one last.
import { fetchStream } from '../api.js';

const FRAME_MS = 25;

/** How many of the four points the predictions put on the right side of 0.5. */
export function countRight(predictions, targets) {
  return predictions.filter((p, k) => (p > 0.5) === (targets[k] > 0.5)).length;
}

/**
 * Starts one run with the given settings. handlers: onStart(start) as soon as the server says the grid and
 * the points; then, paced, onProgress(report), onDone(result) and onEnded() when the connection closed
 * (after a done, or before one); onQueued(ahead) while the run waits for the model (requests ahead of it);
 * onBusy(message) while the server is busy; onRefused(detail) if it waited too long (a "busy" event);
 * onError(error) if it refuses.
 * Returns stop(), after which no handler is called again.
 */
export function trainingRun(settings, handlers) {
  const controller = new AbortController();
  let queue = [];
  let stopped = false;
  const timer = setInterval(pump, FRAME_MS);

  function stop() {
    if (!stopped) {
      stopped = true;
      clearInterval(timer);
      queue = [];
      controller.abort();
    }
  }

  function pump() {
    const event = queue.shift();
    if (!event) {
      return;
    }
    if (event.name === 'progress') {
      handlers.onProgress(event.data);
    } else if (event.name === 'done') {
      handlers.onDone(event.data);
    } else if (event.name === 'end') {
      handlers.onEnded();
    }
  }

  (async () => {
    try {
      await fetchStream('/xor/train', settings, (name, data) => {
        if (stopped) {
          return;
        }
        if (name === 'queued') {
          handlers.onQueued(data.ahead);
        } else if (name === 'busy') {
          handlers.onRefused(data.detail);
        } else if (name === 'start') {
          handlers.onStart(data);
        } else {
          queue.push({ name, data });
        }
      }, { onBusy: handlers.onBusy, signal: controller.signal });
      queue.push({ name: 'end' });
    } catch (error) {
      if (!stopped && error.name !== 'AbortError') {
        handlers.onError(error);
      }
    }
  })();
  return stop;
}

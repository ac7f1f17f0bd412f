// The request pattern every model widget shares: typing is debounced, only the latest request's answer is
// drawn (an older one that arrives late is dropped), and while the model trains the same request is tried
// again after the wait the server advised (at most 30 s).
import { TrainingError } from './api.js';

/**
 * ask(arg): the request's promise, or null when there is nothing to ask (the widget has said why);
 * onAnswer(result, arg) draws an answer; onFailure(error, arg) shows a failure; delay: the debounce in ms.
 * Returns now(arg), to ask at once, and later(arg), to ask once the input has been still for the delay.
 */
export function latestRequest({ ask, onAnswer, onFailure, delay = 200 }) {
  let timer = null;
  let latest = 0;
  async function now(arg) {
    clearTimeout(timer);
    const request = ++latest;
    try {
      const pending = ask(arg);
      if (pending === null) {
        return;
      }
      const result = await pending;
      if (request === latest) {
        onAnswer(result, arg);
      }
    } catch (error) {
      if (request !== latest) {
        return;
      }
      onFailure(error, arg);
      if (error instanceof TrainingError) {
        timer = setTimeout(() => now(arg), Math.min(30, error.retryAfter) * 1000);
      }
    }
  }
  function later(arg) {
    clearTimeout(timer);
    timer = setTimeout(() => now(arg), delay);
  }
  return { now, later };
}

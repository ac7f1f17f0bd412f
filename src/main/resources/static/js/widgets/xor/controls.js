// The XOR widget's controls: the network's shape and training settings, and the Train and Stop buttons.
import { field } from '../controls.js';

const ACTIVATIONS = ['sigmoid', 'tanh', 'relu'];

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

/** The controls, their settings as the API's parameters, and running(on) to enable the right button. */
export function xorControls(id, options) {
  const el = document.createElement('div');
  el.className = 'widget-controls';
  const hidden = field(el, `${id}-h`, 'Hidden units', 'number', 'hidden', options.hidden || '4', { min: '1', max: '16', step: '1' });
  const activation = choice(el, `${id}-a`, 'Activation', 'activation', ACTIVATIONS, options.activation || 'tanh');
  const rate = field(el, `${id}-lr`, 'Learning rate η', 'number', 'learning-rate', options.learningRate || '1',
    { min: '0.01', max: '10', step: '0.1' });
  const epochs = field(el, `${id}-e`, 'Epochs', 'number', 'epochs', options.epochs || '2000', { min: '1', max: '5000', step: '100' });
  const seed = field(el, `${id}-s`, 'Seed', 'number', 'seed', options.seed || '', { min: '0', step: '1', placeholder: 'random' });
  const train = button('Train', 'train');
  const stop = button('Stop', 'stop');
  stop.disabled = true;
  el.append(train, stop);
  return {
    el,
    train,
    stop,
    settings: () => ({
      hidden: hidden.value, activation: activation.value, learningRate: rate.value, epochs: epochs.value, seed: seed.value,
    }),
    running(on) {
      train.disabled = on;
      stop.disabled = !on;
    },
  };
}

// The playground page's model picker: fills the select from the playground API and, on a change,
// mounts every demo again with options.model set (the demos that do not use a model ignore it).
import { mountWidgets } from './widgets/index.js';
import { getJson, describe, closeStreams } from './widgets/api.js';

const select = document.getElementById('model-picker');
const note = document.getElementById('model-picker-note');
// The server-rendered containers, kept before the first mount so that each switch starts from them.
const pristine = [...document.querySelectorAll('.playground-widget')].map((holder) => [holder, holder.innerHTML]);

function label(model) {
  const size = model.parameterCount ? `, ${model.parameterCount.toLocaleString('en')} parameters` : '';
  return `${model.name} (${model.state.toLowerCase()}${size})`;
}

async function loadModels() {
  try {
    const models = await getJson('/models', {}, (message) => { note.textContent = message; });
    select.replaceChildren(...models.map((m) => {
      const option = document.createElement('option');
      option.value = m.name;
      option.textContent = label(m);
      return option;
    }));
    select.disabled = false;
    note.textContent = models.length === 1 ? 'One model so far.' : `${models.length} models.`;
  } catch (error) {
    note.textContent = describe(error);
  }
}

select.addEventListener('change', () => {
  const model = select.value;
  closeStreams(); // the demos being replaced must not keep their connections open
  for (const [holder, html] of pristine) {
    holder.innerHTML = html;
    holder.querySelector('figure.widget').dataset.optionModel = model;
    mountWidgets(holder);
  }
  note.textContent = `The demos now use the model "${model}".`;
  document.body.dataset.playgroundModel = model;
});

loadModels();

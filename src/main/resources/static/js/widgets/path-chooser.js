// "Not sure where to start?": four questions whose answers the server turns into a learning path, a
// first section and a sentence saying why (the rules live in one place, PathChooser.java, which the
// landing page's no-JavaScript tables are tested against). The answers are kept in this browser and,
// for a signed-in learner, in the account; the widget finds out which by asking the progress API,
// so it needs nothing from the page it sits on.
import { liveSummary } from './controls.js';

const LOCAL_KEY = 'tg-path-choice';
const ACCOUNT_URL = '/api/progress/path-choice';

function ensureStyles() {
  if (!document.querySelector('link[data-widget-styles="path-chooser"]')) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL('../../css/widgets/path-chooser.css', import.meta.url).href;
    link.dataset.widgetStyles = 'path-chooser';
    document.head.appendChild(link);
  }
}

async function json(url, init = {}) {
  const response = await fetch(url, { credentials: 'same-origin', ...init, headers: { Accept: 'application/json', ...(init.headers || {}) } });
  if (!response.ok) {
    const error = new Error(`HTTP ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return response.status === 204 ? null : response.json();
}

function readLocal() {
  try {
    return JSON.parse(localStorage.getItem(LOCAL_KEY) || 'null');
  } catch (e) {
    return null;
  }
}

// Signed in or not is decided by the account API itself: 401 means this browser is the only store.
async function loadAccount() {
  try {
    return { signedIn: true, answers: (await json(ACCOUNT_URL))?.answers || null };
  } catch (e) {
    return { signedIn: false, answers: null };
  }
}

async function saveAccount(answers) {
  const token = await json('/api/csrf');
  return json(ACCOUNT_URL, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', [token.headerName]: token.token },
    body: JSON.stringify(answers),
  });
}

function radioGroup(question, chosen, onChange) {
  const set = document.createElement('fieldset');
  set.dataset.question = question.id;
  const legend = document.createElement('legend');
  legend.textContent = question.text;
  set.appendChild(legend);
  for (const answer of question.answers) {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = `pc-${question.id}`;
    input.value = answer.id;
    input.checked = chosen === answer.id;
    input.addEventListener('change', onChange);
    label.append(input, document.createTextNode(answer.label));
    set.appendChild(label);
  }
  return set;
}

function link(target) {
  const a = document.createElement('a');
  a.href = target.url;
  a.textContent = target.title;
  return a;
}

export async function mount(el) {
  ensureStyles();
  const form = document.createElement('form');
  form.className = 'pc-questions';
  form.addEventListener('submit', (e) => e.preventDefault());
  const result = document.createElement('div');
  result.className = 'pc-result';
  result.hidden = true;
  const status = liveSummary();
  const controls = document.createElement('div');
  controls.className = 'widget-controls';
  const change = document.createElement('button');
  change.type = 'button';
  change.className = 'pc-change';
  change.textContent = 'Change my answers';
  change.hidden = true;
  controls.appendChild(change);
  el.append(form, result, controls, status);

  let questions;
  try {
    questions = await json('/api/path-chooser/questions');
  } catch (e) {
    status.textContent = 'The questions cannot be loaded right now; the tables below give the same recommendations.';
    return;
  }
  const account = await loadAccount();
  let answers = account.answers || readLocal() || {};
  if (account.signedIn && !account.answers && readLocal()) {
    // answered before signing in: the account takes over the browser's answers
    saveAccount(readLocal()).catch(() => {});
  }

  function show(recommendation) {
    result.replaceChildren();
    const path = document.createElement('p');
    path.className = 'pc-path';
    path.append('Your path: ', link(recommendation.path));
    const first = document.createElement('p');
    first.className = 'pc-first';
    first.append('Start with ', link(recommendation.firstStop), '.');
    const why = document.createElement('p');
    why.className = 'pc-why';
    why.textContent = recommendation.why;
    result.append(path, first, why);
    result.dataset.route = recommendation.route;
    result.hidden = false;
  }

  function complete(a) {
    return questions.every((q) => a[q.id]);
  }

  async function recommend(save) {
    if (!complete(answers)) {
      status.textContent = `${questions.filter((q) => answers[q.id]).length} of ${questions.length} questions answered.`;
      return;
    }
    try {
      const recommendation = await json(`/api/path-chooser?${new URLSearchParams(answers)}`);
      show(recommendation);
      if (save) {
        localStorage.setItem(LOCAL_KEY, JSON.stringify(answers));
        if (account.signedIn) {
          await saveAccount(answers);
        }
      }
      status.textContent = account.signedIn ? 'Your answers are saved to your account.' : 'Your answers are kept in this browser.';
    } catch (e) {
      status.textContent = 'The recommendation cannot be loaded right now; the tables below give the same answers.';
    }
  }

  function showQuestions(visible) {
    form.hidden = !visible;
    change.hidden = visible;
  }

  form.replaceChildren(...questions.map((q) => radioGroup(q, answers[q.id], (e) => {
    answers = { ...answers, [q.id]: e.target.value };
    recommend(true).then(() => { if (complete(answers)) { el.dataset.answered = 'true'; } });
  })));
  change.addEventListener('click', () => {
    showQuestions(true);
    form.querySelector('input:checked, input')?.focus();
  });
  if (complete(answers)) {
    showQuestions(false);
    await recommend(false);
    el.dataset.answered = 'true';
  } else {
    showQuestions(true);
    status.textContent = 'Answer the four questions to see your path.';
  }
}

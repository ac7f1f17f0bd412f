// The instructor's live grid of a cohort: learners × checklist items, kept current by server-sent events
// ('grid' carries everything, 'learner' one learner's new row), with a "no progress" flag per learner.
const page = document.querySelector('.cohort-page');
const holder = page.querySelector('.cohort-grid');
const status = page.querySelector('.live-status');
let grid = null;
let clockOffset = 0; // server time minus this browser's time, so the flag does not depend on the laptop's clock

function el(tag, attrs = {}, text = '') {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    node.setAttribute(name, value);
  }
  if (text) {
    node.textContent = text;
  }
  return node;
}

function groups() {
  const mode = page.querySelector('input[name="group-by"]:checked').value;
  return mode === 'path' ? grid.byPath : grid.byDocument;
}

function minutesSince(iso) {
  return Math.floor((Date.now() + clockOffset - Date.parse(iso)) / 60000);
}

function render() {
  const items = new Map(grid.items.map((item) => [item.id, item]));
  const table = el('table', { class: 'grid-table' });
  const head = el('thead');
  const groupRow = el('tr');
  const itemRow = el('tr');
  groupRow.append(el('th', { colspan: '3', scope: 'colgroup' }, `${grid.learners.length} learners`));
  for (const name of ['Learner', 'Last activity', 'Status']) {
    itemRow.append(el('th', { scope: 'col' }, name));
  }
  const columns = [];
  for (const group of groups()) {
    groupRow.append(el('th', { colspan: String(group.itemIds.length), scope: 'colgroup' }, group.title));
    group.itemIds.forEach((id, n) => {
      const item = items.get(id);
      columns.push(id);
      itemRow.append(el('th', { scope: 'col', title: item ? item.text : id, 'data-item': id }, String(n + 1)));
    });
  }
  head.append(groupRow, itemRow);
  const body = el('tbody');
  for (const learner of grid.learners) {
    const row = el('tr', { 'data-learner': learner.username });
    row.append(el('th', { scope: 'row' }, learner.username));
    const idle = minutesSince(learner.lastActivity);
    row.append(el('td', { class: 'last-activity' }, idle < 1 ? 'just now' : `${idle} min ago`));
    const stuck = idle >= grid.stuckMinutes;
    row.append(el('td', { class: stuck ? 'stuck' : 'active' }, stuck ? `no progress for ${idle} min` : 'active'));
    for (const id of columns) {
      const at = learner.ticks[id];
      const cell = el('td', { 'data-item': id, class: at ? 'done' : 'open' }, at ? '✓' : '');
      if (at) {
        cell.title = `ticked ${new Date(at).toLocaleTimeString()}`;
      }
      row.append(cell);
    }
    body.append(row);
  }
  const foot = el('tfoot');
  const totals = el('tr', { class: 'completion' });
  totals.append(el('th', { scope: 'row', colspan: '3' }, 'Done'));
  for (const id of columns) {
    const done = grid.learners.filter((l) => l.ticks[id]).length;
    totals.append(el('td', { 'data-item': id }, String(done)));
  }
  foot.append(totals);
  table.append(head, body, foot);
  holder.replaceChildren(table);
}

function connect() {
  const id = page.dataset.cohortId;
  const source = new EventSource(`/api/cohorts/${id}/events`);
  source.addEventListener('grid', (event) => {
    grid = JSON.parse(event.data);
    clockOffset = Date.parse(grid.now) - Date.now();
    render();
    status.textContent = 'Live';
    page.dataset.gridReady = 'true';
  });
  source.addEventListener('learner', (event) => {
    if (!grid) {
      return;
    }
    const row = JSON.parse(event.data);
    const at = grid.learners.findIndex((l) => l.username === row.username);
    if (at >= 0) {
      grid.learners[at] = row;
    } else {
      grid.learners.push(row);
      grid.learners.sort((a, b) => a.username.localeCompare(b.username));
    }
    render();
  });
  source.addEventListener('error', () => {
    status.textContent = 'Reconnecting…'; // EventSource retries by itself
  });
}

for (const choice of page.querySelectorAll('input[name="group-by"]')) {
  choice.addEventListener('change', () => grid && render());
}
setInterval(() => grid && render(), 30000); // the "last activity" minutes move on between events
connect();

// Vector search over the guide's own chunks: the same query answered by Lucene's HNSW graph and by an
// exact scan of every vector, side by side, with recall@k and the time each took. The vectors are latent
// semantic analysis (TF-IDF + truncated SVD) computed from the guide, not a neural encoder; the server
// says so in its answer and the widget repeats it.
import { svg, color, downloadButtons, format, uniqueId } from './chart.js';
import { statusLine } from './api.js';
import { latestRequest } from './latest-request.js';
import { field, slider, liveSummary } from './controls.js';

const WIDTH = 560;
const HEIGHT = 110;
const LABEL = 70;
const ROW = 34;

/** The widget's own styles, next to the module (the path carries the static files' version). */
function ensureStyles() {
  if (!document.querySelector('link[data-widget-styles="vector-search"]')) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL('../../css/widgets/vector-search.css', import.meta.url).href;
    link.dataset.widgetStyles = 'vector-search';
    document.head.appendChild(link);
  }
}

async function search(params) {
  const response = await fetch(`/api/search/vectors?${new URLSearchParams(params)}`, { headers: { Accept: 'application/json' } });
  if (response.ok) {
    return response.json();
  }
  let detail = '';
  try {
    detail = (await response.json()).detail;
  } catch (e) {
    // not a problem detail: keep the generic message
  }
  throw new Error(detail || `The search failed (${response.status}).`);
}

function resultItem(result, otherName) {
  const li = document.createElement('li');
  li.className = 'vs-result';
  li.dataset.chunk = String(result.chunk);
  li.dataset.shared = String(result.shared);
  const link = document.createElement('a');
  link.href = result.url;
  link.textContent = result.sectionTitle;
  const where = document.createElement('span');
  where.className = 'vs-document';
  where.textContent = ` · ${result.documentTitle}`;
  const score = document.createElement('span');
  score.className = 'vs-score';
  score.textContent = `cos ${format(result.score, 3)}`;
  const mark = document.createElement('span');
  mark.className = 'vs-mark';
  mark.textContent = result.shared ? `✓ also in ${otherName}` : `✗ not in ${otherName}`;
  const head = document.createElement('div');
  head.className = 'vs-result-head';
  head.append(link, where, score, mark);
  const snippet = document.createElement('p');
  snippet.className = 'vs-snippet';
  snippet.textContent = result.snippet;
  li.append(head, snippet);
  return li;
}

function column(parent, cls, heading) {
  const box = document.createElement('section');
  box.className = `vs-column ${cls}`;
  const title = document.createElement('p');
  title.className = 'vs-heading';
  title.id = uniqueId('vs-heading');
  title.textContent = heading;
  const list = document.createElement('ol');
  list.className = 'vs-results';
  list.setAttribute('aria-labelledby', title.id);
  box.append(title, list);
  parent.appendChild(box);
  return list;
}

export function mount(el, options) {
  ensureStyles();
  const id = uniqueId('vector-search');
  const controls = document.createElement('div');
  controls.className = 'widget-controls';
  const query = field(controls, `${id}-q`, 'Query', 'search', 'query', options.query || 'How does HNSW find neighbors?',
    { maxlength: '200' });
  const k = slider(controls, `${id}-k`, 'k', 'k', 1, 20, 1, options.k || 5);
  const candidates = slider(controls, `${id}-ef`, 'Candidates (ef)', 'candidates', 1, 200, 1, options.candidates || 10);

  const status = statusLine();
  status.clear();
  const summary = liveSummary();
  const columns = document.createElement('div');
  columns.className = 'vs-columns';
  const hnswList = column(columns, 'vs-hnsw', 'HNSW (approximate, Lucene)');
  const exactList = column(columns, 'vs-exact', 'Exact (every vector compared)');
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', class: 'widget-chart vs-latency' });
  const title = svg('title', {}, chart);
  title.textContent = 'Search time of HNSW and exact search (waiting for the first search)';
  const about = document.createElement('p');
  about.className = 'widget-note vs-about';

  function drawLatency(result) {
    while (chart.lastChild !== title) {
      chart.removeChild(chart.lastChild);
    }
    const rows = [['HNSW', result.hnsw, color('--accent')], ['Exact', result.exact, color('--muted')]];
    const max = Math.max(result.hnsw.micros, result.exact.micros, 1);
    rows.forEach(([label, s, fill], i) => {
      const y = 12 + i * (ROW + 12);
      const w = Math.max(1, (s.micros / max) * (WIDTH - LABEL - 170));
      svg('text', { x: 0, y: y + ROW / 2 + 4, 'font-size': 13, fill: 'currentColor' }, chart).textContent = label;
      svg('rect', { class: 'bar', x: LABEL, y, width: w, height: ROW, fill, 'data-micros': s.micros }, chart);
      svg('text', { x: LABEL + w + 6, y: y + ROW / 2 + 4, 'font-size': 12, fill: 'currentColor' }, chart)
        .textContent = `${format(s.micros, 1)} µs, ${s.visited} vectors compared`;
    });
    title.textContent = `Search time: HNSW ${format(result.hnsw.micros, 1)} µs, exact ${format(result.exact.micros, 1)} µs`;
  }

  function show(result) {
    hnswList.replaceChildren(...result.hnsw.results.map((r) => resultItem(r, 'exact')));
    exactList.replaceChildren(...result.exact.results.map((r) => resultItem(r, 'HNSW')));
    const e = result.embedding;
    about.textContent = `The vectors: ${e.method} ${e.chunks} chunks of the guide, ${e.vocabulary} words, `
      + `${e.dimensions} dimensions. HNSW graph: M = ${result.index.m}, ef_construction = ${result.index.beamWidth}.`;
    if (result.recall === null || result.recall === undefined) {
      summary.textContent = 'None of these words occur in at least two chunks of the guide, so the query has no vector. '
        + 'Try words the guide uses.';
      el.dataset.recall = '';
      return;
    }
    const found = result.hnsw.results.filter((r) => r.shared).length;
    summary.textContent = `recall@${result.k} = ${format(result.recall, 2)}: HNSW found ${found} of the exact top ${result.exact.results.length}. `
      + `HNSW compared the query with ${result.hnsw.visited} of ${result.exact.visited} chunks in ${format(result.hnsw.micros, 1)} µs; `
      + `the exact scan compared all of them in ${format(result.exact.micros, 1)} µs (medians of five runs). `
      + `Words used: ${result.words.join(', ')}.`;
    el.dataset.recall = String(result.recall);
    drawLatency(result);
  }

  const requests = latestRequest({
    ask: () => {
      if (Number(candidates.input.value) < Number(k.input.value)) {
        candidates.input.value = k.input.value; // the beam holds at least the k results
      }
      k.out.textContent = k.input.value;
      candidates.out.textContent = candidates.input.value;
      const q = query.value.trim();
      if (!q) {
        status.show('Type a query.');
        return null;
      }
      el.dataset.state = 'searching';
      return search({ q, k: k.input.value, candidates: candidates.input.value });
    },
    onAnswer: (result) => {
      status.clear();
      show(result);
      el.dataset.state = 'done';
      el.dataset.k = String(result.k);
      el.dataset.candidates = String(result.candidates);
    },
    onFailure: (error) => {
      status.show(error);
      el.dataset.state = 'error';
    },
    delay: 250,
  });
  const update = () => requests.now();
  const later = () => requests.later();
  query.addEventListener('input', later);
  query.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      update();
    }
  });
  k.input.addEventListener('input', later);
  candidates.input.addEventListener('input', later);
  const explain = document.createElement('p');
  explain.className = 'widget-note';
  explain.textContent = 'A ✓ marks a chunk both searches returned; a ✗ in the exact list is a true neighbor HNSW missed. '
    + 'Lower the candidates to k and watch recall drop on some queries; raise them and HNSW compares more vectors.';
  el.append(controls, status.el, summary, columns, chart, downloadButtons(chart, 'vector-search-latency'), explain, about);
  update();
}

// Form controls and text blocks the widgets share, so every widget labels its inputs, announces its
// summary and offers its table the same way.

/** A labelled input (the label wraps it), appended to {@code controls}. */
export function field(controls, id, labelText, type, cls, value, attrs = {}) {
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = `${labelText} `;
  const input = document.createElement('input');
  input.type = type;
  input.id = id;
  input.className = cls;
  input.value = value;
  Object.entries(attrs).forEach(([k, v]) => input.setAttribute(k, v));
  label.appendChild(input);
  controls.appendChild(label);
  return input;
}

/** A labelled range slider with an output showing its value, appended to {@code controls}. */
export function slider(controls, id, labelText, cls, min, max, step, value) {
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = `${labelText} `;
  const input = document.createElement('input');
  input.type = 'range';
  input.id = id;
  input.className = cls;
  input.min = String(min);
  input.max = String(max);
  input.step = String(step);
  input.value = String(value);
  const out = document.createElement('output');
  out.htmlFor = id;
  controls.append(label, input, out);
  return { input, out };
}

/** The sentence under a chart that says what it shows; screen readers hear it change. */
export function liveSummary() {
  const summary = document.createElement('p');
  summary.className = 'widget-summary';
  summary.setAttribute('aria-live', 'polite');
  return summary;
}

/** A folded table: the chart's numbers for readers who prefer (or need) them as text. */
export function tableDetails(summaryText) {
  const table = document.createElement('table');
  table.className = 'widget-table';
  const details = document.createElement('details');
  const summary = document.createElement('summary');
  summary.textContent = summaryText;
  details.append(summary, table);
  return { details, table };
}

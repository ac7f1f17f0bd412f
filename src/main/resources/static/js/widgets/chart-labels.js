// Charts are SVGs drawn in their own units and scaled to the width they get: on a phone a 640-unit
// chart is ~340 px wide and its 11-unit labels would be 6 px. Each chart's scale is kept in
// --chart-scale, and the stylesheet sizes its labels by it so they stay at least 12 px on screen.
const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver((entries) => {
  for (const entry of entries) {
    const chart = entry.target;
    const box = chart.viewBox && chart.viewBox.baseVal;
    if (!box || !box.width || !entry.contentRect.width) {
      continue;
    }
    const scale = entry.contentRect.width / box.width;
    if (scale < 1) {
      chart.style.setProperty('--chart-scale', scale.toFixed(3));
      chart.classList.add('chart-shrunk');
    } else {
      chart.style.removeProperty('--chart-scale');
      chart.classList.remove('chart-shrunk');
    }
  }
});

function watch(root) {
  for (const chart of root.querySelectorAll('figure.widget svg[viewBox]')) {
    if (!chart.dataset.labelsWatched) {
      chart.dataset.labelsWatched = 'true';
      observer.observe(chart);
    }
  }
}

/** Watches every widget chart now and whenever a widget draws a new one. */
export function keepChartLabelsReadable(root) {
  if (!observer) {
    return;
  }
  watch(root);
  new MutationObserver(() => watch(root)).observe(root.body, { childList: true, subtree: true });
}

// Small SVG helpers shared by the widgets, and the download of any chart as SVG or PNG.
const NS = 'http://www.w3.org/2000/svg';

export function svg(tag, attributes = {}, parent = null) {
  const el = document.createElementNS(NS, tag);
  for (const [key, value] of Object.entries(attributes)) {
    el.setAttribute(key, String(value));
  }
  if (parent) {
    parent.appendChild(el);
  }
  return el;
}

/** The value of one of the page's colour variables (e.g. '--accent'), as drawn right now. */
export function color(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || 'currentColor';
}

let nextId = 0;
export function uniqueId(prefix) {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

function serialize(chart) {
  const copy = chart.cloneNode(true);
  copy.setAttribute('xmlns', NS);
  const box = chart.viewBox.baseVal;
  copy.setAttribute('width', box.width);
  copy.setAttribute('height', box.height);
  // Text drawn with currentColor would turn black in a file: freeze the colour in use.
  copy.setAttribute('color', getComputedStyle(chart).color);
  return new XMLSerializer().serializeToString(copy);
}

function save(blob, fileName) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadSvg(chart, fileName) {
  save(new Blob([serialize(chart)], { type: 'image/svg+xml' }), `${fileName}.svg`);
}

export function downloadPng(chart, fileName) {
  const box = chart.viewBox.baseVal;
  const scale = 2;
  const image = new Image();
  image.onload = () => {
    const canvas = document.createElement('canvas');
    canvas.width = box.width * scale;
    canvas.height = box.height * scale;
    const context = canvas.getContext('2d');
    context.fillStyle = getComputedStyle(document.body).backgroundColor;
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    canvas.toBlob((blob) => save(blob, `${fileName}.png`), 'image/png');
  };
  image.src = `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(serialize(chart))))}`;
}

/** "Download SVG" and "Download PNG" buttons for a chart. */
export function downloadButtons(chart, fileName) {
  const bar = document.createElement('div');
  bar.className = 'widget-downloads';
  for (const [label, action] of [['Download SVG', downloadSvg], ['Download PNG', downloadPng]]) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = label;
    button.addEventListener('click', () => action(chart, fileName));
    bar.appendChild(button);
  }
  return bar;
}

export function format(value, digits = 3) {
  return Number(value).toFixed(digits);
}

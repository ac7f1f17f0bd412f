// Finds the widget containers the server rendered and loads each widget's module on demand, so a page
// without widgets loads no widget code. The options come from the container's data-option-* attributes.
export async function mountWidgets(root) {
  const containers = [...root.querySelectorAll('figure.widget[data-widget]')];
  await Promise.all(containers.map(async (el) => {
    const options = {};
    for (const [key, value] of Object.entries(el.dataset)) {
      if (key.startsWith('option')) {
        const name = key.slice('option'.length);
        options[name.charAt(0).toLowerCase() + name.slice(1)] = value;
      }
    }
    try {
      const widget = await import(`./${el.dataset.widget}.js`);
      const body = el.querySelector('.widget-body');
      body.replaceChildren();
      widget.mount(body, options);
      el.dataset.widgetReady = 'true';
    } catch (e) {
      el.dataset.widgetError = String(e);
    }
  }));
}

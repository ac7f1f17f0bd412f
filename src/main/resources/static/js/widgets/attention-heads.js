// One layer's heads compared side by side: the attention widget in its per-layer view.
import { mount as mountAttention } from './attention.js';

export function mount(el, options) {
  mountAttention(el, { ...options, view: 'layer' });
}

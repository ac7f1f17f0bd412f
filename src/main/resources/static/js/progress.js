// Checklists on guide pages, the "mark as read" button and the progress bars, kept in sync with the store.
import { currentStore, forgetSignedIn, localStore } from './progress-store.js';

function showStatus(el, message, failed) {
  if (!el) {
    return;
  }
  el.textContent = message;
  el.classList.toggle('failed', Boolean(failed));
}

function refreshCounts(root, checked) {
  for (const row of root.querySelectorAll('[data-items]')) {
    const ids = row.dataset.items.split(' ').filter(Boolean);
    const done = ids.filter((id) => checked.has(id)).length;
    const bar = row.querySelector('progress');
    if (bar) {
      bar.value = done;
    }
    const count = row.querySelector('.checked');
    if (count) {
      count.textContent = String(done);
    }
  }
  const pageCount = root.querySelector('.page-progress-count');
  if (pageCount) {
    const boxes = [...root.querySelectorAll('.task-checkbox')];
    pageCount.textContent = String(boxes.filter((b) => b.checked).length);
  }
}

function refreshReadMarks(root, read) {
  for (const row of root.querySelectorAll('.document-progress')) {
    const cell = row.querySelector('.read');
    if (cell) {
      cell.textContent = read.has(row.dataset.slug) ? 'read' : '–';
    }
  }
}

export async function initProgress(root) {
  let store = currentStore(root);
  const boxes = [...root.querySelectorAll('.task-checkbox')];
  const readButton = root.querySelector('.mark-read');
  let state;
  try {
    try {
      state = await store.load();
    } catch (e) {
      if (e.status !== 401 || store === localStore) {
        throw e;
      }
      forgetSignedIn(root);
      store = localStore;
      state = await store.load();
    }
  } catch (e) {
    const first = root.querySelector('.save-status');
    showStatus(first, `Could not load your progress: ${e.message}`, true);
    return;
  }
  const checked = new Set(state.checkedItems);
  const read = new Set(state.readDocuments);

  for (const box of boxes) {
    const item = box.closest('.task-item');
    const id = item.dataset.itemId;
    const status = item.querySelector('.save-status');
    box.checked = checked.has(id);
    box.disabled = false;
    box.addEventListener('change', async () => {
      const wanted = box.checked;
      showStatus(status, 'Saving…');
      try {
        await store.setItem(id, wanted);
        if (wanted) {
          checked.add(id);
        } else {
          checked.delete(id);
        }
        // A learning path may list the same item as the page's own checklist: one item, one tick.
        for (const other of boxes) {
          if (other !== box && other.closest('.task-item').dataset.itemId === id) {
            other.checked = wanted;
          }
        }
        showStatus(status, `Saved ${store.where}`);
      } catch (e) {
        box.checked = !wanted;
        showStatus(status, `Not saved: ${e.message}`, true);
      }
      refreshCounts(root, checked);
    });
  }

  if (readButton) {
    const slug = readButton.dataset.slug;
    const status = root.querySelector('.read-status');
    const paint = () => {
      const isRead = read.has(slug);
      readButton.setAttribute('aria-pressed', String(isRead));
      readButton.textContent = isRead ? 'Read ✓' : 'Mark as read';
    };
    paint();
    readButton.addEventListener('click', async () => {
      const wanted = !read.has(slug);
      try {
        await store.setRead(slug, wanted);
        if (wanted) {
          read.add(slug);
        } else {
          read.delete(slug);
        }
        paint();
        showStatus(status, `Saved ${store.where}`);
      } catch (e) {
        showStatus(status, `Not saved: ${e.message}`, true);
      }
    });
  }
  refreshCounts(root, checked);
  refreshReadMarks(root, read);
  root.body.dataset.progressReady = 'true';
}

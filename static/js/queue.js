// The review queue: live refresh and keyboard shortcuts. The page is rendered by the server and
// works without this file (every action is a form with its CSRF token); this adds:
//   - live: when a flag appears or changes, the list is fetched again and swapped in place
//     (typed reasons, open details and focus are kept), with the count in the navigation;
//   - keys: j/k move between flags, c claims, a/d/r/w/e approve/dismiss/remove/warn/escalate,
//     "/" types the reason, Esc leaves it. An action key with no reason yet arms that action
//     and puts you in the reason field; Enter there carries it out.
import { SioClient } from './sio.js';

const i18n = document.getElementById('i18n-q').content;
const t = (k) => (i18n.querySelector(`[data-k="${k}"]`) || {}).textContent || k;
const list = document.getElementById('flags');
const status = document.getElementById('queue-status');
const hint = document.getElementById('queue-hint');
const KEYS = { a: 'approve', d: 'dismiss', r: 'remove', w: 'warn', e: 'escalate' };

const items = () => [...list.querySelectorAll(':scope > li.flag-item')];
let currentId = null;

function current() {
  return (currentId && list.querySelector(`li.flag-item[data-id="${currentId}"]`)) || null;
}

function focusItem(li) {
  if (!li) return;
  for (const other of items()) other.classList.toggle('is-current', other === li);
  currentId = li.dataset.id;
  li.focus();
  li.scrollIntoView({ block: 'nearest' });
}

function move(step) {
  const all = items();
  if (!all.length) return;
  const at = all.indexOf(current());
  const next = at < 0 ? (step > 0 ? 0 : all.length - 1) : Math.min(Math.max(at + step, 0), all.length - 1);
  focusItem(all[next]);
}

function say(text) { hint.textContent = text; }

function disarm(form) {
  if (!form) return;
  delete form.dataset.armed;
  form.querySelectorAll('button.armed').forEach((b) => b.classList.remove('armed'));
}

function act(action) {
  const li = current();
  if (!li) { move(1); return; }
  const form = li.querySelector('form.flag-actions');
  const button = form && form.querySelector(`button[data-action="${action}"]`);
  if (!button) { say(t('not_here')); return; }
  const reason = form.elements.reason;
  if (reason.value.trim().length >= 3) { form.requestSubmit(button); return; }
  disarm(form);
  form.dataset.armed = action;
  button.classList.add('armed');
  reason.setAttribute('aria-invalid', 'true');
  reason.focus();
  say(t('armed').replace('{action}', button.textContent.trim()));
}

function claim() {
  const li = current();
  if (!li) { move(1); return; }
  const button = li.querySelector('form.flag-claim button');
  if (button) button.form.requestSubmit(button); else say(t('not_here'));
}

function typing(el) {
  return el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

document.addEventListener('keydown', (ev) => {
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
  const target = ev.target;
  if (typing(target)) {
    if (ev.key === 'Escape') {
      const li = target.closest('li.flag-item');
      disarm(target.form);
      if (li) { ev.preventDefault(); focusItem(li); }
    } else if (ev.key === 'Enter' && target.name === 'reason' && target.form && target.form.classList.contains('flag-actions')) {
      // Enter never submits the first button by accident: only the armed action.
      ev.preventDefault();
      const form = target.form;
      const button = form.dataset.armed && form.querySelector(`button[data-action="${form.dataset.armed}"]`);
      if (!button) { say(t('need_reason')); return; }
      if (target.value.trim().length < 3) { say(t('need_reason')); return; }
      form.requestSubmit(button);
    }
    return;
  }
  const key = ev.key;
  if (key === 'j' || key === 'k') { ev.preventDefault(); move(key === 'j' ? 1 : -1); }
  else if (key === 'c') { ev.preventDefault(); claim(); }
  else if (KEYS[key]) { ev.preventDefault(); act(KEYS[key]); }
  else if (key === '/') {
    const li = current();
    const reason = li && li.querySelector('form.flag-actions input[name="reason"]');
    if (reason) { ev.preventDefault(); reason.focus(); }
  }
});

// A click or a focus inside an item makes it the current one.
list.addEventListener('focusin', (ev) => {
  const li = ev.target.closest('li.flag-item');
  if (li && li.dataset.id !== currentId) {
    for (const other of items()) other.classList.toggle('is-current', other === li);
    currentId = li.dataset.id;
  }
});

// ---- live: fetch the list again when the queue changes --------------------------------------

let refreshing = null;
let again = false;
let held = null;  // a fresh list kept back while the reviewer types

list.addEventListener('focusout', () => setTimeout(() => {
  if (held && !(typing(document.activeElement) && list.contains(document.activeElement))) {
    const fresh = held;
    held = null;
    swap(fresh);
    document.getElementById('empty').hidden = items().length > 0;
  }
}, 0));

async function refresh() {
  if (refreshing) { again = true; return; }
  refreshing = (async () => {
    try {
      const res = await fetch(location.pathname + location.search, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
      if (!res.ok) return;
      const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
      const fresh = doc.getElementById('flags');
      if (!fresh) return;
      // Never under the reviewer's fingers: while they type in an item, the new list waits.
      if (typing(document.activeElement) && list.contains(document.activeElement)) held = fresh;
      else { held = null; swap(fresh); }
      const count = doc.getElementById('review-count');
      const mine = document.getElementById('review-count');
      if (count && mine) mine.replaceWith(document.importNode(count, true));
      document.getElementById('empty').hidden = items().length > 0;
    } finally {
      refreshing = null;
      if (again) { again = false; refresh(); }
    }
  })();
}

function swap(fresh) {
  // Keep what the reviewer was doing: typed values, open sections, armed actions, focus.
  const values = new Map();
  list.querySelectorAll('input[id], select[id]').forEach((el) => {
    if (el.type !== 'hidden') values.set(el.id, el.value);
  });
  const open = new Set([...list.querySelectorAll('details[open]')].map((d) => d.closest('li.flag-item').dataset.id + d.className));
  const closed = new Set([...list.querySelectorAll('details:not([open])')].map((d) => d.closest('li.flag-item').dataset.id + d.className));
  const armed = new Map([...list.querySelectorAll('form[data-armed]')].map((f) => [f.closest('li.flag-item').dataset.id, f.dataset.armed]));
  const active = document.activeElement && list.contains(document.activeElement) ? document.activeElement : null;
  const activeId = active && active.id;
  const activeItem = active && active.closest('li.flag-item') && active.closest('li.flag-item').dataset.id;
  const selection = active && typeof active.selectionStart === 'number' ? [active.selectionStart, active.selectionEnd] : null;

  list.replaceChildren(...[...fresh.children].map((n) => document.importNode(n, true)));

  list.querySelectorAll('input[id], select[id]').forEach((el) => {
    if (values.has(el.id)) el.value = values.get(el.id);
  });
  list.querySelectorAll('details').forEach((d) => {
    const key = d.closest('li.flag-item').dataset.id + d.className;
    if (open.has(key)) d.open = true;
    if (closed.has(key)) d.open = false;
  });
  for (const [id, action] of armed) {
    const form = list.querySelector(`li.flag-item[data-id="${id}"] form.flag-actions`);
    const button = form && form.querySelector(`button[data-action="${action}"]`);
    if (button) { form.dataset.armed = action; button.classList.add('armed'); }
  }
  const li = current();
  if (li) li.classList.add('is-current');
  if (activeId && document.getElementById(activeId)) {
    const el = document.getElementById(activeId);
    el.focus();
    if (selection && el.setSelectionRange) el.setSelectionRange(...selection);
  } else if (activeItem) {
    focusItem(list.querySelector(`li.flag-item[data-id="${activeItem}"]`) || items()[0]);
  }
}

let timer = null;
function changed() {
  clearTimeout(timer);
  timer = setTimeout(refresh, 150);
}

// After an action the server sends us back to the next flag (#flag-N): focus it.
const start = location.hash.match(/^#flag-(\d+)$/);
if (start) focusItem(list.querySelector(`li.flag-item[data-id="${start[1]}"]`));

status.textContent = t('offline');
const sio = new SioClient({ path: '/socket.io/' });
sio.on('connect', () => sio.emit('watch_flags', {}, (ack) => {
  if (ack && ack.ok) { status.className = 'status online'; status.textContent = t('connected'); changed(); }
}));
sio.on('disconnect', () => { status.className = 'status offline'; status.textContent = t('offline'); });
sio.on('flag', changed);
sio.on('flag_update', changed);
sio.connect();

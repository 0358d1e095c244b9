// The room's files page: upload with a progress bar (XMLHttpRequest: fetch has no upload
// progress), approve / reject / remove without a reload, and a list kept current by live pings.
// The list itself always comes from the server (an HTML fragment), where the visibility rule
// is applied: the socket only says "something changed".
import { SioClient } from './sio.js';

const root = document.getElementById('files-root');
const roomId = Number(root.dataset.room);
const maxBytes = Number(root.dataset.max);
const csrf = document.querySelector('meta[name="csrf-token"]').content;
const t = (k) => (document.querySelector(`#i18n-files [data-k="${k}"]`) || {}).textContent || k;

const form = document.getElementById('upload-form');
const input = document.getElementById('file-input');
const button = document.getElementById('upload-button');
const progress = document.getElementById('upload-progress');
const percent = document.getElementById('upload-percent');
const statusEl = document.getElementById('upload-status');
const errorEl = document.getElementById('upload-error');
const live = document.getElementById('files-live');

function showProgress(value) {
  const v = Math.max(0, Math.min(100, Math.round(value)));
  progress.hidden = false;
  progress.value = v;
  percent.textContent = `${v}%`;
  root.dataset.progress = String(v);
}

function errorMessage(xhr) {
  try {
    const data = JSON.parse(xhr.responseText);
    if (data && data.error && data.error.message) return data.error.message;
  } catch (e) { /* not JSON: a proxy's page */ }
  return xhr.status === 413 ? t('too_large') : t('failed');
}

function upload(file) {
  errorEl.textContent = '';
  statusEl.textContent = t('uploading');
  button.disabled = true;
  showProgress(0);
  const body = new FormData();
  body.append('file', file, file.name);
  const xhr = new XMLHttpRequest();
  xhr.open('POST', root.dataset.uploadUrl);
  xhr.setRequestHeader('X-CSRFToken', csrf);
  xhr.setRequestHeader('Accept', 'application/json');
  xhr.upload.addEventListener('progress', (ev) => {
    if (ev.lengthComputable && ev.total > 0) showProgress((ev.loaded / ev.total) * 100);
  });
  xhr.upload.addEventListener('load', () => { showProgress(100); statusEl.textContent = t('checking'); });
  xhr.addEventListener('load', () => {
    button.disabled = false;
    if (xhr.status === 201) {
      let data = {};
      try { data = JSON.parse(xhr.responseText); } catch (e) { /* keep the generic text */ }
      statusEl.textContent = data.file && data.file.status === 'pending' ? t('pending') : t('shared');
      form.reset();
      refresh();
    } else {
      statusEl.textContent = '';
      errorEl.textContent = errorMessage(xhr);
    }
  });
  xhr.addEventListener('error', () => { button.disabled = false; statusEl.textContent = ''; errorEl.textContent = t('failed'); });
  xhr.send(body);
}

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const file = input.files && input.files[0];
  if (!file) { errorEl.textContent = t('choose'); return; }
  if (maxBytes && file.size > maxBytes) { errorEl.textContent = t('too_large'); return; }  // the server checks too
  upload(file);
});

// The list and the queue: one server-rendered fragment, fetched again after any change.
let refreshing = null;
let again = false;
async function refresh() {
  if (refreshing) { again = true; return refreshing; }
  refreshing = (async () => {
    try {
      const res = await fetch(root.dataset.listUrl, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
      if (res.ok) live.innerHTML = await res.text();  // our own escaped template, same origin
    } catch (e) { /* offline: the next notice or action refreshes */ }
  })();
  await refreshing;
  refreshing = null;
  if (again) { again = false; refresh(); }
}

// Approve, reject, remove: the forms work without JavaScript; here they go through the API.
live.addEventListener('submit', async (ev) => {
  const f = ev.target.closest('form[data-api]');
  if (!f) return;
  ev.preventDefault();
  const out = f.closest('li').querySelector('.action-error');
  const reasonInput = f.elements.reason;
  const reason = reasonInput ? reasonInput.value.trim() : '';
  if (f.dataset.needsReason && reason.length < 3) { out.textContent = t('need_reason'); return; }
  const res = await fetch(f.dataset.api, {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-CSRFToken': csrf, Accept: 'application/json' },
    body: JSON.stringify(reason ? { reason } : {}),
  });
  if (res.ok) { refresh(); return; }
  const data = await res.json().catch(() => ({}));
  out.textContent = (data.error && data.error.message) || res.statusText;
});

const sio = new SioClient({ path: '/socket.io/' });
const ours = (e) => e && e.room === roomId;
sio.on('connect', () => {
  sio.emit('watch_files', { room: roomId }, (ack) => { root.dataset.watching = ack && ack.ok ? '1' : '0'; });
  refresh();
});
sio.on('disconnect', () => { root.dataset.watching = '0'; });
for (const name of ['file', 'file_update', 'files_changed']) sio.on(name, (e) => { if (ours(e)) refresh(); });
sio.connect();
window.exchangeFiles = { sio, refresh };  // for tests and debugging

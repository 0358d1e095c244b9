// The live review queue: new flags appear without a reload, ordered by severity then age.
import { SioClient } from './sio.js';

const csrf = document.querySelector('meta[name="csrf-token"]').content;
// Translated strings live in a <template>: look inside its content, not the document.
const i18n = document.getElementById('i18n-q').content;
const t = (k) => (i18n.querySelector(`[data-k="${k}"]`) || {}).textContent || k;
const list = document.getElementById('flags');
const status = document.getElementById('queue-status');
const ACTIONS = ['approve', 'remove', 'dismiss', 'warn', 'mute', 'kick', 'suspend', 'lock', 'escalate'];
const OPEN = ['open', 'claimed', 'escalated'];
const params = new URLSearchParams(location.search);
const wantStatus = params.get('status') || '';

function matchesFilter(f) {
  if (wantStatus) return f.status === wantStatus;
  if (params.get('room') && String(f.room) !== params.get('room')) return false;
  return OPEN.includes(f.status);
}

function fill(li, f) {
  li.dataset.id = f.id;
  li.dataset.severity = f.severity;
  li.dataset.created = f.created_at;
  li.dataset.status = f.status;
  li.replaceChildren();
  const head = document.createElement('div');
  head.className = 'flag-head';
  head.textContent = `#${f.id} · ${f.source} · ${f.category} · ${t('severity')} ${f.severity} · ${t('room')} ${f.room ?? '-'} · ${f.status}`;
  const body = document.createElement('blockquote');
  body.className = 'flag-body';
  body.textContent = f.body;  // text only, never HTML
  li.append(head, body);
  if (f.context && f.context.length) {
    const det = document.createElement('details');
    const sum = document.createElement('summary');
    sum.textContent = t('context');
    det.appendChild(sum);
    for (const c of f.context) {
      const p = document.createElement('p');
      p.className = 'muted';
      p.textContent = `${c.seq}: ${c.body}`;
      det.appendChild(p);
    }
    li.appendChild(det);
  }
  if (!OPEN.includes(f.status)) return;
  const form = document.createElement('div');
  form.className = 'row flag-actions';
  const label = document.createElement('label');
  const reasonId = `reason-${f.id}`;
  label.htmlFor = reasonId;
  label.textContent = t('reason');
  const reason = document.createElement('input');
  reason.id = reasonId;
  reason.className = 'reason';
  const claim = document.createElement('button');
  claim.type = 'button';
  claim.textContent = t('claim');
  claim.addEventListener('click', () => call(`/api/v1/flags/${f.id}/claim`, {}));
  form.append(label, reason, claim);
  for (const a of ACTIONS) {
    if (a === 'approve' && f.verdict !== 'hold') continue;
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.action = a;
    b.textContent = t(a);
    if (['remove', 'suspend', 'kick'].includes(a)) b.className = 'danger';
    b.addEventListener('click', () => {
      if (reason.value.trim().length < 3) { reason.focus(); reason.setAttribute('aria-invalid', 'true'); status.textContent = t('need_reason'); return; }
      call(`/api/v1/flags/${f.id}/actions`, { action: a, reason: reason.value, minutes: 15 });
    });
    form.appendChild(b);
  }
  li.appendChild(form);
}

function place(f) {
  let li = list.querySelector(`li[data-id="${f.id}"]`);
  if (!matchesFilter(f)) { if (li) li.remove(); updateEmpty(); return; }
  if (!li) li = document.createElement('li');
  fill(li, f);
  // Keep the order: severity high first, then oldest first.
  const after = [...list.children].find((o) => o !== li && (Number(o.dataset.severity) < f.severity
    || (Number(o.dataset.severity) === f.severity && o.dataset.created > f.created_at)));
  list.insertBefore(li, after || null);
  updateEmpty();
}

function updateEmpty() { document.getElementById('empty').hidden = list.children.length > 0; }

async function call(url, body) {
  const res = await fetch(url, { method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-CSRFToken': csrf, 'Accept': 'application/json' },
    body: JSON.stringify(body) });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) { status.textContent = (data.error && data.error.message) || res.statusText; return; }
  place(data.flag || data);
}

for (const li of [...list.children]) { const f = JSON.parse(li.dataset.flag); fill(li, f); }

const sio = new SioClient({ path: '/socket.io/' });
sio.on('connect', () => sio.emit('watch_flags', {}, (ack) => {
  if (ack && ack.ok) { status.className = 'status online'; status.textContent = t('connected'); }
}));
sio.on('disconnect', () => { status.className = 'status offline'; status.textContent = t('offline'); });
sio.on('flag', place);
sio.on('flag_update', place);
sio.connect();

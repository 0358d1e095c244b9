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
const mayTeach = list.dataset.mayTeach === '1';
const platformWide = list.dataset.platformWide === '1';
const categories = (list.dataset.categories || '').split(',').filter(Boolean);
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
  if (f.delivered_masked) {  // delivered with its words masked: the body below is what was written
    const badge = document.createElement('span');
    badge.className = 'badge warn masked';
    badge.textContent = t('masked');
    head.append(' ', badge);
  }
  const body = document.createElement('blockquote');
  body.className = 'flag-body';
  body.textContent = f.body;  // text only, never HTML
  li.append(head, body);
  if (f.rules && f.rules.length) {
    const rules = document.createElement('p');
    rules.className = 'muted flag-rules';
    rules.textContent = `${t('rules')}: ${f.rules.join(', ')}`;
    li.appendChild(rules);
  }
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
  if (mayTeach) li.appendChild(teachForm(f));
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
    b.textContent = a === 'remove' && f.delivered_masked ? t('remove_delivered') : t(a);
    if (['remove', 'suspend', 'kick'].includes(a)) b.className = 'danger';
    b.addEventListener('click', () => {
      if (reason.value.trim().length < 3) { reason.focus(); reason.setAttribute('aria-invalid', 'true'); status.textContent = t('need_reason'); return; }
      call(`/api/v1/flags/${f.id}/actions`, { action: a, reason: reason.value, minutes: 15 });
    });
    form.appendChild(b);
  }
  li.appendChild(form);
}

// The words that fired, as written: the first reason that is not personal data.
function firedWords(f) {
  const r = (f.reasons || []).find((x) => x.span && x.span[1] > x.span[0] && !String(x.category).startsWith('pii_'));
  return r ? (f.body || '').slice(r.span[0], r.span[1]) : '';
}

function select(id, options) {
  const el = document.createElement('select');
  el.id = id;
  for (const [value, label] of options) {
    const o = document.createElement('option');
    o.value = value;
    o.textContent = label;
    el.appendChild(o);
  }
  return el;
}

// "False alarm: allow this" / "Missed: block this": an entry on the school's or the platform's list.
function teachForm(f) {
  const det = document.createElement('details');
  det.className = 'flag-teach';
  const sum = document.createElement('summary');
  sum.textContent = t('teach');
  const row = document.createElement('div');
  row.className = 'row';
  const phraseLabel = document.createElement('label');
  phraseLabel.htmlFor = `phrase-${f.id}`;
  phraseLabel.textContent = t('phrase');
  const phrase = document.createElement('input');
  phrase.id = `phrase-${f.id}`;
  phrase.className = 'phrase';
  phrase.value = firedWords(f);
  const scopes = [['school', t('scope_school')]];
  if (platformWide) scopes.push(['platform', t('scope_platform')]);
  const scope = select(`scope-${f.id}`, scopes);
  const category = select(`category-${f.id}`, categories.map((c) => [c, c]));
  if (categories.includes(f.category)) category.value = f.category;
  const severity = select(`severity-${f.id}`, [1, 2, 3, 4].map((n) => [String(n), `${t('severity')} ${n}`]));
  severity.value = String(Math.min(Math.max(f.severity || 2, 1), 4));
  const reasonLabel = document.createElement('label');
  reasonLabel.htmlFor = `teach-reason-${f.id}`;
  reasonLabel.textContent = t('teach_reason');
  const reason = document.createElement('input');
  reason.id = `teach-reason-${f.id}`;
  reason.className = 'reason';
  row.append(phraseLabel, phrase, scope, category, severity, reasonLabel, reason);
  for (const [kind, key] of [['allow', 'allow_this'], ['deny', 'block_this']]) {
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.teach = kind;
    b.textContent = t(key);
    b.addEventListener('click', async () => {
      if (phrase.value.trim().length < 2) { phrase.focus(); status.textContent = t('need_phrase'); return; }
      if (reason.value.trim().length < 3) { reason.focus(); reason.setAttribute('aria-invalid', 'true'); status.textContent = t('need_reason'); return; }
      const res = await post('/api/v1/moderation/lists', { flag_id: f.id, kind, phrase: phrase.value, scope: scope.value,
        category: category.value, severity: Number(severity.value), reason: reason.value });
      if (res) status.textContent = `${t('listed')} (#${res.id})`;
    });
    row.appendChild(b);
  }
  det.append(sum, row);
  return det;
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

// POST JSON with the CSRF header; the answer, or null after showing the server's sentence.
async function post(url, body) {
  const res = await fetch(url, { method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-CSRFToken': csrf, 'Accept': 'application/json' },
    body: JSON.stringify(body) });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) { status.textContent = (data.error && data.error.message) || res.statusText; return null; }
  return data;
}

async function call(url, body) {
  const data = await post(url, body);
  if (data) place(data.flag || data);
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

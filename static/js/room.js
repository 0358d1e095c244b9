// The room page: live messages with resume by seq, presence, typing, teacher controls.
// Messages are applied by seq only: a seq already shown is dropped, so a replayed or doubled
// delivery never shows twice, and a reconnect asks for everything after the last seq seen.
// The list always holds one unbroken run of seqs, oldestSeq..lastSeq: older pages are added
// above it (scrolling to the top, or the "Load earlier messages" button), and a reconnect
// too far behind for the join to replay fills the gap page by page before anything newer.
import { SioClient } from './sio.js';

const root = document.getElementById('room-root');
const roomId = Number(root.dataset.room);
const me = Number(root.dataset.me);
const role = root.dataset.role;
const supervisor = ['teacher', 'moderator', 'admin'].includes(role);
// Translated strings live in a <template>: look inside its content, not the document.
const i18n = document.getElementById('i18n').content;
const t = (k) => (i18n.querySelector(`[data-k="${k}"]`) || {}).textContent || k;
const csrf = document.querySelector('meta[name="csrf-token"]').content;

const list = document.getElementById('messages');
const status = document.getElementById('conn-status');
const typingEl = document.getElementById('typing');
const errorEl = document.getElementById('send-error');
const input = document.getElementById('body');
const form = document.getElementById('composer');
const olderBtn = document.getElementById('load-older');
const olderStatus = document.getElementById('older-status');

let lastSeq = 0;          // highest seq applied
let oldestSeq = null;     // lowest seq covered by the list; null until the first join
let hasOlder = false;     // the room has messages before oldestSeq
let loadingOlder = false;
let listGen = 0;          // bumped when the list is started afresh: pages asked for before are stale
let joinGen = 0;          // bumped by each join: a slower, older join stops where it is
let followBottom = true;  // the reader is at the newest message: keep them there as messages arrive
const PAGE = 100;         // older messages per scroll-back
const CATCH_UP_PAGE = 500;
const GAP_FILL_MAX = 5000; // a longer absence starts afresh at the newest page; older ones load on scroll
let joined = false;
let buffer = [];          // live messages that arrive while a join is in flight
const seen = new Map();   // seq -> <li>
const pending = new Map(); // client_msg_id -> {body, li}
const typers = new Map();

function setStatus(kind, text) {
  status.className = 'status ' + kind;
  status.textContent = text;
}

// Times in the reader's language (the page's) and time zone (their settings), with the zone's short
// name: people in a room are often in different zones. The full date is in the title.
const pageLang = document.documentElement.lang || undefined;
const viewerZone = root.dataset.tz || undefined;
function timeOf(iso) {
  try {
    return new Date(iso).toLocaleTimeString(pageLang, { hour: '2-digit', minute: '2-digit', timeZone: viewerZone, timeZoneName: 'short' });
  } catch (e) { return ''; }
}
function fullTimeOf(iso) {
  try {
    return new Date(iso).toLocaleString(pageLang, { dateStyle: 'full', timeStyle: 'short', timeZone: viewerZone });
  } catch (e) { return ''; }
}

function render(m) {
  const li = document.createElement('li');
  li.dataset.seq = m.seq;
  if (m.kind === 'notice') li.className = 'notice';
  if (m.author) {
    const a = document.createElement('span');
    a.className = 'author';
    // the name isolated in its own direction (<bdi>); the span keeps the page's, so its margin
    // falls between the name and the message in either direction
    const name = document.createElement('bdi');
    name.textContent = m.author.name;
    a.appendChild(name);
    li.appendChild(a);
  }
  const b = document.createElement('span');
  b.className = 'body';
  b.dir = 'auto';  // an Arabic message in an English room (and the reverse) reads in its own direction
  if (m.meta && m.meta.removed) b.textContent = t('removed');
  else if (m.html) b.innerHTML = m.html;  // sanitised on the server by bleach: only allowlisted links
  else b.textContent = m.body;
  li.appendChild(b);
  const time = document.createElement('time');
  time.className = 'time';
  time.dateTime = m.ts;
  time.textContent = timeOf(m.ts);
  time.title = fullTimeOf(m.ts);
  li.appendChild(time);
  if (m.seq > 0 && m.kind === 'message' && m.author && m.author.id !== me) {
    const r = document.createElement('button');
    r.type = 'button';
    r.className = 'link report';
    r.textContent = t('report');
    r.addEventListener('click', () => openReport(li, m.seq));
    li.appendChild(r);
  }
  return li;
}

function openReport(li, seq) {
  if (li.querySelector('form.report-form')) return;
  const tpl = document.getElementById('report-form');
  const form = tpl.content.firstElementChild.cloneNode(true);
  form.querySelectorAll('[id]').forEach((el) => { el.id = `${el.id}-${seq}`; });
  form.querySelectorAll('label[for]').forEach((el) => { el.htmlFor = `${el.htmlFor}-${seq}`; });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { room: roomId, seq, subject_type: 'message', category: form.elements.category.value,
      reason: form.elements.reason.value };
    const res = await fetch('/api/v1/reports', { method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRFToken': csrf, 'Accept': 'application/json' },
      body: JSON.stringify(body) });
    const data = await res.json().catch(() => ({}));
    if (res.ok) { form.replaceWith(Object.assign(document.createElement('p'), { className: 'muted', textContent: t('reported') })); }
    else form.querySelector('.error').textContent = (data.error && data.error.message) || res.statusText;
  });
  li.appendChild(form);
  form.elements.reason.focus();
}

// Supervisors see messages waiting for approval and decide from the room itself.
const heldPanel = document.getElementById('held');
function showHeld(f) {
  if (!heldPanel || f.room !== roomId) return;
  let li = heldPanel.querySelector(`li[data-flag="${f.id}"]`);
  const open = ['open', 'claimed'].includes(f.status) && f.verdict === 'hold';
  if (!open) { if (li) li.remove(); heldPanel.closest('section').hidden = !heldPanel.children.length; return; }
  if (!li) {
    li = document.createElement('li');
    li.dataset.flag = f.id;
    const q = document.createElement('blockquote');
    q.textContent = f.body;
    const why = document.createElement('p');
    why.className = 'muted';
    // The rule in plain words, never a code, in this page's language (a live flag was raised in its
    // sender's): the page's own sentence for the category, else the one the flag carries.
    const own = i18n.querySelector(`[data-k="rule_${CSS.escape(String(f.category || ''))}"]`);
    why.textContent = own ? own.textContent : (f.rule_text || '');
    li.append(q, why);
    for (const action of ['approve', 'remove']) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = t(action);
      b.dataset.action = action;
      b.addEventListener('click', async () => {
        const res = await fetch(`/api/v1/flags/${f.id}/actions`, { method: 'POST', credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', 'X-CSRFToken': csrf, 'Accept': 'application/json' },
          body: JSON.stringify({ action, reason: action === 'approve' ? t('approved_reason') : t('removed_reason') }) });
        const data = await res.json().catch(() => ({}));
        if (res.ok) showHeld(data.flag); else errorEl.textContent = (data.error && data.error.message) || res.statusText;
      });
      li.append(b, ' ');
    }
    heldPanel.appendChild(li);
  }
  heldPanel.closest('section').hidden = false;
}

function apply(m) {
  if (typeof m.seq !== 'number' || m.room !== roomId) return;
  if (m.kind === 'removal') {
    const target = seen.get(m.meta && m.meta.target_seq);
    if (target) target.querySelector('.body').textContent = t('removed');
  }
  if (m.seq <= lastSeq || seen.has(m.seq)) return;   // already shown
  if (m.author && m.author.id === me && m.client_msg_id && pending.has(m.client_msg_id)) {
    pending.get(m.client_msg_id).li.remove();
    pending.delete(m.client_msg_id);
  }
  if (m.kind !== 'removal') {
    const li = render(m);
    seen.set(m.seq, li);
    list.appendChild(li);
  }
  lastSeq = m.seq;
  stickToBottom();
}

let scrollQueued = false;
function stickToBottom() {
  // Once per frame, not per message: a catch-up of hundreds would otherwise lay out hundreds of times.
  if (scrollQueued) return;
  scrollQueued = true;
  requestAnimationFrame(() => { scrollQueued = false; if (followBottom) list.scrollTop = list.scrollHeight; });
}

async function fetchPage(params) {
  const res = await fetch(`/api/v1/rooms/${roomId}/messages?${new URLSearchParams(params)}`,
    { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error((data.error && data.error.message) || res.statusText);
  return data;
}

function showOlderControls() {
  olderBtn.hidden = !hasOlder;
  olderBtn.disabled = loadingOlder;
}

// Start the list afresh at `firstSeq` (what a join returned); everything before it loads on scroll-back.
function startAt(firstSeq) {
  listGen += 1;
  list.replaceChildren();
  seen.clear();
  early.clear();
  for (const p of pending.values()) list.appendChild(p.li);  // unsent messages stay in view
  lastSeq = firstSeq - 1;
  oldestSeq = firstSeq;
  hasOlder = firstSeq > 1;
  showOlderControls();
}

// Page forward from lastSeq up to (not including) firstSeq; stops when a newer join takes over.
async function catchUp(firstSeq, gen) {
  while (lastSeq < firstSeq - 1) {
    const from = lastSeq;
    const page = await fetchPage({ after: from, limit: CATCH_UP_PAGE });
    if (gen !== joinGen) return;
    page.messages.forEach((m) => { if (m.seq < firstSeq) receive(m); });
    if (!page.has_more || lastSeq === from) return;
  }
}

async function loadOlder() {
  if (loadingOlder || !hasOlder || oldestSeq === null) return;
  loadingOlder = true;
  showOlderControls();
  olderStatus.textContent = t('older_loading');
  list.setAttribute('aria-busy', 'true');
  const gen = listGen;
  try {
    const page = await fetchPage({ before: oldestSeq, limit: PAGE });
    if (gen !== listGen) return;
    const older = document.createDocumentFragment();
    for (const m of page.messages) {
      // A removal record needs no line: the message it removed is stored, and shown, as removed.
      if (m.seq >= oldestSeq || seen.has(m.seq) || m.kind === 'removal') continue;
      const li = render(m);
      seen.set(m.seq, li);
      older.appendChild(li);
    }
    const height = list.scrollHeight;
    list.insertBefore(older, list.firstChild);
    list.scrollTop += list.scrollHeight - height;  // the message the reader was at stays in place
    if (page.messages.length) oldestSeq = page.messages[0].seq;
    hasOlder = page.has_more;
    olderStatus.textContent = hasOlder ? '' : t('older_start');
  } catch (e) {
    olderStatus.textContent = e.message || t('older_failed');
  } finally {
    loadingOlder = false;
    list.removeAttribute('aria-busy');
    showOlderControls();
  }
}

olderBtn.addEventListener('click', loadOlder);
list.addEventListener('scroll', () => {
  followBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  if (list.scrollTop < 60) loadOlder();
});

// Seqs are gapless per room. With several server processes a later message can arrive before
// an earlier one: keep it aside, and if the gap does not fill by itself, fetch what is missing.
const early = new Map();
let fillTimer = null;

function receive(m) {
  if (typeof m.seq !== 'number' || m.room !== roomId || m.seq <= lastSeq) return;
  if (m.seq === lastSeq + 1) { apply(m); drain(); return; }
  early.set(m.seq, m);
  if (!fillTimer) fillTimer = setTimeout(fillGap, 700);
}

function drain() {
  while (early.has(lastSeq + 1)) {
    const next = early.get(lastSeq + 1);
    early.delete(lastSeq + 1);
    apply(next);
  }
  for (const seq of [...early.keys()]) if (seq <= lastSeq) early.delete(seq);
  if (!early.size && fillTimer) { clearTimeout(fillTimer); fillTimer = null; }
}

async function fillGap() {
  fillTimer = null;
  if (!early.size) return;
  try {
    const page = await fetchPage({ after: lastSeq, limit: CATCH_UP_PAGE });
    page.messages.forEach((m) => { if (m.seq === lastSeq + 1) apply(m); });
  } catch (e) { /* next live message or reconnect tries again */ }
  drain();
  if (early.size && !fillTimer) fillTimer = setTimeout(fillGap, 2000);
}

const CONTROLS_BY_STATE = { scheduled: ['open'], open: ['close', 'lock'], locked: ['unlock', 'close'], closed: ['open'] };

function applyState(r) {
  const badge = document.getElementById('room-state');
  badge.textContent = t(r.state);
  badge.className = 'badge state-' + r.state;
  document.getElementById('paused-notice').hidden = !r.paused;
  const writable = r.state === 'open' && !r.paused;
  input.disabled = !writable;
  document.getElementById('send').disabled = !writable;
  root.dataset.state = r.state;
  root.dataset.paused = r.paused ? '1' : '0';
  // Only the controls that make sense in this state: a closed room can be opened, not locked.
  const usable = CONTROLS_BY_STATE[r.state] || [];
  document.querySelectorAll('#controls [data-action]').forEach((b) => { b.hidden = !usable.includes(b.dataset.action); });
  // The room's activity and the reflection card follow its state: prepare, exchange (prompts), reflect.
  const phase = PHASE_BY_STATE[r.state] || 'prepare';
  document.querySelectorAll('[data-phase] > [data-phase], #reflection[data-phase]').forEach((el) => {
    el.hidden = el.dataset.phase !== phase;
  });
}

const PHASE_BY_STATE = { open: 'exchange', locked: 'exchange', closed: 'reflect' };

// A supervisor puts one of the activity's prompts into the composer, to send it as their own message.
document.querySelectorAll('#activity [data-prompt]').forEach((button) => {
  button.addEventListener('click', () => { input.value = button.dataset.prompt; input.focus(); });
});

function applyPresence(p) {
  const ul = document.getElementById('presence');
  ul.replaceChildren();
  for (const person of p.people) {
    const li = document.createElement('li');
    const who = document.createElement('bdi');  // a name keeps its own direction; the role reads in the page's
    who.textContent = person.name;
    li.append(who, ` · ${t('role_' + person.role)}`);
    if (supervisor && person.id !== me && person.role === 'student') {
      const btn = document.createElement('button');
      btn.type = 'button';
      btn.className = 'link';
      btn.textContent = t('mute');
      btn.addEventListener('click', () => control('mute', { user_id: person.id, minutes: 10, reason: 'muted from room page' }));
      li.append(' ', btn);
    }
    ul.appendChild(li);
  }
  if (typeof p.paused === 'boolean') applyState({ state: p.state || root.dataset.state || 'open', paused: p.paused });
}

async function control(action, body) {
  const res = await fetch(`/api/v1/rooms/${roomId}/${action}`, {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-CSRFToken': csrf, 'Accept': 'application/json' },
    body: JSON.stringify(body || {}),
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) errorEl.textContent = (data.error && data.error.message) || res.statusText;
  else if (data.state) applyState(data);
}

const sio = new SioClient({ path: '/socket.io/' });

function join() {
  joined = false;
  buffer = [];
  const gen = ++joinGen;
  sio.emit('join', { room: roomId, last_seq: lastSeq }, async (ack) => {
    if (gen !== joinGen) return;
    if (!ack || !ack.ok) {
      setStatus('offline', (ack && ack.message) || 'error');
      return;
    }
    const firstSeq = ack.first_seq || lastSeq + 1;
    if (oldestSeq === null) {
      // First join of this page: show the newest page; what came before loads on scroll-back.
      startAt(ack.resync ? firstSeq : lastSeq + 1);
    } else if (ack.resync) {
      // Away longer than a join replays: fetch the messages between, in order, then the join's page.
      if (firstSeq - lastSeq - 1 <= GAP_FILL_MAX) {
        try { await catchUp(firstSeq, gen); } catch (e) { /* start afresh below; scroll-back reaches them */ }
        if (gen !== joinGen) return;
      }
      if (lastSeq < firstSeq - 1) startAt(firstSeq);
    }
    ack.messages.forEach(receive);
    buffer.sort((a, b) => a.seq - b.seq).forEach(receive);
    buffer = [];
    joined = true;
    applyState(ack.room);
    applyPresence(ack.presence);
    setStatus('online', t('connected'));
    resendPending();
  }, { timeout: 10000 });
}

sio.on('connect', () => {
  join();
  if (supervisor) {
    sio.emit('watch_flags', {}, () => {});
    fetch(`/api/v1/flags?room=${roomId}`, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then((r) => (r.ok ? r.json() : { flags: [] })).then((d) => d.flags.forEach(showHeld)).catch(() => {});
  }
});
sio.on('flag', showHeld);
sio.on('flag_update', showHeld);
sio.on('held_rejected', (e) => {
  const p = e.room === roomId && pending.get(e.client_msg_id);
  if (p) { p.li.classList.add('notice'); p.li.querySelector('.time').textContent = t('rejected'); pending.delete(e.client_msg_id); }
});
sio.on('notice', (n) => { if (n.kind === 'warning') errorEl.textContent = `${t('warning')} ${n.message}`; });
sio.on('disconnect', () => { joined = false; setStatus('offline', t('reconnecting')); });
sio.on('reconnecting', () => setStatus('offline', t('reconnecting')));
sio.on('connect_error', (err) => setStatus('offline', (err && err.message) || t('offline')));
sio.on('message', (m) => {
  if (joined) receive(m); else buffer.push(m);
});
sio.on('room_state', (r) => { if (r.id === roomId) applyState(r); });
sio.on('presence', (p) => { if (p.room === roomId) applyPresence(p); });
sio.on('muted', (m) => { if (m.room === roomId && m.user_id === me && m.until) errorEl.textContent = t('muted'); });
sio.on('evicted', (e) => {
  if (e.room !== roomId) return;
  setStatus('offline', t('evicted'));
  input.disabled = true;
  sio.close();
});
sio.on('typing', (ev) => {
  if (ev.room !== roomId) return;
  if (ev.typing) typers.set(ev.user.id, ev.user.name); else typers.delete(ev.user.id);
  // one sentence per count (languages agree the verb with one or several people): "{names}" inside it
  const names = [...typers.values()].join(', ');
  typingEl.textContent = typers.size ? t(typers.size === 1 ? 'typing_one' : 'typing_many').replace('{names}', names) : '';
});

function newId() {
  const a = new Uint8Array(12);
  crypto.getRandomValues(a);
  return Array.from(a, (x) => x.toString(16).padStart(2, '0')).join('');
}

function send(id, body) {
  sio.emit('send_message', { room: roomId, body, client_msg_id: id }, (ack) => {
    const p = pending.get(id);
    if (!ack || ack.error === 'timeout') return;  // stays pending; resent after reconnect with the same id
    if (!ack.ok) {
      errorEl.textContent = ack.message;
      if (p) { p.li.remove(); pending.delete(id); }
      return;
    }
    errorEl.textContent = '';
    if (ack.held) {
      if (p) { p.li.classList.add('held'); p.li.querySelector('.time').textContent = t('held'); p.held = true; }
      return;
    }
    if (p && typeof ack.seq === 'number' && ack.seq <= lastSeq) { p.li.remove(); pending.delete(id); }
  }, { timeout: 10000 });
}

function resendPending() {
  for (const [id, p] of pending) if (!p.held) send(id, p.body);
}

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const body = input.value.trim();
  if (!body) return;
  const id = newId();
  const li = render({ seq: 0, body, author: { name: '…' }, ts: new Date().toISOString(), meta: {} });
  li.classList.add('pending');
  li.querySelector('.time').textContent = t('sending');
  list.appendChild(li);
  pending.set(id, { body, li });
  followBottom = true;
  stickToBottom();
  input.value = '';
  if (sio.connected && joined) send(id, body);
});

let typingTimer = null;
input.addEventListener('input', () => {
  if (!joined) return;
  if (!typingTimer) sio.emit('typing', { room: roomId, typing: true });
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => { typingTimer = null; if (joined) sio.emit('typing', { room: roomId, typing: false }); }, 2500);
});

document.querySelectorAll('#controls [data-action]').forEach((btn) =>
  btn.addEventListener('click', () => control(btn.dataset.action, { reason: 'from room page' })));

sio.connect();

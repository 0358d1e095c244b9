// The room page: live messages with resume by seq, presence, typing, teacher controls.
// Messages are applied by seq only: a seq already shown is dropped, so a replayed or doubled
// delivery never shows twice, and a reconnect asks for everything after the last seq seen.
import { SioClient } from './sio.js';

const root = document.getElementById('room-root');
const roomId = Number(root.dataset.room);
const me = Number(root.dataset.me);
const role = root.dataset.role;
const supervisor = ['teacher', 'moderator', 'admin'].includes(role);
const t = (k) => (document.querySelector(`#i18n [data-k="${k}"]`) || {}).textContent || k;
const csrf = document.querySelector('meta[name="csrf-token"]').content;

const list = document.getElementById('messages');
const status = document.getElementById('conn-status');
const typingEl = document.getElementById('typing');
const errorEl = document.getElementById('send-error');
const input = document.getElementById('body');
const form = document.getElementById('composer');

let lastSeq = 0;          // highest seq applied
let joined = false;
let buffer = [];          // live messages that arrive while a join is in flight
const seen = new Map();   // seq -> <li>
const pending = new Map(); // client_msg_id -> {body, li}
const typers = new Map();

function setStatus(kind, text) {
  status.className = 'status ' + kind;
  status.textContent = text;
}

function timeOf(iso) {
  try { return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }); } catch (e) { return ''; }
}

function render(m) {
  const li = document.createElement('li');
  li.dataset.seq = m.seq;
  if (m.kind === 'notice') li.className = 'notice';
  if (m.author) {
    const a = document.createElement('span');
    a.className = 'author';
    a.textContent = m.author.name;
    li.appendChild(a);
  }
  const b = document.createElement('span');
  b.className = 'body';
  b.textContent = m.meta && m.meta.removed ? t('removed') : m.body;  // always text, never HTML
  li.appendChild(b);
  const time = document.createElement('time');
  time.className = 'time';
  time.dateTime = m.ts;
  time.textContent = timeOf(m.ts);
  li.appendChild(time);
  return li;
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
  list.scrollTop = list.scrollHeight;
}

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
}

function applyPresence(p) {
  const ul = document.getElementById('presence');
  ul.replaceChildren();
  for (const person of p.people) {
    const li = document.createElement('li');
    li.textContent = `${person.name} · ${person.role}`;
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
window.exchangeRoom = { sio, get lastSeq() { return lastSeq; } };  // for tests and debugging

function join() {
  joined = false;
  buffer = [];
  sio.emit('join', { room: roomId, last_seq: lastSeq }, (ack) => {
    if (!ack || !ack.ok) {
      setStatus('offline', (ack && ack.message) || 'error');
      return;
    }
    if (ack.resync) { list.replaceChildren(); seen.clear(); lastSeq = 0; }
    ack.messages.forEach(apply);
    buffer.sort((a, b) => a.seq - b.seq).forEach(apply);
    buffer = [];
    joined = true;
    applyState(ack.room);
    applyPresence(ack.presence);
    setStatus('online', t('connected'));
    resendPending();
  }, { timeout: 10000 });
}

sio.on('connect', join);
sio.on('disconnect', () => { joined = false; setStatus('offline', t('reconnecting')); });
sio.on('reconnecting', () => setStatus('offline', t('reconnecting')));
sio.on('connect_error', (err) => setStatus('offline', (err && err.message) || t('offline')));
sio.on('message', (m) => { if (joined) apply(m); else buffer.push(m); });
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
  typingEl.textContent = typers.size ? `${[...typers.values()].join(', ')} ${t('typing')}` : '';
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

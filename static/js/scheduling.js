// Scheduling pages: a live preview of both local times and the conflicts while a teacher picks
// a time on the invitation form, and in-app notices when a session changes (`session_update`
// on the user's own channel). Text only: nothing received is ever inserted as HTML.
import { SioClient } from './sio.js';

const csrf = document.querySelector('meta[name="csrf-token"]').content;
const t = (k) => (document.querySelector(`#i18n-s [data-k="${k}"]`) || {}).textContent || k;

function clock(l) {
  const div = document.createElement('div');
  div.className = 'clock';
  div.dataset.tz = l.timezone;
  const name = document.createElement('span');
  name.className = 'clock-class';
  name.textContent = l.class_name;
  const time = document.createElement('time');
  time.dateTime = l.start;
  time.textContent = l.label;
  const zone = document.createElement('span');
  zone.className = 'muted clock-zone';
  zone.textContent = `${l.timezone} (${l.offset})`;
  div.append(name, time, zone);
  return div;
}

function setupPreview(form) {
  const preview = document.getElementById('preview');
  const box = document.getElementById('conflict-box');
  const value = (id) => (document.getElementById(id) || {}).value || '';
  let pending = null;

  async function refresh() {
    if (!value('date') || !value('time')) return;
    const body = {
      class_id: Number(form.dataset.class), partner_class_id: Number(form.dataset.partner),
      date: value('date'), time: value('time'),
      minutes: Number(value('minutes')) || 45, weeks: Number(value('weeks')) || 1,
    };
    let data;
    try {
      const r = await fetch('/api/v1/sessions/check', {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRFToken': csrf },
        body: JSON.stringify(body),
      });
      data = await r.json();
      if (!r.ok) { preview.replaceChildren(document.createTextNode(data.error ? data.error.message : '')); return; }
    } catch (e) { return; }
    preview.replaceChildren(...data.occurrences.map((o) => {
      const div = document.createElement('div');
      div.className = 'occurrence';
      const clocks = document.createElement('div');
      clocks.className = 'clocks';
      clocks.append(...o.local.map(clock));
      div.append(clocks);
      return div;
    }));
    box.replaceChildren();
    const wrap = document.createElement('div');
    wrap.className = data.conflicts.length ? 'conflicts' : 'muted';
    if (data.conflicts.length) {
      wrap.setAttribute('role', 'alert');
      const h = document.createElement('h3');
      h.textContent = t('conflicts');
      const ul = document.createElement('ul');
      ul.id = 'conflicts';
      for (const c of data.conflicts) {
        const li = document.createElement('li');
        li.dataset.kind = c.kind;
        li.textContent = c.message;
        ul.append(li);
      }
      wrap.append(h, ul);
    } else {
      wrap.textContent = t('none');
    }
    box.append(wrap);
  }

  for (const id of ['date', 'time', 'minutes', 'weeks']) {
    const el = document.getElementById(id);
    if (el) el.addEventListener('change', () => { clearTimeout(pending); pending = setTimeout(refresh, 150); });
  }
}

function setupNotices(list) {
  const sio = new SioClient();
  sio.on('session_update', (u) => {
    if (!u || typeof u !== 'object') return;
    const li = document.createElement('li');
    li.dataset.session = u.session;
    li.dataset.event = u.event;
    li.textContent = t(u.event).replace('{title}', String(u.title || '')) + ' · ';
    const a = document.createElement('a');
    a.href = location.pathname;
    a.textContent = t('reload');
    li.append(a);
    list.prepend(li);
    const item = document.querySelector(`.session[data-session="${Number(u.session)}"]`);
    if (item && u.status) item.dataset.status = u.status;
  });
  sio.connect();
}

const form = document.getElementById('invite-form');
if (form) setupPreview(form);
const notes = document.getElementById('live-notes');
if (notes) setupNotices(notes);

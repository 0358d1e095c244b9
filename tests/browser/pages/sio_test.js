// Drives static/js/sio.js for tests/browser/test_sio_client.py: every event becomes a
// line in #log, so the test asserts on what the page shows.
// Query parameters: token (sent as auth), delay / max (reconnect backoff ms), open (open timeout ms).
import { SioClient } from '/static/js/sio.js';

const params = new URLSearchParams(window.location.search);
const logList = document.getElementById('log');
const stateEl = document.getElementById('state');
const sidEl = document.getElementById('sid');
const connectsEl = document.getElementById('connects');

function log(line) {
  const item = document.createElement('li');
  item.textContent = line;
  logList.appendChild(item);
}

document.addEventListener('securitypolicyviolation', (ev) => log(`csp: ${ev.violatedDirective}`));

const options = {};
if (params.has('token')) options.auth = { token: params.get('token') };
if (params.has('delay')) options.reconnectDelay = Number(params.get('delay'));
if (params.has('max')) options.reconnectDelayMax = Number(params.get('max'));
if (params.has('open')) options.openTimeout = Number(params.get('open'));

const sio = new SioClient(options);
let connects = 0;
let echoes = 0;

sio.on('connect', () => {
  connects += 1;
  connectsEl.textContent = String(connects);
  stateEl.textContent = 'connected';
  sidEl.textContent = sio.id;
  log('connect');
});
sio.on('disconnect', (reason) => {
  stateEl.textContent = 'disconnected';
  log(`disconnect: ${reason}`);
});
sio.on('reconnecting', (attempt) => log(`reconnecting: ${attempt}`));
sio.on('connect_error', (err) => log(`connect_error: ${err.message}`));
sio.on('error', (err) => log(`error: ${err.message}`));
sio.on('welcome', (data) => log(`welcome: token=${data.token}`));
sio.on('news', (data) => log(`news: ${data.n}`));
sio.on('question', (data, ack) => {
  log(`question: ${data.q}`);
  ack({ answer: data.q.toUpperCase() });
});
sio.on('answer_received', (data) => log(`answer_received: ${JSON.stringify(data.reply)}`));
sio.on('blob', () => log('blob delivered (should have been refused)'));
sio.on('after_blob', () => log('after_blob'));

const actions = {
  echo: () => {
    echoes += 1;
    sio.emit('echo', { text: `hello ${echoes}` }, (ack) => log(`ack echo: ${JSON.stringify(ack)}`));
  },
  'echo-promise': async () => {
    const ack = await sio.emitWithAck('echo', { text: 'promised' }, { timeout: 2000 });
    log(`promise echo: ${JSON.stringify(ack)}`);
  },
  push: () => sio.emit('push_me', { n: 3 }),
  ask: () => sio.emit('ask_me', { q: 'ready?' }),
  slow: () => sio.emit('slow', { delay: 1 }, (ack) => log(`ack slow: ${JSON.stringify(ack)}`), { timeout: 300 }),
  kick: () => sio.emit('kick_me'),
  binary: () => sio.emit('send_binary'),
  drop: () => { if (sio._ws) sio._ws.close(); },  // the line closes under the client, as a network failure would
  close: () => {
    sio.close();
    stateEl.textContent = 'closed';
  },
  connect: () => sio.connect(),
};
for (const [id, action] of Object.entries(actions)) {
  document.getElementById(id).addEventListener('click', action);
}

stateEl.textContent = 'connecting';
sio.connect();

// Our own small Socket.IO v5 / Engine.IO v4 client over WebSocket only, so the pages need
// neither npm nor a CDN. It speaks to the default namespace "/" of Flask-SocketIO 5 and
// keeps no send queue: the app resends with idempotent ids after a reconnection.
//
//   const s = new SioClient({auth: null});
//   s.on('connect', () => ...); s.on('message', (msg) => ...);
//   s.emit('join', {room}, (ack) => ...);                 // ack gets {ok:false, error:'timeout'} on timeout
//   const ack = await s.emitWithAck('join', {room}, {timeout: 5000});
//   s.connect(); ... s.close();
//
// Events: 'connect', 'disconnect' (reason, data), 'reconnecting' (attempt, delayMs),
// 'connect_error' ({message, data}), 'error' ({message}) for packets we refuse (binary).

// Engine.IO v4 packet types (one per WebSocket text frame).
const EIO_OPEN = '0';
const EIO_CLOSE = '1';
const EIO_PING = '2';
const EIO_PONG = '3';
const EIO_MESSAGE = '4';
const EIO_NOOP = '6';

// Socket.IO v5 packet types (inside an Engine.IO message).
const SIO_CONNECT = 0;
const SIO_DISCONNECT = 1;
const SIO_EVENT = 2;
const SIO_ACK = 3;
const SIO_CONNECT_ERROR = 4;
const SIO_BINARY_EVENT = 5;
const SIO_BINARY_ACK = 6;

// Names the client emits itself; the server cannot trigger them and the app cannot send them.
const RESERVED = new Set(['connect', 'disconnect', 'reconnecting', 'connect_error', 'error']);

const DEFAULTS = {
  url: null,               // ws(s)://host; default: this page's origin
  path: '/socket.io/',
  auth: null,              // object, or function returning one, sent with CONNECT
  reconnection: true,
  reconnectDelay: 500,     // first retry after about this many ms
  reconnectDelayMax: 10000,
  jitter: 0.5,             // each delay is randomised by +/- this fraction
  ackTimeout: 10000,       // ms before an unanswered ack calls back with a timeout error
  openTimeout: 10000,      // ms to get from WebSocket start to Socket.IO CONNECT
};

/** Parse "<digits>rest" into [number|null, rest]. */
function splitLeadingId(text) {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i += 1;
  return i === 0 ? [null, text] : [Number(text.slice(0, i)), text.slice(i)];
}

export class SioClient {
  constructor(options = {}) {
    this.options = { ...DEFAULTS, ...options };
    this.connected = false;
    this.id = null;              // Socket.IO sid given by the server's CONNECT
    this._handlers = new Map();
    this._ws = null;
    this._wanted = false;        // true between connect() and close()
    this._attempt = 0;           // reconnection attempts since the last successful connect
    this._nextAckId = 0;
    this._acks = new Map();      // ack id -> {callback, timer}
    this._pingTimer = null;
    this._openTimer = null;
    this._retryTimer = null;
    this._pingDeadline = 0;
  }

  /** Register a handler; for server events it gets the args, plus an ack function if asked. */
  on(event, handler) {
    if (!this._handlers.has(event)) this._handlers.set(event, []);
    this._handlers.get(event).push(handler);
    return this;
  }

  off(event, handler) {
    const list = this._handlers.get(event);
    if (!list) return this;
    if (handler === undefined) this._handlers.delete(event);
    else this._handlers.set(event, list.filter((h) => h !== handler));
    return this;
  }

  /** Open the connection and keep it open (with reconnection) until close(). */
  connect() {
    this._wanted = true;
    if (!this._ws && !this._retryTimer) {
      this._attempt = 0;
      this._open();
    }
    return this;
  }

  /** Leave politely and stop reconnecting. */
  close() {
    this._wanted = false;
    clearTimeout(this._retryTimer);
    this._retryTimer = null;
    const ws = this._ws;
    if (ws && ws.readyState === WebSocket.OPEN && this.connected) {
      this._sendSio(SIO_DISCONNECT, '');
    }
    this._teardown('io client disconnect');
    return this;
  }

  /**
   * Send an event with one data argument. A function as the last argument asks the
   * server for an ack; options.timeout (ms) overrides the default ack timeout.
   * Returns true if the packet was handed to the socket. No queue: while disconnected
   * the event is dropped and a callback gets {ok:false, error:'not_connected'}.
   */
  emit(event, data, callback, options) {
    if (typeof data === 'function') {
      options = callback;
      callback = data;
      data = undefined;
    }
    if (RESERVED.has(event)) throw new Error(`"${event}" is a reserved event name`);
    const args = data === undefined ? [event] : [event, data];
    if (!this.connected) {
      if (callback) setTimeout(() => callback({ ok: false, error: 'not_connected' }), 0);
      return false;
    }
    let id = '';
    if (typeof callback === 'function') {
      const ackId = this._nextAckId;
      this._nextAckId += 1;
      const timeout = (options && options.timeout) || this.options.ackTimeout;
      const timer = setTimeout(() => this._settleAck(ackId, [{ ok: false, error: 'timeout' }]), timeout);
      this._acks.set(ackId, { callback, timer });
      id = String(ackId);
    }
    this._sendSio(SIO_EVENT, id + JSON.stringify(args));
    return true;
  }

  /** Promise form of emit with an ack: resolves with the ack's first argument, or an error object. */
  emitWithAck(event, data, options) {
    return new Promise((resolve) => {
      this.emit(event, data, (first) => resolve(first), options);
    });
  }

  // --- connection life cycle -------------------------------------------------

  _url() {
    let base = this.options.url;
    if (!base) {
      const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
      base = `${scheme}//${window.location.host}`;
    }
    base = base.replace(/^http/, 'ws').replace(/\/+$/, '');
    let path = this.options.path.startsWith('/') ? this.options.path : `/${this.options.path}`;
    if (!path.endsWith('/')) path += '/';
    return `${base}${path}?EIO=4&transport=websocket`;
  }

  _open() {
    this._retryTimer = null;
    this._pingDeadline = 0;
    let ws;
    try {
      ws = new WebSocket(this._url());
    } catch (err) {
      this._fire('connect_error', { message: String(err && err.message ? err.message : err) });
      this._scheduleReconnect();
      return;
    }
    ws.binaryType = 'arraybuffer';
    this._ws = ws;
    // A server that accepts TCP but never answers must not leave us hanging forever.
    this._openTimer = setTimeout(() => {
      if (this._ws === ws) {
        this._fire('connect_error', { message: 'timeout' });
        this._lost('open timeout', false);
      }
    }, this.options.openTimeout);
    ws.onmessage = (ev) => { if (this._ws === ws) this._onFrame(ev.data); };
    ws.onclose = () => { if (this._ws === ws) this._lost('transport close'); };
    ws.onerror = () => { /* onclose follows and decides */ };
  }

  /** The link died without us asking: tell the app and try again later. */
  _lost(reason, announce = true) {
    const wasConnected = this.connected;
    this._teardown(reason, announce);
    if (!wasConnected && announce && reason === 'transport close') {
      this._fire('connect_error', { message: 'websocket error' });
    }
    this._scheduleReconnect();
  }

  /** Close the socket, stop timers, fail pending acks; fire 'disconnect' once if we were connected. */
  _teardown(reason, announce = true, data = undefined) {
    const ws = this._ws;
    this._ws = null;
    clearTimeout(this._pingTimer);
    clearTimeout(this._openTimer);
    this._pingTimer = null;
    this._openTimer = null;
    if (ws) {
      ws.onmessage = null;
      ws.onclose = null;
      ws.onerror = null;
      try { ws.close(); } catch (err) { /* already closing */ }
    }
    const wasConnected = this.connected;
    this.connected = false;
    this.id = null;
    // The server forgets our acks with the session; waiting for them would only time out.
    const pending = [...this._acks.keys()];
    for (const ackId of pending) this._settleAck(ackId, [{ ok: false, error: 'disconnected' }]);
    if (wasConnected && announce) this._fire('disconnect', reason, data);
  }

  _scheduleReconnect() {
    if (!this._wanted || !this.options.reconnection || this._retryTimer) return;
    this._attempt += 1;
    const { reconnectDelay, reconnectDelayMax, jitter } = this.options;
    const raw = Math.min(reconnectDelayMax, reconnectDelay * 2 ** Math.min(this._attempt - 1, 30));
    // Jitter spreads a whole class reconnecting after a server restart.
    const delay = Math.round(Math.min(reconnectDelayMax, raw * (1 + jitter * (2 * Math.random() - 1))));
    this._fire('reconnecting', this._attempt, delay);
    this._retryTimer = setTimeout(() => this._open(), delay);
  }

  _armPingTimer() {
    clearTimeout(this._pingTimer);
    const ws = this._ws;
    this._pingTimer = setTimeout(() => {
      if (this._ws === ws) this._lost('ping timeout');
    }, this._pingDeadline);
  }

  // --- packets ----------------------------------------------------------------

  _onFrame(frame) {
    // Binary frames only carry attachments of a binary packet, already refused in _onSio.
    if (typeof frame !== 'string') return;
    // Any traffic proves the server alive; pings arrive at least every pingInterval.
    if (this._pingDeadline) this._armPingTimer();
    const type = frame.charAt(0);
    const body = frame.slice(1);
    if (type === EIO_OPEN) this._onOpen(body);
    else if (type === EIO_PING) this._ws.send(EIO_PONG + body);
    else if (type === EIO_MESSAGE) this._onSio(body);
    else if (type === EIO_CLOSE) this._lost('transport close');
    else if (type !== EIO_NOOP && type !== EIO_PONG) this._fire('error', { message: `unknown engine.io packet ${type}` });
  }

  _onOpen(body) {
    let handshake;
    try {
      handshake = JSON.parse(body);
    } catch (err) {
      this._lost('parse error');
      return;
    }
    this._pingDeadline = (handshake.pingInterval || 25000) + (handshake.pingTimeout || 20000);
    this._armPingTimer();
    let auth = this.options.auth;
    if (typeof auth === 'function') auth = auth();
    this._sendSio(SIO_CONNECT, auth ? JSON.stringify(auth) : '');
  }

  _onSio(text) {
    const type = Number(text.charAt(0));
    let rest = text.slice(1);
    if (type === SIO_BINARY_EVENT || type === SIO_BINARY_ACK) {
      this._fire('error', { message: 'binary packets are not supported' });
      return;
    }
    // Packets for other namespaces start with "/name,"; we only join "/".
    if (rest.startsWith('/')) {
      const comma = rest.indexOf(',');
      const nsp = comma === -1 ? rest : rest.slice(0, comma);
      if (nsp !== '/') return;
      rest = comma === -1 ? '' : rest.slice(comma + 1);
    }
    let id;
    [id, rest] = splitLeadingId(rest);
    let payload;
    if (rest) {
      try {
        payload = JSON.parse(rest);
      } catch (err) {
        this._fire('error', { message: 'unparsable socket.io packet' });
        return;
      }
    }
    if (type === SIO_CONNECT) this._onConnect(payload);
    else if (type === SIO_CONNECT_ERROR) this._onConnectError(payload);
    else if (type === SIO_EVENT) this._onEvent(id, payload);
    else if (type === SIO_ACK) this._settleAck(id, Array.isArray(payload) ? payload : []);
    else if (type === SIO_DISCONNECT) this._onServerDisconnect(payload);
  }

  _onConnect(payload) {
    clearTimeout(this._openTimer);
    this._openTimer = null;
    this.connected = true;
    this.id = payload && payload.sid ? payload.sid : null;
    this._attempt = 0;
    this._fire('connect');
  }

  _onConnectError(payload) {
    let error;
    if (payload && typeof payload === 'object') error = { message: String(payload.message), data: payload.data };
    else error = { message: String(payload === undefined ? 'connection refused' : payload) };
    this._fire('connect_error', error);
    // Refused (say, logged out): drop this Engine.IO session; retries back off in _lost.
    this._lost('connect error', false);
  }

  _onServerDisconnect(payload) {
    // The server sent us away (kicked, or refused after connect): coming back is not ours to decide.
    this._wanted = false;
    this._teardown('io server disconnect', true, payload);
  }

  _onEvent(id, payload) {
    if (!Array.isArray(payload) || typeof payload[0] !== 'string') return;
    const [event, ...args] = payload;
    if (RESERVED.has(event)) return;
    if (id !== null) {
      let answered = false;
      const ws = this._ws;
      args.push((...reply) => {
        if (answered || this._ws !== ws || !this.connected) return;
        answered = true;
        this._sendSio(SIO_ACK, String(id) + JSON.stringify(reply));
      });
    }
    this._fire(event, ...args);
  }

  _settleAck(id, args) {
    const pending = this._acks.get(id);
    if (!pending) return; // late ack after a timeout: already called back once
    this._acks.delete(id);
    clearTimeout(pending.timer);
    try {
      pending.callback(...args);
    } catch (err) {
      setTimeout(() => { throw err; }, 0);
    }
  }

  _sendSio(type, body) {
    if (this._ws && this._ws.readyState === WebSocket.OPEN) this._ws.send(EIO_MESSAGE + type + body);
  }

  _fire(event, ...args) {
    const list = this._handlers.get(event);
    if (!list) return;
    for (const handler of [...list]) {
      try {
        handler(...args);
      } catch (err) {
        // One broken handler must not kill the connection; report it without stopping.
        setTimeout(() => { throw err; }, 0);
      }
    }
  }
}

// A page may load this file with <script type="module" src=...> and use window.SioClient.
if (typeof window !== 'undefined' && !window.SioClient) window.SioClient = SioClient;

export default SioClient;

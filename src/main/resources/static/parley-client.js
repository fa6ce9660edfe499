// parley-client.js: Parley's JavaScript client library, a dependency-free ES module (served at
// /parley-client.js). It keeps the tokens fresh, holds one /ws/notifications/ socket that reconnects
// by itself and resumes without gap or duplicate, sends with a client_id so a retried send never
// creates a second message, and falls back to HTTP while the socket is down. See the README.

/** Reconnect delays: exponential from 500 ms up to 15 s, each with random jitter (50-100 %). */
const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 15_000;
/** A socket send not acknowledged within this is retried over HTTP (same client_id: no duplicate). */
const ACK_TIMEOUT_MS = 4_000;
/** The access token is refreshed this long before it expires. */
const REFRESH_MARGIN_MS = 60_000;

/** An HTTP refusal: `status`, the stable `code` (SPEC error codes) and the human `message`. */
export class ParleyError extends Error {
  constructor(status, code, message, retryAfterMs) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code;
    /** For `rate_limited`: how long to wait before trying again, in ms. */
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * What a client has of one conversation's message seqs: every position up to `mark`,
 * plus the ones seen beyond it. `add` answers whether a position is new, so each is handed on once,
 * even when a resume replays older positions after newer live ones.
 */
export class Cursor {
  constructor(mark = 0) {
    this.mark = mark;
    this.beyond = new Set();
  }

  add(position) {
    if (position <= this.mark || this.beyond.has(position)) return false;
    this.beyond.add(position);
    while (this.beyond.delete(this.mark + 1)) this.mark++;
    return true;
  }
}

/** Exponential backoff with jitter: the delay before reconnect attempt `attempt` (0, 1, 2 …), in ms. */
export function backoffDelay(attempt, random = Math.random) {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt);
  return Math.round(ceiling * (0.5 + random() / 2));
}

function randomId() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

function tokenExpiry(token) {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return payload.exp * 1000;
  } catch {
    return 0;
  }
}

/**
 * One signed-in user's connection to Parley.
 *
 * Events (`client.on(name, handler)`): `message` (a new message, the user's own included),
 * `message_updated`, `message_deleted` (the message's new state), `messages_read` (a read receipt),
 * `typing` ({conversation, user, username, is_typing}), `presence` ({user, online}), `unread_count`
 * (total), `reaction`, `connection` ('connecting' | 'connected' | 'reconnecting' | 'offline'),
 * `session` (tokens changed; null when signed out), `error` (an error frame not tied to a send).
 */
export class ParleyClient {
  /**
   * @param {object} [options]
   * @param {string} [options.baseUrl] Parley's address, '' for the page's own
   * @param {{access: string, refresh: string, user?: object}} [options.session] tokens from earlier
   * @param {typeof WebSocket} [options.WebSocket] a WebSocket implementation (the browser's by default)
   */
  constructor({ baseUrl = '', session = null, WebSocket: Socket = globalThis.WebSocket } = {}) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.Socket = Socket;
    this.session = session;
    this.handlers = new Map();
    this.seqs = new Map(); // conversation id → Cursor of message seqs
    this.revisions = new Map(); // conversation id → highest edit/delete revision seen
    this.revised = new Map(); // message id → its newest edited or deleted state
    this.pending = new Map(); // client_id → send waiting for its acknowledgement
    this.state = 'offline';
    this.socket = null;
    this.attempt = 0;
    this.reconnectTimer = null;
    this.refreshTimer = null;
    this.refreshing = null;
    this.wanted = false;
    if (session) this.scheduleRefresh();
  }

  get user() {
    return this.session?.user ?? null;
  }

  on(event, handler) {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event).add(handler);
    return () => this.handlers.get(event).delete(handler);
  }

  /** @private */
  emit(event, value) {
    for (const handler of this.handlers.get(event) ?? []) {
      try {
        handler(value);
      } catch (e) {
        console.error(`parley-client: a ${event} handler failed`, e);
      }
    }
  }

  // ---- accounts ----------------------------------------------------------------------------------

  /** Registers an account; `inviteCode` is needed when the server's registration mode is `invite`. */
  async register({ username, email = '', password, name = '', inviteCode = undefined }) {
    const body = { username, email, password, name };
    if (inviteCode) body.invite_code = inviteCode;
    return this.request('POST', '/auth/register/', body, { anonymous: true });
  }

  /** Sets a new password with the token of an admin's password reset link (`#reset=TOKEN`). */
  async resetPassword(token, newPassword) {
    return this.request('POST', '/auth/password-reset/', { token, new_password: newPassword }, { anonymous: true });
  }

  async login(username, password) {
    const session = await this.request('POST', '/auth/login/', { username, password }, { anonymous: true });
    this.setSession(session);
    return session.user;
  }

  async logout() {
    const refresh = this.session?.refresh;
    this.disconnect();
    if (refresh) await this.request('POST', '/auth/logout/', { refresh }).catch(() => {});
    this.setSession(null);
  }

  setSession(session) {
    const renewed = session && this.session && session.access !== this.session.access;
    this.session = session;
    clearTimeout(this.refreshTimer);
    if (session) this.scheduleRefresh();
    // the open socket lives as long as its access token: hand it the new one before the old one expires
    if (renewed) this.frame({ type: 'auth', token: session.access });
    this.emit('session', session);
  }

  /** @private */
  scheduleRefresh() {
    const expiry = tokenExpiry(this.session.access);
    const wait = Math.max(1_000, expiry - Date.now() - REFRESH_MARGIN_MS);
    this.refreshTimer = setTimeout(() => this.refresh().catch(() => {}), Math.min(wait, 2 ** 31 - 1));
  }

  /** Trades the refresh token for new tokens; concurrent callers share one request. */
  refresh() {
    if (!this.refreshing) {
      const refresh = this.session?.refresh;
      this.refreshing = (async () => {
        if (!refresh) throw new ParleyError(401, 'invalid_refresh_token', 'Not signed in');
        try {
          const tokens = await this.request('POST', '/auth/refresh/', { refresh }, { anonymous: true });
          this.setSession({ ...this.session, ...tokens });
        } catch (e) {
          if (e.status === 401) {
            this.disconnect();
            this.setSession(null);
          }
          throw e;
        }
      })().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  // ---- HTTP ----------------------------------------------------------------------------------------

  /**
   * Calls the REST API with the access token; a 401 refreshes the token once and retries. Answers the
   * parsed JSON (null for 204); throws ParleyError for refusals and TypeError when the network fails.
   */
  async request(method, path, body, { anonymous = false, retried = false, raw = false } = {}) {
    const headers = {};
    if (!anonymous && this.session) headers.Authorization = `Bearer ${this.session.access}`;
    let payload;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const response = await fetch(this.baseUrl + path, { method, headers, body: payload });
    if (response.status === 401 && !anonymous && !retried && this.session) {
      await this.refresh();
      return this.request(method, path, body, { anonymous, retried: true, raw });
    }
    if (!response.ok) {
      let problem = {};
      try {
        problem = await response.json();
      } catch {}
      throw new ParleyError(response.status, problem.code, problem.detail || problem.error, problem.retry_after_ms);
    }
    if (raw) return response;
    return response.status === 204 ? null : response.json();
  }

  me() {
    return this.request('GET', '/api/users/me/');
  }

  searchUsers(search) {
    return this.request('GET', `/api/users/?search=${encodeURIComponent(search)}`);
  }

  /**
   * The conversation list (most recent first). A conversation new to this client is taken as known up
   * to its newest seq, so the socket resumes it from there.
   */
  async conversations({ archived = false } = {}) {
    const list = await this.request('GET', `/api/chats/conversations/${archived ? '?archived=true' : ''}`);
    for (const conversation of list) this.cursor(this.seqs, conversation.id, conversation.last_seq);
    return list;
  }

  createDirect(userId) {
    return this.request('POST', '/api/chats/conversations/create/', { user_id: userId });
  }

  createGroup(title, memberIds) {
    return this.request('POST', '/api/chats/groups/', { title, member_ids: memberIds });
  }

  addMember(conversation, userId) {
    return this.request('POST', `/api/chats/conversations/${conversation}/members/`, { user_id: userId });
  }

  /** Removes a member (group admins), or leaves when `userId` is the caller's own id. */
  removeMember(conversation, userId) {
    return this.request('DELETE', `/api/chats/conversations/${conversation}/members/${userId}/`);
  }

  updateConversation(conversation, changes) {
    return this.request('PATCH', `/api/chats/conversations/${conversation}/`, changes);
  }

  /** A page of history, oldest first: `{results, previous, next}` (SPEC cursor pagination). */
  history(conversation, { beforeSeq, afterSeq, limit = 50 } = {}) {
    const query = new URLSearchParams({ limit: String(limit) });
    if (beforeSeq != null) query.set('before_seq', beforeSeq);
    if (afterSeq != null) query.set('after_seq', afterSeq);
    return this.request('GET', `/api/chats/conversations/${conversation}/messages/?${query}`);
  }

  readers(messageId) {
    return this.request('GET', `/api/chats/messages/${messageId}/reads/`);
  }

  edit(messageId, body) {
    return this.request('PATCH', `/api/chats/messages/${messageId}/`, { body });
  }

  deleteMessage(messageId) {
    return this.request('DELETE', `/api/chats/messages/${messageId}/`);
  }

  react(messageId, emoji) {
    return this.request('POST', `/api/chats/messages/${messageId}/reactions/`, { emoji });
  }

  unreact(messageId, emoji) {
    return this.request('DELETE', `/api/chats/messages/${messageId}/reactions/${encodeURIComponent(emoji)}/`);
  }

  /** Uploads a File or Blob: answers `{id, filename, content_type, size}` to send in metadata.attachments. */
  upload(file, filename = file.name) {
    const form = new FormData();
    form.append('file', file, filename);
    return this.request('POST', '/api/chats/attachments/', form);
  }

  /** Downloads an attachment: answers `{blob, filename, contentType}`. */
  async download(attachmentId) {
    const response = await this.request('GET', `/api/chats/attachments/${attachmentId}/`, undefined, { raw: true });
    const disposition = response.headers.get('Content-Disposition') || '';
    const match = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(disposition);
    const filename = match ? decodeURIComponent(match[1] || match[2]) : `attachment-${attachmentId}`;
    return { blob: await response.blob(), filename, contentType: response.headers.get('Content-Type') };
  }

  // ---- administration (admins only; others get ParleyError code `admin_only`) -----------------------

  /** Accounts whose username, name or email contains `search`, by id: `[{id, username, …, role, active}]`. */
  adminUsers({ search = '', limit = 50, offset = 0 } = {}) {
    const query = new URLSearchParams({ search, limit: String(limit), offset: String(offset) });
    return this.request('GET', `/api/admin/users/?${query}`);
  }

  /** Deactivates (`active` false: its sessions end, its sockets close) or reactivates an account. */
  setActive(userId, active) {
    return this.request('POST', `/api/admin/users/${userId}/${active ? 'reactivate' : 'deactivate'}/`);
  }

  /** Grants or revokes the admin role. */
  setAdmin(userId, admin) {
    return this.request(admin ? 'POST' : 'DELETE', `/api/admin/users/${userId}/admin/`);
  }

  /** A one-time password reset link for an account: `{token, reset_url, expires_at}`. */
  passwordResetLink(userId) {
    return this.request('POST', `/api/admin/users/${userId}/password-reset/`);
  }

  /** The registration mode: `{mode}`, 'open' | 'invite' | 'closed'. */
  registrationMode() {
    return this.request('GET', '/api/admin/registration/');
  }

  setRegistrationMode(mode) {
    return this.request('PUT', '/api/admin/registration/', { mode });
  }

  /** A new invite code (shown once): `{id, code, max_uses, uses, expires_at, …}`. */
  createInvite({ maxUses = 1, expiresInHours = 168 } = {}) {
    return this.request('POST', '/api/admin/invites/', { max_uses: maxUses, expires_in_hours: expiresInHours });
  }

  invites() {
    return this.request('GET', '/api/admin/invites/');
  }

  revokeInvite(inviteId) {
    return this.request('DELETE', `/api/admin/invites/${inviteId}/`);
  }

  /** Admin actions, newest first; `beforeId` pages back. */
  auditLog({ beforeId, limit = 50 } = {}) {
    const query = new URLSearchParams({ limit: String(limit) });
    if (beforeId != null) query.set('before_id', beforeId);
    return this.request('GET', `/api/admin/audit/?${query}`);
  }

  // ---- the socket ------------------------------------------------------------------------------------

  /** Opens the user stream and keeps it open (reconnecting with backoff) until `disconnect()`. */
  async connect() {
    this.wanted = true;
    if (this.seqs.size === 0) {
      try {
        await this.conversations(); // cursors for every conversation, so a reconnect misses none
      } catch {}
    }
    this.open();
  }

  disconnect() {
    this.wanted = false;
    clearTimeout(this.reconnectTimer);
    if (this.socket) {
      const socket = this.socket;
      this.socket = null;
      socket.onclose = null;
      socket.close(1000, 'bye');
    }
    this.setState('offline');
  }

  /** @private */
  setState(state) {
    if (this.state !== state) {
      this.state = state;
      this.emit('connection', state);
    }
  }

  /** @private */
  open() {
    if (!this.wanted || !this.session) return;
    this.setState(this.attempt === 0 ? 'connecting' : this.attempt > 1 ? 'offline' : 'reconnecting');
    const url = new URL(`${this.baseUrl}/ws/notifications/`, globalThis.location?.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('token', this.session.access);
    const socket = new this.Socket(url);
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.setState('connected');
      this.resume();
      for (const send of this.pending.values()) this.transmit(send); // unacknowledged: same client_id again
    };
    socket.onmessage = (event) => this.receive(JSON.parse(event.data));
    socket.onclose = (event) => this.closed(socket, event.code);
  }

  /** @private */
  closed(socket, code) {
    if (this.socket !== socket) return;
    this.socket = null;
    if (!this.wanted) return;
    const delay = backoffDelay(this.attempt);
    this.attempt++;
    this.setState(this.attempt > 1 ? 'offline' : 'reconnecting');
    const reconnect = async () => {
      if (code === 4401 || code === 1008 || tokenExpiry(this.session?.access ?? '') < Date.now() + 5_000) {
        try {
          await this.refresh();
        } catch {}
      }
      this.open();
    };
    this.reconnectTimer = setTimeout(reconnect, delay);
    for (const send of this.pending.values()) this.sendOverHttp(send); // the socket is down: use HTTP
  }

  /**
   * Asks for everything after what this client has of each conversation.
   * @private
   */
  resume() {
    const afterSeq = {};
    const afterRevision = {};
    for (const [conversation, cursor] of this.seqs) afterSeq[conversation] = cursor.mark;
    for (const [conversation, revision] of this.revisions) {
      if (conversation in afterSeq) afterRevision[conversation] = revision;
    }
    if (Object.keys(afterSeq).length > 0) {
      this.frame({ type: 'resume', after_seq: afterSeq, after_revision: afterRevision });
    }
  }

  /** @private */
  frame(frame) {
    if (this.socket?.readyState === 1) {
      this.socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  /**
   * The cursor of a conversation; one first seen at `position` starts just before it.
   * @private
   */
  cursor(map, conversation, mark) {
    if (!map.has(conversation)) map.set(conversation, new Cursor(mark ?? 0));
    return map.get(conversation);
  }

  /** @private */
  receive(frame) {
    switch (frame.type) {
      case 'message': {
        let message = frame.message;
        const fresh = this.cursor(this.seqs, message.conversation, message.seq - 1).add(message.seq);
        const send = message.client_id && this.pending.get(message.client_id);
        if (send && message.conversation === send.conversation) this.acknowledge(send, message);
        const newer = this.revised.get(message.id); // an edit overtook its message: hand on the newer state
        if (newer && newer.revision > message.revision) message = newer;
        if (fresh) this.emit('message', message);
        if (['member_removed', 'member_left'].includes(message.type) && message.metadata?.user_id === this.user?.id) {
          this.seqs.delete(message.conversation); // no longer a member: nothing more to resume there
          this.revisions.delete(message.conversation);
        }
        break;
      }
      case 'message_updated':
      case 'message_deleted': {
        const message = frame.message;
        const known = this.revised.get(message.id);
        if (known && known.revision >= message.revision) break; // a replay of a state already handed on
        this.revised.set(message.id, message);
        this.revisions.set(message.conversation, Math.max(this.revisions.get(message.conversation) ?? 0, message.revision));
        this.emit(frame.type, message);
        break;
      }
      case 'typing_indicator':
        this.emit('typing', frame);
        break;
      case 'error': {
        const send = frame.client_id && this.pending.get(frame.client_id);
        if (send && frame.code === 'already_stored') {
          this.sendOverHttp(send); // stored before this socket's position: HTTP answers the original
        } else if (frame.code === 'resume_too_late') {
          for (const conversation of frame.conversations ?? []) this.fillOverHttp(conversation);
        } else if (send) {
          this.pending.delete(frame.client_id);
          clearTimeout(send.timer);
          const status = frame.code === 'rate_limited' ? 429 : 400;
          send.reject(new ParleyError(status, frame.code, frame.error, frame.retry_after_ms));
        } else {
          this.emit('error', frame);
        }
        break;
      }
      case 'pong':
        break;
      default:
        this.emit(frame.type, frame); // messages_read, presence, unread_count, reaction
    }
  }

  // ---- sending -----------------------------------------------------------------------------------------

  /**
   * Sends a message; resolves with it once it is committed (its echo on the socket, or the HTTP
   * answer). It goes over the socket when connected and over HTTP otherwise, and is retried with the
   * same `client_id` after a reconnect or a lost answer, so it is stored exactly once.
   *
   * @param {object} [options] `type`, `metadata` (a JSON object), `clientId` (generated by default)
   */
  send(conversation, body, { type, metadata, clientId = randomId() } = {}) {
    return new Promise((resolve, reject) => {
      const send = { conversation, body, type, metadata, clientId, resolve, reject, timer: null, http: null };
      this.pending.set(clientId, send);
      this.transmit(send);
    });
  }

  /** @private */
  transmit(send) {
    clearTimeout(send.timer);
    const sent = this.frame({
      type: 'chat_message',
      conversation: send.conversation,
      message: send.body,
      client_id: send.clientId,
      ...(send.type ? { message_type: send.type } : {}),
      ...(send.metadata ? { metadata: send.metadata } : {}),
    });
    if (sent) {
      send.timer = setTimeout(() => this.sendOverHttp(send), ACK_TIMEOUT_MS);
    } else {
      this.sendOverHttp(send);
    }
  }

  /**
   * Fetches over HTTP what this client lacks of a conversation (after its cursor), for a resume the
   * socket could no longer answer in order; each message is handed on once, as always.
   * @private
   */
  async fillOverHttp(conversation) {
    const cursor = this.cursor(this.seqs, conversation, 0);
    let afterSeq = cursor.mark;
    for (let page = 0; page < 100; page++) {
      let answer;
      try {
        answer = await this.history(conversation, { afterSeq, limit: 100 });
      } catch {
        return; // the next reconnect resumes again
      }
      for (const message of answer.results) {
        if (cursor.add(message.seq)) this.emit('message', message);
        afterSeq = Math.max(afterSeq, message.seq);
      }
      if (!answer.next || answer.results.length === 0) return;
    }
  }

  /** @private */
  sendOverHttp(send) {
    if (send.http || !this.pending.has(send.clientId)) return;
    clearTimeout(send.timer);
    send.http = this.request('POST', `/api/chats/conversations/${send.conversation}/messages/`, {
      body: send.body,
      type: send.type,
      metadata: send.metadata,
      client_id: send.clientId,
    })
      .then((message) => {
        this.acknowledge(send, message);
        if (this.cursor(this.seqs, message.conversation, message.seq - 1).add(message.seq)) {
          this.emit('message', message);
        }
      })
      .catch((e) => {
        if (e instanceof ParleyError) {
          this.pending.delete(send.clientId);
          send.reject(e);
        } else {
          send.http = null; // the network: the send stays pending and is retried on reconnect
          send.timer = setTimeout(() => this.state !== 'connected' && this.sendOverHttp(send), backoffDelay(2));
        }
      });
  }

  /** @private */
  acknowledge(send, message) {
    if (this.pending.delete(send.clientId)) {
      clearTimeout(send.timer);
      send.resolve(message);
    }
  }

  /** Sends that are not acknowledged yet. */
  get unacknowledged() {
    return this.pending.size;
  }

  /** Marks the conversation read up to `seq` (over the socket, or HTTP while it is down). */
  markRead(conversation, seq) {
    if (!this.frame({ type: 'read', conversation, up_to_seq: seq })) {
      this.request('POST', `/api/chats/conversations/${conversation}/read/`, { up_to_seq: seq }).catch(() => {});
    }
  }

  /** Tells the others whether the user is typing (socket only: typing is never stored). */
  typing(conversation, isTyping) {
    this.frame({ type: 'typing_indicator', conversation, is_typing: isTyping });
  }
}

// Parley's built-in web client, built on parley-client.js. Plain DOM, no build step. Every text that
// comes from users is set with textContent (never innerHTML), so a body is always shown as text.
import { ParleyClient, ParleyError } from '/parley-client.js';
import { setupAdmin } from '/admin.js';
import { $, el } from '/dom.js';

const SESSION_KEY = 'parley.session';
const EMOJIS = ['👍', '❤️', '😂', '🎉', '😮', '😢'];
const TYPING_SHOWN_MS = 6_000;
const PAGE = 50;

const time = (iso) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

const state = {
  client: null,
  me: null,
  conversations: new Map(), // id → list row
  order: [], // ids, most recent activity first
  presence: new Map(), // user id → online
  open: null, // the open conversation's id
  messages: new Map(), // seq → message, of the open conversation
  hasOlder: false,
  loadingOlder: false,
  readUpTo: new Map(), // user id → up_to_seq, of the open conversation
  typing: new Map(), // conversation id → Map(user id → {username, until})
  unreadTotal: 0,
  attachments: new Map(), // attachment id → Promise<{url, filename, contentType}>
};

// ---- start ------------------------------------------------------------------------------------------

function savedSession() {
  try {
    return JSON.parse(localStorage.getItem(SESSION_KEY));
  } catch {
    return null;
  }
}

function makeClient(session) {
  const client = new ParleyClient({ session });
  client.on('session', (next) => {
    if (next) localStorage.setItem(SESSION_KEY, JSON.stringify(next));
    else {
      localStorage.removeItem(SESSION_KEY);
      showAuth();
    }
  });
  return client;
}

async function start() {
  const reset = /^#reset=(.+)$/.exec(location.hash);
  if (reset) return showReset(reset[1]);
  const session = savedSession();
  if (!session) return showAuth();
  state.client = makeClient(session);
  try {
    state.me = await state.client.me();
  } catch {
    localStorage.removeItem(SESSION_KEY);
    return showAuth();
  }
  await showApp();
}

function showAuth(message = '') {
  state.client?.disconnect();
  $('#app').hidden = true;
  $('#auth').hidden = false;
  $('#auth-error').textContent = message;
  document.title = 'Parley';
}

window.addEventListener('hashchange', () => {
  const reset = /^#reset=(.+)$/.exec(location.hash);
  if (reset) showReset(reset[1]); // a reset link opened in a tab that shows Parley already
});

/** An admin's password reset link (`/#reset=TOKEN`): a form for the new password, then the log-in form. */
function showReset(token) {
  showAuth();
  $('#reset-form').hidden = false;
  $('#register-form').hidden = true;
  $('#reset-form').onsubmit = async (event) => {
    event.preventDefault();
    try {
      await makeClient(null).resetPassword(token, new FormData(event.target).get('password'));
      history.replaceState(null, '', '/');
      $('#reset-form').hidden = true;
      $('#register-form').hidden = false;
      $('#auth-error').textContent = 'Your password is set. Log in with it.';
    } catch (e) {
      $('#auth-error').textContent = e.message;
    }
  };
}

async function signIn(username, password) {
  state.client = makeClient(null);
  await state.client.login(username, password);
  state.me = await state.client.me(); // with its role
  await showApp();
}

$('#login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    await signIn(form.get('username'), form.get('password'));
    event.target.reset();
  } catch (e) {
    $('#auth-error').textContent = e.message;
  }
});

$('#register-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    await makeClient(null).register({
      username: form.get('username'),
      name: form.get('name'),
      email: form.get('email'),
      password: form.get('password'),
      inviteCode: form.get('invite_code') || undefined,
    });
    await signIn(form.get('username'), form.get('password'));
    event.target.reset();
  } catch (e) {
    $('#auth-error').textContent = e.message;
  }
});

$('#logout').addEventListener('click', () => state.client.logout());

async function showApp() {
  $('#auth').hidden = true;
  $('#app').hidden = false;
  $('#me').textContent = state.me.name || state.me.username;
  setupAdmin(state.client, state.me);
  const client = state.client;
  client.on('connection', showConnection);
  client.on('message', onMessage);
  client.on('message_updated', onRevised);
  client.on('message_deleted', onRevised);
  client.on('messages_read', onRead);
  client.on('typing', onTyping);
  client.on('presence', (frame) => {
    state.presence.set(frame.user, frame.online);
    renderList();
    if (state.open) renderHeader();
  });
  client.on('unread_count', (frame) => {
    state.unreadTotal = frame.unread_count;
    renderTitle();
    refreshList();
  });
  client.on('reaction', onReaction);
  await loadList();
  await client.connect();
  showConnection(client.state);
  const wanted = Number(location.hash.slice(1));
  if (state.conversations.has(wanted)) openConversation(wanted);
}

function showConnection(connection) {
  const labels = {
    connecting: 'Connecting…',
    connected: 'Connected',
    reconnecting: 'Reconnecting…',
    offline: 'Offline – sending over HTTP',
  };
  const indicator = $('#connection');
  indicator.dataset.state = connection;
  indicator.textContent = labels[connection] ?? connection;
}

// ---- conversation list --------------------------------------------------------------------------------

async function loadList() {
  const rows = await state.client.conversations();
  state.conversations = new Map(rows.map((row) => [row.id, row]));
  state.order = rows.map((row) => row.id);
  state.unreadTotal = rows.reduce((sum, row) => sum + row.unread_count, 0);
  renderList();
  renderTitle();
}

let listTimer = null;
function refreshList() {
  clearTimeout(listTimer);
  listTimer = setTimeout(() => loadList().catch(() => {}), 150);
}

function titleOf(row) {
  return row.kind === 'group' ? row.title : row.other_user?.name || row.other_user?.email || 'Direct chat';
}

function renderList() {
  const list = $('#conversation-list');
  list.replaceChildren(
    ...state.order.map((id) => {
      const row = state.conversations.get(id);
      const online = row.kind === 'direct' && state.presence.get(row.other_user?.id);
      const unread = id === state.open ? 0 : row.unread_count;
      const preview = row.last_message ? row.last_message.body || 'Message deleted' : 'No messages yet';
      return el(
        'li',
        {},
        el(
          'button',
          {
            type: 'button',
            class: 'conversation' + (id === state.open ? ' open' : ''),
            'data-conversation': id,
            'aria-current': id === state.open ? 'true' : null,
            onclick: () => openConversation(id),
          },
          row.kind === 'direct'
            ? el('span', { class: 'presence' + (online ? ' online' : ''), title: online ? 'Online' : 'Offline' },
                el('span', { class: 'visually-hidden' }, online ? 'online' : 'offline'))
            : el('span', { class: 'group-icon', 'aria-hidden': 'true' }, '#'),
          el('span', { class: 'conversation-title' }, titleOf(row)),
          el('span', { class: 'preview' }, preview),
          unread > 0 ? el('span', { class: 'badge', 'aria-label': `${unread} unread` }, String(unread)) : null,
        ),
      );
    }),
  );
}

function renderTitle() {
  document.title = state.unreadTotal > 0 ? `(${state.unreadTotal}) Parley` : 'Parley';
}

// ---- people search and new conversations --------------------------------------------------------------

function searchBox(input, results, pick) {
  let timer = null;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const query = input.value.trim();
      if (!query) return results.replaceChildren();
      const people = await state.client.searchUsers(query);
      results.replaceChildren(
        ...people.map((person) =>
          el('li', {}, el('button', { type: 'button', onclick: () => pick(person) }, `${person.name || person.username} (@${person.username})`)),
        ),
      );
    }, 200);
  });
}

searchBox($('#people-search'), $('#people-results'), async (person) => {
  const conversation = await state.client.createDirect(person.id);
  $('#people-search').value = '';
  $('#people-results').replaceChildren();
  await loadList();
  openConversation(conversation.id);
});

const chosen = new Map();
$('#new-group').addEventListener('click', () => {
  chosen.clear();
  $('#group-candidates').replaceChildren();
  $('#group-form').reset();
  $('#group-dialog').showModal();
});
$('#group-cancel').addEventListener('click', () => $('#group-dialog').close());
searchBox($('#group-member-search'), $('#group-candidates'), (person) => {
  chosen.set(person.id, person);
  $('#group-member-search').value = '';
  $('#group-candidates').replaceChildren(
    ...[...chosen.values()].map((p) => el('li', { class: 'chosen' }, `✓ ${p.name || p.username}`)),
  );
});
$('#group-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const title = new FormData(event.target).get('title');
  const group = await state.client.createGroup(title, [...chosen.keys()]);
  $('#group-dialog').close();
  await loadList();
  openConversation(group.id);
});

// ---- members dialog ---------------------------------------------------------------------------------------

$('#manage-members').addEventListener('click', () => {
  renderMembers();
  $('#members-dialog').showModal();
});

function renderMembers() {
  const row = state.conversations.get(state.open);
  const admin = row.members.some((m) => m.id === state.me.id && m.role === 'admin');
  $('#group-title').value = row.title;
  $('#group-title').disabled = !admin;
  $('#rename').hidden = !admin;
  $('#member-search').hidden = !admin;
  $('#member-search').previousElementSibling.hidden = !admin;
  $('#members-error').textContent = '';
  $('#member-list').replaceChildren(
    ...row.members.map((member) =>
      el(
        'li',
        {},
        `${member.name || member.username}${member.role === 'admin' ? ' (admin)' : ''}`,
        admin && member.id !== state.me.id
          ? el('button', { type: 'button', onclick: () => membersAction(() => state.client.removeMember(row.id, member.id)) }, `Remove ${member.name || member.username}`)
          : null,
      ),
    ),
  );
}

async function membersAction(action) {
  try {
    await action();
    await loadList();
    if (state.conversations.has(state.open)) {
      renderMembers();
      renderHeader();
    }
  } catch (e) {
    $('#members-error').textContent = e.message;
  }
}

searchBox($('#member-search'), $('#member-candidates'), (person) =>
  membersAction(async () => {
    await state.client.addMember(state.open, person.id);
    $('#member-search').value = '';
    $('#member-candidates').replaceChildren();
  }),
);
$('#rename').addEventListener('click', () =>
  membersAction(() => state.client.updateConversation(state.open, { title: $('#group-title').value })),
);
$('#leave').addEventListener('click', async () => {
  await state.client.removeMember(state.open, state.me.id);
  $('#members-dialog').close();
  closeConversation();
  await loadList();
});

// ---- the chat view ------------------------------------------------------------------------------------------

async function openConversation(id) {
  state.open = id;
  state.messages = new Map();
  state.readUpTo = new Map();
  state.hasOlder = false;
  location.hash = String(id);
  document.body.classList.add('chatting');
  $('#chat').hidden = false;
  $('#empty-chat').hidden = true;
  $('#messages').replaceChildren();
  renderHeader();
  renderTyping();
  renderList();
  const page = await state.client.history(id, { limit: PAGE });
  if (state.open !== id) return;
  page.results.forEach((message) => state.messages.set(message.seq, message));
  state.hasOlder = page.previous != null;
  renderMessages(true);
  await seedReaders(id);
  markRead();
  $('#composer-input').focus();
}

function closeConversation() {
  state.open = null;
  document.body.classList.remove('chatting');
  $('#chat').hidden = true;
  $('#empty-chat').hidden = false;
  history.replaceState(null, '', location.pathname);
  renderList();
}

$('#back').addEventListener('click', closeConversation);

function renderHeader() {
  const row = state.conversations.get(state.open);
  if (!row) return;
  $('#chat-title').textContent = titleOf(row);
  $('#manage-members').hidden = row.kind !== 'group';
  if (row.kind === 'group') {
    $('#chat-subtitle').textContent = row.members.map((m) => m.name || m.username).join(', ');
  } else {
    $('#chat-subtitle').textContent = state.presence.get(row.other_user?.id) ? 'online' : 'offline';
  }
}

/** Who has read how far in a group: the readers of my newest message seed the cursors. */
async function seedReaders(id) {
  const mine = [...state.messages.values()].filter((m) => m.sender === state.me.id && !m.deleted);
  const newest = mine[mine.length - 1];
  if (!newest || !newest.is_read) return;
  const { readers } = await state.client.readers(newest.id);
  if (state.open !== id) return;
  for (const reader of readers) state.readUpTo.set(reader.user, Math.max(state.readUpTo.get(reader.user) ?? 0, newest.seq));
  renderMessages(false);
}

function markRead() {
  const row = state.conversations.get(state.open);
  const newest = Math.max(0, ...state.messages.keys());
  if (!row || newest === 0 || document.hidden) return;
  state.client.markRead(state.open, newest);
  if (row.unread_count > 0) {
    row.unread_count = 0;
    renderList();
  }
}
document.addEventListener('visibilitychange', markRead);

$('#messages').addEventListener('scroll', async () => {
  const list = $('#messages');
  if (list.scrollTop > 40 || !state.hasOlder || state.loadingOlder) return;
  state.loadingOlder = true;
  const id = state.open;
  const oldest = Math.min(...state.messages.keys());
  try {
    const page = await state.client.history(id, { beforeSeq: oldest, limit: PAGE });
    if (state.open !== id) return;
    const before = list.scrollHeight;
    page.results.forEach((message) => state.messages.set(message.seq, message));
    state.hasOlder = page.previous != null;
    renderMessages(false);
    list.scrollTop += list.scrollHeight - before; // keep the reader's place
  } finally {
    state.loadingOlder = false;
  }
});

function renderMessages(scrollToEnd) {
  const list = $('#messages');
  const atEnd = list.scrollHeight - list.scrollTop - list.clientHeight < 60;
  const seqs = [...state.messages.keys()].sort((a, b) => a - b);
  list.replaceChildren(
    ...(state.hasOlder ? [el('li', { class: 'older' }, 'Scroll up for older messages')] : []),
    ...seqs.map((seq) => renderMessage(state.messages.get(seq))),
  );
  if (scrollToEnd || atEnd) list.scrollTop = list.scrollHeight;
}

function receipt(message) {
  const row = state.conversations.get(state.open);
  if (row.kind === 'group') {
    const readers = row.members.filter((m) => m.id !== state.me.id && (state.readUpTo.get(m.id) ?? 0) >= message.seq);
    if (readers.length > 0) return `Read by ${readers.map((m) => m.name || m.username).join(', ')}`;
    return message.is_read ? 'Read' : 'Sent';
  }
  const other = row.other_user?.id;
  return message.is_read || (state.readUpTo.get(other) ?? 0) >= message.seq ? 'Read' : 'Sent';
}

function renderMessage(message) {
  const mine = message.sender === state.me.id;
  const system = message.sender == null;
  const item = el('li', {
    class: `message${mine ? ' mine' : ''}${system ? ' system' : ''}${message.deleted ? ' deleted' : ''}`,
    'data-seq': message.seq,
    'data-id': message.id,
  });
  if (system) {
    item.append(el('p', { class: 'body' }, message.body));
    return item;
  }
  const body = el('p', { class: 'body' }, message.deleted ? 'Message deleted' : message.body);
  item.append(
    el('p', { class: 'meta' },
      el('span', { class: 'sender' }, mine ? 'You' : message.sender_name ?? ''),
      ' ',
      el('time', { datetime: message.created_at }, time(message.created_at)),
      message.edited_at && !message.deleted ? el('span', { class: 'edited' }, ' (edited)') : null),
    body,
  );
  if (message.deleted) return item;
  for (const id of message.metadata?.attachments ?? []) item.append(renderAttachment(id));
  const reactions = el('div', { class: 'reactions' });
  for (const reaction of message.reactions ?? []) {
    reactions.append(
      el('button', {
        type: 'button',
        class: 'reaction',
        'aria-pressed': reaction.mine ? 'true' : 'false',
        'aria-label': `${reaction.emoji} ${reaction.count}`,
        onclick: () => toggleReaction(message, reaction.emoji, reaction.mine),
      }, `${reaction.emoji} ${reaction.count}`),
    );
  }
  item.append(reactions);
  const actions = el('div', { class: 'actions' });
  const picker = el('span', { class: 'picker', hidden: true },
    ...EMOJIS.map((emoji) => el('button', {
      type: 'button',
      'aria-label': `React with ${emoji}`,
      onclick: () => toggleReaction(message, emoji, (message.reactions ?? []).some((r) => r.emoji === emoji && r.mine)),
    }, emoji)));
  actions.append(el('button', { type: 'button', onclick: () => { picker.hidden = !picker.hidden; } }, 'React'), picker);
  if (mine) {
    actions.append(
      el('button', { type: 'button', onclick: () => startEdit(item, message) }, 'Edit'),
      el('button', {
        type: 'button',
        onclick: (event) => {
          if (event.target.dataset.confirm) return state.client.deleteMessage(message.id).then(applyRevision).catch(showError);
          event.target.dataset.confirm = 'yes';
          event.target.textContent = 'Really delete?';
          setTimeout(() => {
            delete event.target.dataset.confirm;
            event.target.textContent = 'Delete';
          }, 4_000);
        },
      }, 'Delete'),
      el('span', { class: 'receipt' }, receipt(message)),
    );
  }
  item.append(actions);
  return item;
}

function startEdit(item, message) {
  const editor = el('textarea', { 'aria-label': 'Edit message', rows: 2 });
  editor.value = message.body;
  const save = async () => {
    const body = editor.value.trim();
    if (!body) return;
    try {
      applyRevision(await state.client.edit(message.id, editor.value));
    } catch (e) {
      showError(e);
    }
  };
  editor.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      save();
    } else if (event.key === 'Escape') renderMessages(false);
  });
  $('.body', item).replaceWith(
    el('div', { class: 'editor' }, editor,
      el('button', { type: 'button', onclick: save }, 'Save'),
      el('button', { type: 'button', onclick: () => renderMessages(false) }, 'Cancel')),
  );
  editor.focus();
}

/** A picture that loaded below the fold of a reader at the end: keep them at the end. */
function keepAtEnd() {
  const list = $('#messages');
  if (list.scrollHeight - list.scrollTop - list.clientHeight < 300) list.scrollTop = list.scrollHeight;
}

function renderAttachment(id) {
  const holder = el('div', { class: 'attachment' }, 'Loading attachment…');
  if (!state.attachments.has(id)) {
    state.attachments.set(id, state.client.download(id).then(({ blob, filename, contentType }) => ({
      url: URL.createObjectURL(blob),
      filename,
      contentType,
    })));
  }
  state.attachments.get(id).then(
    ({ url, filename, contentType }) => {
      const link = el('a', { href: url, download: filename }, `Download ${filename}`);
      holder.replaceChildren(
        ...(contentType?.startsWith('image/') ? [el('img', { src: url, alt: filename, class: 'preview-image', onload: keepAtEnd })] : []),
        link,
      );
    },
    () => holder.replaceChildren('Attachment unavailable'),
  );
  return holder;
}

async function toggleReaction(message, emoji, mine) {
  try {
    if (mine) await state.client.unreact(message.id, emoji);
    else await state.client.react(message.id, emoji);
  } catch (e) {
    showError(e);
  }
}

function showError(e) {
  $('#typing').textContent = e instanceof ParleyError ? e.message : 'Something went wrong';
}

// ---- live events ----------------------------------------------------------------------------------------------

function onMessage(message) {
  const row = state.conversations.get(message.conversation);
  if (!row) return refreshList(); // a conversation this list has not seen yet
  row.last_message = { body: message.body, created_at: message.created_at, sender_id: message.sender, is_read: false };
  row.last_seq = Math.max(row.last_seq, message.seq);
  state.order = [message.conversation, ...state.order.filter((id) => id !== message.conversation)];
  if (message.sender != null && message.sender !== state.me.id && message.conversation !== state.open) row.unread_count++;
  if (message.sender == null) refreshList(); // group changes: members or title
  renderList();
  if (message.conversation !== state.open) return;
  state.messages.set(message.seq, message);
  const typists = state.typing.get(message.conversation);
  if (typists?.delete(message.sender)) renderTyping();
  renderMessages(message.sender === state.me.id);
  if (message.sender !== state.me.id) markRead();
  if (message.sender == null) renderHeader();
}

function applyRevision(message) {
  if (message.conversation !== state.open) return;
  const known = state.messages.get(message.seq);
  if (known && known.revision >= message.revision) return;
  state.messages.set(message.seq, { ...message, reactions: message.deleted ? [] : known?.reactions ?? [] });
  renderMessages(false);
}

function onRevised(message) {
  applyRevision(message);
  const row = state.conversations.get(message.conversation);
  if (row && row.last_seq === message.seq) refreshList();
}

function onRead(frame) {
  if (frame.conversation !== state.open || frame.reader === state.me.id) return;
  state.readUpTo.set(frame.reader, Math.max(state.readUpTo.get(frame.reader) ?? 0, frame.up_to_seq));
  renderMessages(false);
}

function onReaction(frame) {
  if (frame.conversation !== state.open) return;
  const message = [...state.messages.values()].find((m) => m.id === frame.message_id);
  if (!message) return;
  const others = (message.reactions ?? []).filter((r) => r.emoji !== frame.emoji);
  const before = (message.reactions ?? []).find((r) => r.emoji === frame.emoji);
  const mine = frame.user === state.me.id ? frame.added : before?.mine ?? false;
  message.reactions = frame.count > 0 ? [...others, { emoji: frame.emoji, count: frame.count, mine }] : others;
  renderMessages(false);
}

function onTyping(frame) {
  if (frame.user === state.me.id) return;
  if (!state.typing.has(frame.conversation)) state.typing.set(frame.conversation, new Map());
  const typists = state.typing.get(frame.conversation);
  if (frame.is_typing) typists.set(frame.user, { username: frame.username, until: Date.now() + TYPING_SHOWN_MS });
  else typists.delete(frame.user);
  renderTyping();
}

function renderTyping() {
  const typists = [...(state.typing.get(state.open)?.values() ?? [])].filter((t) => t.until > Date.now());
  $('#typing').textContent =
    typists.length === 0 ? '' : `${typists.map((t) => t.username).join(', ')} ${typists.length === 1 ? 'is' : 'are'} typing…`;
}
setInterval(renderTyping, 1_000);

// ---- composing ----------------------------------------------------------------------------------------------------

let typingSent = 0;
let typingTimer = null;
const input = $('#composer-input');

input.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    $('#composer').requestSubmit();
  }
});

input.addEventListener('input', () => {
  if (!state.open) return;
  if (Date.now() - typingSent > 2_000) {
    state.client.typing(state.open, true);
    typingSent = Date.now();
  }
  clearTimeout(typingTimer);
  typingTimer = setTimeout(stopTyping, 3_000);
});

function stopTyping() {
  clearTimeout(typingTimer);
  if (typingSent && state.open) state.client.typing(state.open, false);
  typingSent = 0;
}

$('#composer').addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = input.value;
  if (!body.trim() || !state.open) return;
  input.value = '';
  stopTyping();
  try {
    await state.client.send(state.open, body);
  } catch (e) {
    input.value = body;
    showError(e);
  }
});

$('#attach').addEventListener('change', async (event) => {
  const file = event.target.files[0];
  event.target.value = '';
  if (!file || !state.open) return;
  try {
    const attachment = await state.client.upload(file);
    await state.client.send(state.open, attachment.filename, { metadata: { attachments: [attachment.id] } });
  } catch (e) {
    showError(e);
  }
});

start();

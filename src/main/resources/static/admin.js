// The web client's admin page (admins only; the server refuses everyone else with admin_only):
// registration mode and invite codes, accounts (deactivate, reactivate, admin role, password reset
// links) and the audit log. Texts that come from users are set with textContent, never innerHTML.

import { $, el } from '/dom.js';

const when = (iso) => (iso ? new Date(iso).toLocaleString() : 'never');

/** Who the page acts for: the client and account of the latest sign-in. */
const signedIn = { client: null, me: null };

/** Shows the Admin button to admins, and wires the page to `client`, signed in as `me`, after each sign-in. */
export function setupAdmin(client, me) {
  signedIn.client = client;
  signedIn.me = me;
  const button = $('#admin-open');
  button.hidden = me.role !== 'admin';
  if (button.hidden || button.dataset.ready) return;
  button.dataset.ready = 'yes';
  wire(button);
}

function wire(button) {
  const dialog = $('#admin-dialog');
  const failed = (e) => ($('#admin-error').textContent = e.message);

  async function refresh() {
    $('#admin-error').textContent = '';
    try {
      $('#registration-mode').value = (await signedIn.client.registrationMode()).mode;
      await Promise.all([users(), audit()]);
    } catch (e) {
      failed(e);
    }
  }

  async function users() {
    const accounts = await signedIn.client.adminUsers({ search: $('#admin-search').value, limit: 50 });
    $('#admin-users').replaceChildren(...accounts.map(account));
  }

  function account(a) {
    const own = a.id === signedIn.me.id;
    const act = (label, action) =>
      el('button', { type: 'button', onclick: () => action().then(refresh, failed) }, label);
    const item = el('li', { class: 'account', 'data-username': a.username },
      el('span', { class: 'who' }, `${a.name} (@${a.username}, ${a.email})`),
      el('span', { class: 'role' }, a.role),
      el('span', { class: 'status' }, a.active ? 'active' : 'deactivated'),
      el('span', { class: 'seen' }, `last seen ${when(a.last_seen_at)}, ${a.sessions} sessions`));
    if (!own) {
      item.append(
        a.active
          ? act('Deactivate', () => signedIn.client.setActive(a.id, false))
          : act('Reactivate', () => signedIn.client.setActive(a.id, true)),
        a.role === 'admin'
          ? act('Remove admin', () => signedIn.client.setAdmin(a.id, false))
          : act('Make admin', () => signedIn.client.setAdmin(a.id, true)));
    }
    item.append(act('Reset link', async () => {
      const reset = await signedIn.client.passwordResetLink(a.id);
      $('#reset-link').textContent = `Send this link to ${a.username} (valid until ${when(reset.expires_at)}): ${reset.reset_url}`;
    }));
    return item;
  }

  async function audit() {
    const entries = await signedIn.client.auditLog({ limit: 20 });
    $('#audit-log').replaceChildren(...entries.map((e) =>
      el('li', {}, `${when(e.at)}: ${e.actor} ${e.action.replace(/_/g, ' ')}${e.target ? ` ${e.target}` : ''}${e.detail ? ` (${e.detail})` : ''}`)));
  }

  button.addEventListener('click', () => {
    dialog.showModal();
    refresh();
  });
  $('#registration-mode').addEventListener('change', (event) =>
    signedIn.client.setRegistrationMode(event.target.value).then(refresh, failed));
  $('#create-invite').addEventListener('click', () =>
    signedIn.client.createInvite({ maxUses: 1 }).then((invite) => {
      $('#invite-code').textContent = `Invite code (one registration, until ${when(invite.expires_at)}): ${invite.code}`;
      return audit();
    }, failed));
  let timer = null;
  $('#admin-search').addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => users().catch(failed), 250);
  });
}

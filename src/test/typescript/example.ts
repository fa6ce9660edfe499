// The README's "parley-client.js in your own app", as a TypeScript app writes it: type-checked against
// parley-client.d.ts by check-types.sh (in .ci/run). The @ts-expect-error lines must stay errors.
import { ParleyClient, ParleyError, type ConnectionState, type Message, type Session } from 'parley-client';

declare function save(tokens: Session | null): void;
declare function show(state: ConnectionState): void;
declare function render(message: Message): void;
declare function badge(count: number): void;
declare const conversationId: number;

const parley = new ParleyClient({ baseUrl: 'https://chat.example.com' });
await parley.login('alice', 'wonderland');
parley.on('session', (tokens) => save(tokens));
parley.on('connection', (state) => show(state));
parley.on('message', (m) => render(m));
parley.on('message_updated', (m) => render(m));
parley.on('unread_count', ({ unread_count }) => badge(unread_count));
await parley.connect();
const message = await parley.send(conversationId, 'Hello!');
const seq: number = message.seq;

try {
  await parley.send(conversationId, 'again', { clientId: message.client_id ?? undefined, metadata: { attachments: [1] } });
} catch (e) {
  if (e instanceof ParleyError && e.code === 'rate_limited') console.log(e.retryAfterMs ?? 0, seq);
}

const page = await parley.history(conversationId, { beforeSeq: 10, limit: 20 });
page.results.forEach(render);
const restored = new ParleyClient({ baseUrl: 'https://chat.example.com', session: { access: 'a', refresh: 'r' } });
const me = await restored.me();
if (me.role === 'admin') {
  const accounts = await restored.adminUsers({ search: 'bob' });
  await restored.setActive(accounts[0].id, false);
  const invite = await restored.createInvite({ maxUses: 5 });
  console.log(invite.code);
}

// @ts-expect-error seq is a number
message.seq.toUpperCase();
// @ts-expect-error there is no such event
parley.on('messages', () => {});
// @ts-expect-error the body is text
await parley.send(conversationId, 42);

// Type declarations for parley-client.js, Parley's JavaScript client library (see the README, "parley-client.js
// in your own app"). Shapes follow the wire: snake_case properties, ids as numbers, times as ISO-8601 strings.

/** A user as login and `me()` answer it. */
export interface User {
  id: number;
  username: string;
  email: string;
  name: string;
  /** Present on `me()`. */
  role?: Role;
}

export type Role = 'user' | 'admin';

/** The tokens of a session, as login answers them; keep them to sign in again without a password. */
export interface Session {
  access: string;
  refresh: string;
  user?: User;
}

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface Reaction {
  emoji: string;
  count: number;
  mine: boolean;
}

/** A message (SPEC "Every message carries"). */
export interface Message {
  id: number;
  conversation: number;
  seq: number;
  /** Null for system messages. */
  sender: number | null;
  sender_name: string | null;
  body: string;
  /** "text", a system message type such as "member_added", or a service's type such as "payment". */
  type: string;
  metadata: Record<string, unknown> | null;
  client_id: string | null;
  created_at: string;
  edited_at: string | null;
  deleted: boolean;
  is_read: boolean;
  /** Advances with each edit or delete; the higher one is the newer state. */
  revision: number;
  reactions?: Reaction[];
  [property: string]: unknown;
}

export interface UserSummary {
  id: number;
  username: string;
  name: string;
  [property: string]: unknown;
}

/** A conversation in the list (seed 000's shape plus Parley's extensions). */
export interface Conversation {
  id: number;
  kind: 'direct' | 'group';
  title: string | null;
  other_user: UserSummary | null;
  last_message: Message | null;
  last_seq: number;
  unread_count: number;
  [property: string]: unknown;
}

/** A page of history, oldest first, with cursors for the pages around it. */
export interface HistoryPage {
  results: Message[];
  previous: string | null;
  next: string | null;
}

export interface Attachment {
  id: number;
  filename: string;
  content_type: string;
  /** Bytes. */
  size: number;
  created_at: string;
}

export interface Download {
  blob: Blob;
  filename: string;
  contentType: string | null;
}

/** An account as admins see it. */
export interface Account {
  id: number;
  username: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  created_at: string;
  last_seen_at: string | null;
  /** Live sessions. */
  sessions: number;
}

export type RegistrationMode = 'open' | 'invite' | 'closed';

export interface Invite {
  id: number;
  /** Only in the answer that made it. */
  code: string | null;
  created_at: string;
  expires_at: string;
  max_uses: number;
  uses: number;
  revoked: boolean;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor_id: number | null;
  actor: string;
  action: string;
  target_user_id: number | null;
  target: string;
  detail: string;
}

export interface TypingEvent {
  type: 'typing_indicator';
  conversation: number;
  user: number;
  username?: string;
  is_typing: boolean;
}

export interface ReadReceipt {
  type: 'messages_read';
  conversation: number;
  reader: number;
  up_to_seq: number;
  message_ids: number[];
}

export interface PresenceEvent {
  type: 'presence';
  user: number;
  online: boolean;
}

export interface UnreadCountEvent {
  type: 'unread_count';
  unread_count: number;
}

export interface ReactionEvent {
  type: 'reaction';
  conversation: number;
  message: number;
  [property: string]: unknown;
}

/** An error frame not tied to one of this client's sends. */
export interface ErrorFrame {
  type: 'error';
  code: string;
  error: string;
  retry_after_ms?: number;
  [property: string]: unknown;
}

/** The events `on` delivers, by name. */
export interface ParleyEvents {
  message: Message;
  message_updated: Message;
  message_deleted: Message;
  messages_read: ReadReceipt;
  typing: TypingEvent;
  presence: PresenceEvent;
  unread_count: UnreadCountEvent;
  reaction: ReactionEvent;
  connection: ConnectionState;
  session: Session | null;
  error: ErrorFrame;
}

/** An HTTP refusal (or a refused socket send): the status, the stable code and the human message. */
export class ParleyError extends Error {
  constructor(status: number, code?: string, message?: string, retryAfterMs?: number);
  status: number;
  code: string | undefined;
  /** For `rate_limited`: how long to wait before trying again, in ms. */
  retryAfterMs: number | undefined;
}

/** The positions of one conversation a client has seen: every seq up to `mark`, plus those beyond it. */
export class Cursor {
  constructor(mark?: number);
  mark: number;
  /** Whether `position` is new (and records it). */
  add(position: number): boolean;
}

/** The delay before reconnect attempt `attempt` (0, 1, 2 …), in ms: exponential from 500 ms to 15 s, with jitter. */
export function backoffDelay(attempt: number, random?: () => number): number;

export interface ParleyClientOptions {
  /** Parley's address; '' (the default) for the page's own. */
  baseUrl?: string;
  /** Tokens from an earlier login. */
  session?: Session | null;
  /** A WebSocket implementation; the browser's by default. */
  WebSocket?: typeof WebSocket;
}

export interface SendOptions {
  type?: string;
  metadata?: Record<string, unknown>;
  /** Generated when absent; a retried send with the same client_id is stored once. */
  clientId?: string;
}

/** One signed-in user's connection to Parley. */
export class ParleyClient {
  constructor(options?: ParleyClientOptions);

  readonly user: User | null;
  readonly state: ConnectionState;
  /** Sends not yet acknowledged. */
  readonly unacknowledged: number;

  /** Subscribes to an event; answers a function that unsubscribes. */
  on<E extends keyof ParleyEvents>(event: E, handler: (value: ParleyEvents[E]) => void): () => void;

  register(account: {
    username: string;
    email?: string;
    password: string;
    name?: string;
    inviteCode?: string;
  }): Promise<User>;
  resetPassword(token: string, newPassword: string): Promise<null>;
  login(username: string, password: string): Promise<User>;
  logout(): Promise<void>;
  setSession(session: Session | null): void;
  refresh(): Promise<void>;
  /** Calls the REST API with the access token (a 401 refreshes it once and retries); null for 204. */
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;

  me(): Promise<User>;
  searchUsers(search: string): Promise<UserSummary[]>;
  conversations(options?: { archived?: boolean }): Promise<Conversation[]>;
  createDirect(userId: number): Promise<Record<string, unknown>>;
  createGroup(title: string, memberIds: number[]): Promise<Record<string, unknown>>;
  addMember(conversation: number, userId: number): Promise<{ members: unknown[] }>;
  removeMember(conversation: number, userId: number): Promise<null>;
  updateConversation(
    conversation: number,
    changes: { title?: string; archived?: boolean; muted?: boolean },
  ): Promise<Record<string, unknown>>;
  history(conversation: number, options?: { beforeSeq?: number; afterSeq?: number; limit?: number }): Promise<HistoryPage>;
  readers(messageId: number): Promise<{ message: number; readers: Array<{ user: number; name: string; read_at: string }> }>;
  edit(messageId: number, body: string): Promise<Message>;
  deleteMessage(messageId: number): Promise<Message>;
  react(messageId: number, emoji: string): Promise<unknown>;
  unreact(messageId: number, emoji: string): Promise<unknown>;
  upload(file: Blob, filename?: string): Promise<Attachment>;
  download(attachmentId: number): Promise<Download>;

  adminUsers(options?: { search?: string; limit?: number; offset?: number }): Promise<Account[]>;
  setActive(userId: number, active: boolean): Promise<Account>;
  setAdmin(userId: number, admin: boolean): Promise<Account>;
  passwordResetLink(userId: number): Promise<{ token: string; reset_url: string; expires_at: string }>;
  registrationMode(): Promise<{ mode: RegistrationMode }>;
  setRegistrationMode(mode: RegistrationMode): Promise<{ mode: RegistrationMode }>;
  createInvite(options?: { maxUses?: number; expiresInHours?: number }): Promise<Invite>;
  invites(): Promise<Invite[]>;
  revokeInvite(inviteId: number): Promise<null>;
  auditLog(options?: { beforeId?: number; limit?: number }): Promise<AuditEntry[]>;

  /** Opens the user's stream and keeps it open (reconnecting, resuming) until `disconnect()`. */
  connect(): Promise<void>;
  disconnect(): void;
  /** Resolves with the message once it is committed (its echo, or the HTTP answer). */
  send(conversation: number, body: string, options?: SendOptions): Promise<Message>;
  markRead(conversation: number, seq: number): void;
  typing(conversation: number, isTyping: boolean): void;
}

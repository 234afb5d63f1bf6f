import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { deflateSync } from 'node:zlib';
import { generate } from 'selfsigned';
import type { SimBehaviour, SimContext, SimData, SimReply } from './http-types';
import { DEFAULT_BEHAVIOUR, json } from './http-types';
import { OAuthState, USER_TOKEN_TTL_S } from './oauth-state';
import { handleApi } from './routes-api';
import { handleId } from './routes-id';
import { handleWeb, handleWebApi } from './routes-web';
import { createSimPusher, PUSHER_HOST, type SimPusher } from './pusher';
import { handleSimChat } from './chat-feed';
import { SEED, seedHistory, seedRelations, seedUsers } from './seed';
import type { FaultRule, RequestLogEntry, SimApp, SimChatMessage, SimRelation, SimUser, VHost } from './types';

export const SIM_REDIRECT_URI = 'https://cbcheimeidjhholbfobecagaibcflojo.chromiumapp.org/';
const HOSTS: Record<string, VHost> = {
  'kick.com': 'web',
  'www.kick.com': 'web',
  'web.kick.com': 'webapi',
  'api.kick.com': 'api',
  'id.kick.com': 'id',
  'files.kick.com': 'files',
};

export interface KickSim {
  httpsPort: number;
  origins: Record<VHost, string>;
  endpoints: { idBase: string; apiBase: string; webBase: string };
  certSpki: string;
  certPem: string;
  log: RequestLogEntry[];
  clearLog(): void;
  requests(filter?: { host?: VHost; path?: string | RegExp; method?: string }): RequestLogEntry[];
  fault(rule: FaultRule): () => void;
  /** Holds the next matching request at the simulator until `release()`; `arrived` settles when it is there. */
  hold(rule: Pick<FaultRule, 'host' | 'method' | 'path' | 'holdAt'>): { arrived: Promise<void>; release(): void };
  clearFaults(): void;
  latencyMs: number;
  /** Which documented variant of Kick to play; reset() restores the defaults. */
  behaviour: SimBehaviour;
  users: Map<number, SimUser>;
  relations: SimRelation[];
  /** kick.com's chat history, newest last (seedHistory); tests may add to it. */
  history: SimChatMessage[];
  addUser(user: Partial<SimUser> & { username: string }): SimUser;
  app: SimApp;
  authorize: { mode: 'approve' | 'deny' | 'page'; userId: number; /** Scopes the user unticks on Kick's consent screen. */ untick?: string[] };
  issueUserToken(opts?: { userId?: number; scopes?: string[]; expiresIn?: number }): {
    access_token: string; refresh_token: string; expires_in: number; scope: string;
  };
  expireAccessToken(token: string): void;
  revokeToken(token: string): void;
  tokenState(token: string): 'active' | 'expired' | 'revoked' | 'rotated' | 'unknown';
  /** How many user tokens of this kind Kick would still accept. */
  liveUserTokens(kind: 'access' | 'refresh'): number;
  /**
   * Signs a user in on kick.com itself (not the OAuth app): answers the session token, which a test puts in the page's
   * `session_token` cookie, as kick.com's login would; /api/v1/user then answers that user (routes-web.ts).
   */
  signInOnSite(userId: number): string;
  /** Kick's chat socket (wss://ws-us2.pusher.com), on the same port: test/kick-sim/pusher.ts. */
  pusher: SimPusher;
  /** Bans and timeouts in force, set by the moderation endpoints (routes-moderation.ts). */
  readonly bans: SimData['bans'];
  reset(): void;
  close(): Promise<void>;
}

let certPromise: Promise<{ key: string; cert: string; spki: string }> | undefined;
/** One self-signed certificate per process, for every simulated host. */
function certificate() {
  certPromise ??= generate([{ name: 'commonName', value: 'kick.com' }], {
    keyType: 'ec',
    curve: 'P-256',
    notAfterDate: new Date(Date.now() + 30 * 24 * 3600 * 1000),
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...[...Object.keys(HOSTS), PUSHER_HOST].map((value) => ({ type: 2 as const, value })),
          { type: 2 as const, value: 'localhost' },
          { type: 7 as const, ip: '127.0.0.1' },
        ],
      },
    ],
  }).then((pems) => {
    const spkiDer = new X509Certificate(pems.cert).publicKey.export({ type: 'spki', format: 'der' });
    return { key: pems.private, cert: pems.cert, spki: createHash('sha256').update(spkiDer).digest('base64') };
  });
  return certPromise;
}

/** A 1×1 green PNG, enough for avatars and banners to load. */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, 0x53, 0xfc, 0x18]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const PNG = tinyPng();

function handleFiles(ctx: SimContext): SimReply | undefined {
  if (ctx.method !== 'GET') return undefined;
  // Emotes: https://files.kick.com/emotes/{id}/fullsize (BP602/KickTalk EmoteNode.jsx, NipahTV KickEmoteProvider.ts).
  if (ctx.url.pathname.startsWith('/images/') || /^\/emotes\/\d+\/fullsize$/.test(ctx.url.pathname)) return { status: 200, headers: { 'content-type': 'image/png', 'cache-control': 'max-age=3600' }, body: PNG };
  return undefined;
}

const REDACTED_FIELDS = ['client_secret', 'code', 'code_verifier', 'refresh_token', 'access_token', 'token'];
function redactForm(form: URLSearchParams | undefined): Record<string, string> | undefined {
  if (!form) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of form) out[k] = REDACTED_FIELDS.includes(k) ? '***' : v;
  return out;
}

function queryOf(url: URL): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of url.searchParams) (out[k] ??= []).push(k === 'token' ? '***' : v);
  return out;
}

function siteHeaders(h: IncomingMessage['headers']): NonNullable<RequestLogEntry['site']> {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const cookies = (one(h.cookie) ?? '').split(';').map((c) => c.split('=')[0]!.trim()).filter(Boolean);
  return { fetchSite: one(h['sec-fetch-site']), origin: one(h.origin), referer: one(h.referer), cookies };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function pathMatches(rule: FaultRule['path'], path: string): boolean {
  return typeof rule === 'string' ? rule === path : rule.test(path);
}

export async function startKickSim(opts: { httpsPort?: number; latencyMs?: number } = {}): Promise<KickSim> {
  const { key, cert, spki } = await certificate();
  const oauth = new OAuthState();
  const data: SimData = {
    behaviour: { ...DEFAULT_BEHAVIOUR },
    users: new Map(),
    relations: [],
    history: [],
    chats: new Map(),
    app: { clientId: 'sim-client-id', clientSecret: 'sim-client-secret', redirectUris: [SIM_REDIRECT_URI] },
    authorize: { mode: 'approve', userId: SEED.viewer.userId },
    oauth,
    siteSessions: new Map(),
    bans: new Map(),
  };
  let faults: (FaultRule & { used: number })[] = [];
  const log: RequestLogEntry[] = [];
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();

  const seed = () => {
    data.users.clear();
    for (const u of seedUsers()) data.users.set(u.userId, u);
    data.relations.splice(0, data.relations.length, ...seedRelations());
    data.history.splice(0, data.history.length, ...seedHistory());
    data.chats.clear();
    data.bans.clear();
  };
  seed();

  function takeFault(vhost: VHost, method: string, path: string, bearer: string | undefined): FaultRule | undefined {
    // Whose token the request carries, for a rule that names one (a user's token refused, the app's left alone).
    const tokenType = () => (bearer ? oauth.activeAccess(bearer)?.type : undefined);
    const rule = faults.find(
      (f) =>
        (!f.host || f.host === vhost) && (!f.method || f.method === method) && pathMatches(f.path, path) && (f.times === undefined || f.used < f.times) &&
        (!f.token || f.token === tokenType()),
    );
    if (rule) rule.used++;
    return rule;
  }

  async function handle(vhost: VHost, req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'https://sim.invalid');
    const method = req.method ?? 'GET';
    const ctx: SimContext = { vhost, method, url, headers: req.headers, body: Buffer.concat(chunks), data, auth: 'none', pusher };
    if (vhost === 'web' && method === 'POST' && url.pathname === '/__sim/chat') {
      // The simulated page's chat, sent on the chat socket too (test/kick-sim/chat-feed.ts): a test driver, not Kick's;
      // not logged, and no fault applies.
      const reply = handleSimChat(data, pusher, ctx.body);
      res.writeHead(reply.status, reply.headers ?? {});
      res.end(reply.body ?? '');
      return;
    }
    const entry: RequestLogEntry = { at: Date.now(), host: vhost, method, path: url.pathname, query: queryOf(url), status: 0, auth: 'none' };
    if (vhost === 'web' || vhost === 'webapi') entry.site = siteHeaders(req.headers);
    if (vhost === 'api' && /json/.test(String(req.headers['content-type'] ?? ''))) {
      try {
        entry.json = JSON.parse(ctx.body.toString('utf8'));
      } catch {
        entry.json = ctx.body.toString('utf8').slice(0, 200);
      }
    }
    log.push(entry);

    if (sim.latencyMs > 0 && vhost !== 'files') await sleep(sim.latencyMs);
    const fault = takeFault(vhost, method, url.pathname, /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]);
    fault?.onArrive?.();
    if (fault?.holdUntil && fault.holdAt !== 'answer') await fault.holdUntil;
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.hang) {
      hanging.add(res);
      entry.status = -1;
      return;
    }

    let reply: SimReply;
    // A status or body fault answers at the edge (like a gateway), so the request has no effect.
    if (fault && (fault.status !== undefined || fault.body !== undefined)) reply = json(500, {});
    else if (method === 'OPTIONS') reply = { status: 204, headers: { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'authorization, content-type', 'access-control-allow-methods': 'GET, POST' } };
    else {
      const routed = vhost === 'id' ? handleId(ctx) : vhost === 'api' ? handleApi(ctx) : vhost === 'web' ? handleWeb(ctx) : vhost === 'webapi' ? handleWebApi(ctx, pusher) : handleFiles(ctx);
      reply = routed ?? json(404, { message: 'Not found' });
    }
    if (fault && (fault.status !== undefined || fault.body !== undefined)) {
      reply = {
        status: fault.status ?? 200,
        headers: { 'content-type': fault.contentType ?? 'application/json' },
        body: fault.body ?? JSON.stringify({ message: `simulated ${fault.status}` }),
      };
      if (fault.retryAfter !== undefined) reply.headers!['retry-after'] = fault.retryAfter;
    }
    if (fault?.holdUntil && fault.holdAt === 'answer') await fault.holdUntil;
    entry.status = reply.status;
    entry.auth = ctx.auth;
    entry.form = redactForm(ctx.form);
    res.writeHead(reply.status, reply.headers ?? {});
    if (fault?.stallBody) {
      const body = String(reply.body ?? '');
      res.write(body.slice(0, Math.floor(body.length / 2)));
      hanging.add(res);
      return;
    }
    res.end(reply.body ?? '');
  }

  const listener = (fixed?: VHost) => (req: IncomingMessage, res: ServerResponse) => {
    const hostname = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const vhost = fixed ?? HOSTS[hostname];
    if (!vhost) {
      res.writeHead(421, { 'content-type': 'text/plain' });
      res.end(`unknown host ${hostname}`);
      return;
    }
    handle(vhost, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: String(error) }));
    });
  };

  const track = (server: http.Server) => server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const listen = (server: http.Server, port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    });

  const httpsServer = https.createServer({ key, cert }, listener());
  track(httpsServer);
  const pusher = createSimPusher();
  httpsServer.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    if (!pusher.upgrade(req, socket, head)) socket.destroy();
  });
  const plain = (['id', 'api', 'web', 'webapi', 'files'] as const).map((vhost) => {
    const server = http.createServer(listener(vhost));
    track(server);
    return { vhost, server };
  });
  const httpsPort = await listen(httpsServer, opts.httpsPort ?? 0);
  const origins = {} as Record<VHost, string>;
  for (const { vhost, server } of plain) origins[vhost] = `http://127.0.0.1:${await listen(server, 0)}`;

  const sim: KickSim = {
    httpsPort,
    origins,
    endpoints: { idBase: origins.id, apiBase: `${origins.api}/public/v1`, webBase: origins.web },
    certSpki: spki,
    certPem: cert,
    log,
    clearLog: () => void log.splice(0, log.length),
    requests: (filter = {}) =>
      log.filter((e) => (!filter.host || e.host === filter.host) && (!filter.method || e.method === filter.method) &&
        (!filter.path || pathMatches(filter.path, e.path))),
    fault(rule) {
      const entry = { ...rule, used: 0 };
      faults.push(entry);
      return () => void (faults = faults.filter((f) => f !== entry));
    },
    hold(rule) {
      let arrive!: () => void;
      let release!: () => void;
      const arrived = new Promise<void>((resolve) => (arrive = resolve));
      const holdUntil = new Promise<void>((resolve) => (release = resolve));
      sim.fault({ ...rule, times: 1, holdUntil, onArrive: arrive });
      return { arrived, release };
    },
    clearFaults: () => void (faults = []),
    latencyMs: opts.latencyMs ?? 0,
    get behaviour() { return data.behaviour; },
    users: data.users,
    relations: data.relations,
    history: data.history,
    addUser(partial) {
      const userId = partial.userId ?? Math.max(0, ...data.users.keys()) + 1;
      const user: SimUser = {
        slug: partial.username.toLowerCase(), email: '', profilePicture: '', bannerPicture: '', bio: '', verified: false,
        followersCount: 0, channelCreatedAt: '2024-01-01T00:00:00Z', socials: {}, ...partial, userId,
      };
      data.users.set(userId, user);
      return user;
    },
    get app() { return data.app; },
    set app(value) { data.app = value; },
    get authorize() { return data.authorize; },
    set authorize(value) { data.authorize = value; },
    issueUserToken({ userId = SEED.viewer.userId, scopes = ['user:read', 'channel:read'], expiresIn = USER_TOKEN_TTL_S } = {}) {
      return oauth.issueUserTokens(data.app.clientId, userId, scopes, expiresIn);
    },
    expireAccessToken: (token) => oauth.expire(token),
    revokeToken: (token) => oauth.revoke(token),
    tokenState: (token) => oauth.lookup(token)?.status ?? 'unknown',
    signInOnSite(userId) {
      // The shape of kick.com's own session token is not public and does not matter here: it is only compared.
      const token = `${userId}|${randomBytes(20).toString('hex')}`;
      data.siteSessions.set(token, userId);
      return token;
    },
    liveUserTokens: (kind) => [...oauth.tokens.keys()].filter((t) => { const r = oauth.lookup(t); return r?.type === 'user' && r.kind === kind && r.status === 'active'; }).length,
    pusher,
    bans: data.bans,
    reset() {
      seed();
      pusher.reset();
      oauth.clear();
      faults = [];
      log.splice(0, log.length);
      sim.latencyMs = 0;
      data.behaviour = { ...DEFAULT_BEHAVIOUR };
      data.app = { clientId: 'sim-client-id', clientSecret: 'sim-client-secret', redirectUris: [SIM_REDIRECT_URI] };
      data.authorize = { mode: 'approve', userId: SEED.viewer.userId };
      data.siteSessions.clear();
      for (const res of hanging) res.destroy();
      hanging.clear();
    },
    async close() {
      pusher.reset();
      for (const res of hanging) res.destroy();
      for (const socket of sockets) socket.destroy();
      const servers = [httpsServer, ...plain.map((p) => p.server)];
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
  return sim;
}

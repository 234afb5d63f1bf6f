import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import { isIP, type AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { createRelay, type RelayEnv, type RelayOptions } from './handler';

/** Environment variables the relay reads (relay/README.md, "Run the relay locally"). */
const ENV_KEYS = [
  'KICK_CLIENT_ID',
  'KICK_CLIENT_SECRET',
  'ALLOWED_ORIGINS',
  'ALLOWED_REDIRECT_URIS',
  'KICK_ID_BASE',
  'RATE_LIMIT_PER_MINUTE',
  'UPSTREAM_TIMEOUT_MS',
] as const;

export function envFrom(source: NodeJS.ProcessEnv): RelayEnv {
  const env: RelayEnv = {};
  for (const key of ENV_KEYS) if (source[key]) env[key] = source[key];
  return env;
}

/** Methods Node's parser accepts but the Fetch API refuses to build a Request with (fetch.spec.whatwg.org, "forbidden method"). */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/**
 * A Host a server must refuse with 400: absent in HTTP/1.1, empty, or not `host[:port]` (RFC 9112 §3.2).
 * The relay never builds anything from it (its URLs come from its own address), but answers as HTTP says.
 */
function badHost(req: IncomingMessage): boolean {
  const host = req.headers.host;
  if (host === undefined) return req.httpVersion !== '1.0';
  return !/^(?:\[[0-9a-f:.]+\]|[a-z0-9\-._~!$&'()*+,;=%]+)(?::\d{0,5})?$/i.test(host);
}

/**
 * The caller's address: the socket's, or with `trustProxy` the last X-Forwarded-For entry, the one
 * the proxy in front appended (earlier entries are the caller's own text). Untrusted, the header is
 * ignored: anyone could send one and get a fresh rate limit with each.
 */
function clientAddress(req: IncomingMessage, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = [req.headers['x-forwarded-for'] ?? []].flat().join(',').split(',').at(-1)?.trim() ?? '';
    if (isIP(forwarded)) return forwarded;
  }
  return req.socket.remoteAddress ?? null;
}

/** Node's request as a Fetch API Request; the URL is built on the server's own address, never on the caller's Host. */
function toRequest(req: IncomingMessage, base: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', base), {
    method: req.method,
    headers,
    body: hasBody ? (req as unknown as ReadableStream) : undefined,
    // @ts-expect-error Node's fetch needs this to stream a request body; not in the DOM types.
    duplex: 'half',
  });
}

async function respond(res: ServerResponse, response: Response) {
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, { ...Object.fromEntries(response.headers), ...(response.body ? { 'content-length': String(body.byteLength) } : {}) });
  res.end(body);
}

export interface RunningRelay {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The handler behind an HTTP server on loopback; `tls` serves HTTPS (tests: the extension only talks to https relays).
 * `trustProxy` (TRUST_PROXY=1) takes the caller's address from X-Forwarded-For: only behind a proxy that sets it.
 */
export async function startRelayServer(
  opts: { env: RelayEnv; port?: number; host?: string; tls?: { key: string; cert: string }; trustProxy?: boolean } & RelayOptions,
): Promise<RunningRelay> {
  const relay = createRelay(opts);
  const host = opts.host ?? '127.0.0.1';
  const scheme = opts.tls ? 'https' : 'http';
  let base = '';
  // Whatever a request holds, it gets an answer and the server keeps serving: nothing here may throw out of the listener.
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    let answer: Promise<Response>;
    const method = req.method ?? '';
    if (FORBIDDEN_METHODS.has(method)) answer = Promise.resolve(relay.refuse(method, { status: 405, error: 'method_not_allowed', headers: { allow: 'POST, OPTIONS' } }));
    else if (badHost(req)) answer = Promise.resolve(relay.refuse(method, { status: 400, error: 'bad_request', outcome: 'bad_request (host)' }));
    else {
      try {
        answer = relay.fetch(toRequest(req, base), opts.env, clientAddress(req, opts.trustProxy ?? false));
      } catch (error) {
        const name = error instanceof Error ? error.name : typeof error;
        answer = Promise.resolve(relay.refuse(method, { status: 400, error: 'bad_request', outcome: `bad_request (${name})` }));
      }
    }
    answer
      .then((response) => respond(res, response))
      .catch(() => {
        // Only writing the answer can fail here (the caller hung up): nothing left to tell anyone.
        res.destroy();
      });
  };
  const server = opts.tls ? https.createServer(opts.tls, listener) : http.createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  base = `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url: base,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const env = envFrom(process.env);
  const missing = ['KICK_CLIENT_ID', 'KICK_CLIENT_SECRET', 'ALLOWED_ORIGINS', 'ALLOWED_REDIRECT_URIS'].filter((k) => !env[k as keyof RelayEnv]);
  if (missing.length > 0) {
    console.error(`Set ${missing.join(', ')} (see relay/README.md, "Run the relay locally").`);
    process.exit(1);
  }
  const relay = await startRelayServer({
    env,
    port: Number(process.env.PORT ?? 8787),
    host: process.env.HOST ?? '127.0.0.1',
    trustProxy: process.env.TRUST_PROXY === '1',
  });
  console.info(`Kick token relay on ${relay.url}, forwarding to ${env.KICK_ID_BASE ?? 'https://id.kick.com'}`);
}

import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { createRelay, type RelayEnv, type RelayOptions } from './handler';

/** Environment variables the relay reads (README, "Run it locally"). */
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

/** Node's request as a Fetch API Request, with the socket's address where Cloudflare would put the client's. */
function toRequest(req: IncomingMessage, base: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === 'cf-connecting-ip') continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  // Never trusted from the caller: a forged one would give every request its own rate-limit bucket.
  headers.set('cf-connecting-ip', req.socket.remoteAddress ?? '-');
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
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

export interface RunningRelay {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The handler behind an HTTP server on loopback; `tls` serves HTTPS (tests: the extension only talks to https relays). */
export async function startRelayServer(
  opts: { env: RelayEnv; port?: number; host?: string; tls?: { key: string; cert: string } } & RelayOptions,
): Promise<RunningRelay> {
  const relay = createRelay(opts);
  const host = opts.host ?? '127.0.0.1';
  const scheme = opts.tls ? 'https' : 'http';
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    relay
      .fetch(toRequest(req, `${scheme}://${req.headers.host ?? host}`), opts.env)
      .then((response) => respond(res, response))
      .catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'relay_error' }));
      });
  };
  const server = opts.tls ? https.createServer(opts.tls, listener) : http.createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${scheme}://${host}:${port}`,
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
    console.error(`Set ${missing.join(', ')} (see README, "Run the relay locally").`);
    process.exit(1);
  }
  const relay = await startRelayServer({ env, port: Number(process.env.PORT ?? 8787), host: process.env.HOST ?? '127.0.0.1' });
  console.info(`Kick token relay on ${relay.url}, forwarding to ${env.KICK_ID_BASE ?? 'https://id.kick.com'}`);
}

import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKickSim, SIM_REDIRECT_URI, type KickSim } from '../kick-sim/index';
import { CHROME_ORIGIN } from './support';

/**
 * `npm run relay` as an operator runs it (tsx relay/node.ts, its own process), sent requests no
 * client library would send. Before issue #25 a raw TRACE or an empty Host threw in the listener and
 * the process exited; each must get the relay's answer, and the next request must still be served.
 */

let sim: KickSim;
let child: ChildProcess;
let port = 0;
let output = '';

beforeAll(async () => {
  sim = await startKickSim();
  child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'relay/node.ts'], {
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      KICK_CLIENT_ID: sim.app.clientId,
      KICK_CLIENT_SECRET: sim.app.clientSecret,
      ALLOWED_ORIGINS: CHROME_ORIGIN,
      ALLOWED_REDIRECT_URIS: SIM_REDIRECT_URI,
      KICK_ID_BASE: sim.origins.id,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the relay did not start: ${output}`)), 15_000);
    child.stdout!.on('data', () => {
      const found = /relay on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(Number(found[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`the relay exited (${code}): ${output}`)));
  });
}, 20_000);
afterAll(async () => {
  child?.kill();
  await sim?.close();
});

/** Sends bytes as they are and reads the whole answer (the relay closes with Connection: close). */
function raw(request: string): Promise<{ status: number; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    let text = '';
    socket.on('data', (c: Buffer) => (text += c.toString()));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), head, body });
    });
  });
}

const stillServing = async () => {
  const res = await fetch(`http://127.0.0.1:${port}/token`, {
    method: 'POST',
    headers: { origin: CHROME_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=refresh_token&refresh_token=never-issued',
  });
  expect(res.status).toBe(400);
  expect(await res.json()).toEqual({ error: 'Invalid request' });
  expect(child.exitCode).toBeNull();
};

describe('npm run relay, sent what no client should send', () => {
  it('TRACE → 405 method_not_allowed, and the relay keeps serving', async () => {
    const answer = await raw('TRACE /token HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    expect(answer.status).toBe(405);
    expect(answer.head.toLowerCase()).toContain('allow: post, options');
    expect(JSON.parse(answer.body)).toEqual({ error: 'method_not_allowed' });
    await stillServing();
  });

  it('an empty Host → 400 bad_request, and the relay keeps serving', async () => {
    const answer = await raw('POST /token HTTP/1.1\r\nHost:\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ error: 'bad_request' });
    await stillServing();
  });

  it('a malformed Host → 400 bad_request, and the relay keeps serving', async () => {
    for (const host of ['exa mple', '[::1', 'a/b', 'x:1:2']) {
      const answer = await raw(`POST /token HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      expect(answer.status, host).toBe(400);
    }
    await stillServing();
  });

  it('logged each refusal, one line each, like any other request', () => {
    const lines = output.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { status: number; outcome: string });
    expect(lines.filter((l) => l.status === 405)).toHaveLength(1);
    expect(lines.filter((l) => l.outcome === 'bad_request (host)').length).toBeGreaterThanOrEqual(5);
  });
});

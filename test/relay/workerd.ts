import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import type { RelayEnv } from '../../relay/handler';
import type { RunningRelay } from '../../relay/node';

/**
 * relay/worker.ts as Cloudflare would run it: bundled by esbuild (what wrangler does), run by Miniflare
 * on the real Workers runtime (workerd, from npm) with relay/wrangler.toml's compatibility date, and
 * reached over HTTP on loopback. Cloudflare's edge would set CF-Connecting-IP; Miniflare sets it to the
 * socket's address unless the test sends one, as a test playing the edge does.
 */

let bundle: Promise<string> | undefined;
function workerBundle(): Promise<string> {
  bundle ??= build({ entryPoints: ['relay/worker.ts'], bundle: true, format: 'esm', platform: 'neutral', target: 'es2022', write: false, logLevel: 'silent' })
    .then((result) => result.outputFiles[0]!.text);
  return bundle;
}

/** The date wrangler would deploy with: if workerd cannot take it, these tests fail, as a deploy would. */
export async function wranglerCompatibilityDate(): Promise<string> {
  const toml = await readFile('relay/wrangler.toml', 'utf8');
  const date = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  if (!date) throw new Error('relay/wrangler.toml names no compatibility_date');
  return date;
}

/** `onOutput` receives each line the Worker prints (its log), as `wrangler tail` would show it. */
export async function startWorkerRelay(env: RelayEnv, onOutput: (line: string) => void = () => undefined): Promise<RunningRelay> {
  const lines = (stream: Readable) => {
    let pending = '';
    stream.on('data', (chunk: Buffer) => {
      const parts = (pending + chunk.toString('utf8')).split('\n');
      pending = parts.pop() ?? '';
      for (const part of parts) if (part.trim()) onOutput(part);
    });
  };
  const mf = new Miniflare({
    modules: true,
    script: await workerBundle(),
    compatibilityDate: await wranglerCompatibilityDate(),
    bindings: { ...env },
    host: '127.0.0.1',
    port: 0,
    cf: false,
    handleRuntimeStdio(stdout: Readable, stderr: Readable) {
      lines(stdout);
      lines(stderr);
    },
  });
  const url = await mf.ready;
  return { url: url.origin, port: Number(url.port), close: () => mf.dispose() };
}

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The baseline for the content script's start-up cost: an unpacked MV3 extension whose content script, on the same
 * pages and at the same time (document_idle) as ours, does nothing. What Chromium spends on any content script (the
 * isolated world, injecting the file) shows up on both sides; the difference is what our script itself costs.
 * It has an empty service worker because the launcher waits for one to learn the extension id.
 */
export async function writeEmptyExtension(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kuc-bench-empty-'));
  const manifest = {
    manifest_version: 3,
    name: 'Empty content script (benchmark baseline)',
    version: '1.0.0',
    background: { service_worker: 'background.js' },
    content_scripts: [{ matches: ['https://kick.com/*', 'https://www.kick.com/*'], js: ['content.js'] }],
  };
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  await writeFile(path.join(dir, 'background.js'), '// empty\n');
  await writeFile(path.join(dir, 'content.js'), '// empty\n');
  return dir;
}

import { storage } from 'wxt/utils/storage';

/**
 * A build that knows a token relay (relay/README.md, "Build the extension against a relay") connects
 * without any app of the user's: the relay holds the client secret, the extension only the public
 * client id. Both come from the build environment, never from the user or storage.
 */
export interface RelayConfig {
  url: string;
  clientId: string;
}

/** The relay asks for channel:read too: without an app token, the user token is what reads channels. */
export const RELAY_SCOPES = ['user:read', 'channel:read'];

export function relayConfigFrom(env: Record<string, unknown>): RelayConfig | null {
  const url = typeof env.WXT_KICK_RELAY_URL === 'string' ? env.WXT_KICK_RELAY_URL.trim() : '';
  const clientId = typeof env.WXT_KICK_CLIENT_ID === 'string' ? env.WXT_KICK_CLIENT_ID.trim() : '';
  if (!url || !clientId) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`WXT_KICK_RELAY_URL is not a URL: ${url}`);
  }
  // Codes and tokens cross this connection: plain http only to this machine, for local use.
  const local = parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost';
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && local)) throw new Error('WXT_KICK_RELAY_URL must use https.');
  return { url: parsed.href.replace(/\/+$/, ''), clientId };
}

/** This build's relay, or null (then the user's own app is the only way to connect). */
export const BUILD_RELAY: RelayConfig | null = relayConfigFrom(import.meta.env);

export type ConnectionMode = 'relay' | 'own';
const modeItem = storage.defineItem<ConnectionMode | null>('local:kickConnectMode', { fallback: null });
export const CONNECTION_MODE_KEY = 'kickConnectMode';

/**
 * How this browser connects: as the user chose; before any choice, through the relay, unless an
 * app of the user's is already saved (an update from a build without a relay), whose account's
 * tokens only that app can refresh. A build without a relay always uses the user's own app.
 */
export async function loadConnectionMode(relay: RelayConfig | null = BUILD_RELAY): Promise<ConnectionMode> {
  if (!relay) return 'own';
  const chosen = await modeItem.getValue();
  if (chosen === 'own' || chosen === 'relay') return chosen;
  return (await storage.getItem('local:kickApp')) ? 'own' : 'relay';
}

export function saveConnectionMode(mode: ConnectionMode): Promise<void> {
  return modeItem.setValue(mode);
}

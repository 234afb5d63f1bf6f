import { startKickSim } from './index';
import { seedUsers } from './seed';

// `npm run sim`: the simulated Kick by hand, for trying the extension in a local Chromium.
const port = Number(process.env.KICK_SIM_PORT ?? 8443);
const sim = await startKickSim({ httpsPort: port });
const hosts = ['kick.com', 'www.kick.com', 'api.kick.com', 'id.kick.com', 'files.kick.com', 'ws-us2.pusher.com'];
console.log(`Simulated Kick on https://127.0.0.1:${sim.httpsPort} (self-signed certificate)`);
console.log('Plain HTTP per host:', sim.origins);
console.log('\nStart Chromium with:');
console.log(`  --host-resolver-rules="${hosts.map((h) => `MAP ${h} 127.0.0.1:${sim.httpsPort}`).join(', ')}" --ignore-certificate-errors`);
console.log(`\nKick app: client id ${sim.app.clientId}, redirect URIs ${sim.app.redirectUris.join(', ')}`);
console.log('\nUsers:');
for (const u of seedUsers()) console.log(`  ${String(u.userId).padEnd(5)} ${u.username || '(empty name)'} /${u.slug}${u.live ? '  LIVE' : ''}`);
const stop = () => void sim.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

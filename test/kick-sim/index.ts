export { startKickSim, SIM_REDIRECT_URI, type KickSim } from './server';
export { SEED, HOSTILE_BIO, CHATTERS, MAIN_CHANNEL } from './seed';
export type { FaultRule, RequestLogEntry, SimApp, SimRelation, SimUser, VHost } from './types';

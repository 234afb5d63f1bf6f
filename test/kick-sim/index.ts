export { startKickSim, SIM_REDIRECT_URI, type KickSim } from './server';
export { SEED, HOSTILE_BIO, HOSTILE_MESSAGE, CHATTERS, MAIN_CHANNEL } from './seed';
export type { FaultRule, RequestLogEntry, SimApp, SimChatMessage, SimRelation, SimUser, VHost } from './types';

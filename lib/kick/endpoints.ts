/** Where Kick lives. Injectable so unit tests can point the same code at the simulator. */
export interface KickEndpoints {
  idBase: string;
  apiBase: string;
}

export const KICK_ENDPOINTS: KickEndpoints = {
  idBase: 'https://id.kick.com',
  apiBase: 'https://api.kick.com/public/v1',
};

import type { KickErrorCode, KickErrorInfo } from './error-info';

/** Apart from ./errors.ts so the content script can throw one without bundling zod (issue #12). */
export class KickError extends Error {
  readonly info: KickErrorInfo;
  constructor(info: KickErrorInfo) {
    super(info.message);
    this.name = 'KickError';
    this.info = info;
  }
  get code(): KickErrorCode {
    return this.info.code;
  }
}

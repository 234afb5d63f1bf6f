import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toKickErrorInfo } from './errors';

describe('toKickErrorInfo', () => {
  it('turns a validation failure into a readable invalid_response, never a schema dump', () => {
    const failed = z.object({ data: z.object({ slug: z.string() }) }).safeParse({ data: { slug: 7 } });
    expect(toKickErrorInfo(failed.error)).toEqual({
      code: 'invalid_response', field: 'data.slug', message: 'Kick sent data the extension could not read (field "data.slug").',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { ApiError } from './client.ts';
import { errorText } from './errorText.ts';

describe('errorText', () => {
  it("says what went wrong in the user's language, then the server's detail with its field", () => {
    const e = new ApiError('VERSION_CONFLICT', 'stale version 3 (now 4)', { status: 409, field: 'version' });
    expect(errorText(e, 'zh-CN')).toBe('记录已被他人修改，请刷新后重试：stale version 3 (now 4)（version）');
    expect(errorText(e, 'en')).toBe(
      'Someone else changed this record: reload and try again：stale version 3 (now 4)（version）',
    );
  });
  it('keeps the detail alone for a code without a message, and plain errors as they are', () => {
    expect(errorText(new ApiError('HTTP', 'HTTP 502'), 'zh-CN')).toBe('HTTP 502');
    expect(errorText(new Error('boom'), 'zh-CN')).toBe('boom');
  });
});

import { describe, expect, it } from 'vitest';
import { actionLabel, entityLabel } from './auditLogLabels.ts';

describe('audit log labels', () => {
  it('names actions and tables in both languages, and shows unknown codes as they are', () => {
    expect(actionLabel('update', 'zh-CN')).toBe('修改');
    expect(actionLabel('login_failed', 'en')).toBe('Sign-in failed');
    expect(actionLabel('archive', 'zh-CN')).toBe('archive');
    expect(entityLabel('cp_options', 'zh-CN')).toBe('清洁生产方案（cp_options）');
    expect(entityLabel('annual_values', 'en')).toBe('annual value (annual_values)');
    expect(entityLabel('new_table', 'zh-CN')).toBe('new_table');
  });
});

import { describe, expect, it } from 'vitest';
import { newCompanyId, newNumericKey, newOpaqueId } from './ids.js';

describe('ids', () => {
  it('are shaped like the platform ids and never repeat', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => newOpaqueId()));
    expect(ids.size).toBe(2000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-z]{40}$/);
    expect(newCompanyId()).toMatch(/^[0-9A-F]{32}$/);
    expect(newNumericKey(9)).toMatch(/^[1-9][0-9]{8}$/);
  });

  it('use every alphanumeric character (no bias towards a subset)', () => {
    const seen = new Set([...Array.from({ length: 200 }, () => newOpaqueId()).join('')]);
    expect(seen.size).toBe(36);
  });
});

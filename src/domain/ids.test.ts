import { describe, expect, it } from 'vitest';
import { newCompanyId, newHexId, newNumericKey, newOpaqueId } from './ids.js';

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

  it('hand out each pooled byte once: ids drawn across many pool refills never repeat', () => {
    // 4,000 ids of ~42 bytes and 4,000 hex ids of 8 bytes: about 80 refills of the 4 KiB pool.
    const ids = new Set(Array.from({ length: 4000 }, () => newOpaqueId()));
    const hex = new Set(Array.from({ length: 4000 }, () => newHexId(8)));
    expect(ids.size).toBe(4000);
    expect(hex.size).toBe(4000);
    for (const id of hex) expect(id).toMatch(/^[0-9a-f]{16}$/);
    // Every hex digit at every position: no byte pattern repeats between refills.
    for (let position = 0; position < 16; position++) expect(new Set([...hex].map((h) => h[position])).size).toBe(16);
  });
});

import { describe, expect, it } from 'vitest';
import { constantEquals } from './constant-equals.js';

describe('constantEquals', () => {
  it('is true only for identical strings', () => {
    expect(constantEquals('2UpRxw1FcHlhxee6YDwadz9tjeAsPAxwZq7PWf/KSQ4=', '2UpRxw1FcHlhxee6YDwadz9tjeAsPAxwZq7PWf/KSQ4=')).toBe(true);
    expect(constantEquals('', '')).toBe(true);
    expect(constantEquals('张三', '张三')).toBe(true);
    expect(constantEquals('abc', 'abd')).toBe(false);
    expect(constantEquals('abc', 'ABC')).toBe(false);
  });

  it('does not throw on different lengths', () => {
    expect(constantEquals('abc', 'abcd')).toBe(false);
    expect(constantEquals('', 'x')).toBe(false);
    expect(constantEquals('a'.repeat(10_000), 'a')).toBe(false);
  });
});

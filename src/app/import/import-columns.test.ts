import { describe, expect, it } from 'vitest';
import { DomainError } from '#src/domain/errors.js';
import { headerOf, mapHeader, rowParams } from './import-columns.js';

const refusal = (header: string[]) => {
  try {
    mapHeader(header);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).details;
  }
  throw new Error('expected a refusal');
};

describe('import header', () => {
  it('reads either language, mixed, in any order, without case, blanks or a BOM', () => {
    const map = mapHeader(['\uFEFF 手机号', 'NAME', '用户ID', 'Remark ', 'something else']);
    expect(map.params).toEqual(['mobile', 'name', 'userid', 'remark', null]);
    expect(mapHeader(headerOf('zh')).lang).toBe('zh');
    expect(mapHeader(headerOf('en')).lang).toBe('en');
  });

  it('refuses a header naming no userid, mobile or email, or one parameter twice', () => {
    expect(refusal(['姓名', '工号'])).toMatchObject({ param: 'file' });
    expect(refusal(['userid', '用户ID'])).toMatchObject({ param: 'file', rule: 'names the column userid twice' });
  });

  it('reads an empty cell as not sent, so a stored value is left alone', () => {
    const map = mapHeader(['userid', 'name', 'level', 'x']);
    expect([...rowParams(map, ['u1', '', '#default#', 'ignored'])]).toEqual([['userid', 'u1'], ['level', '#default#']]);
    expect([...rowParams(map, ['u2'])]).toEqual([['userid', 'u2']]);
  });
});

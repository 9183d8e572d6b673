import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '#src/domain/errors.js';
import { BENEFITS_ERRORS, benefitsErrorOf } from './error-map.js';

describe('benefits error map', () => {
  it('maps every catalogue code to a platform code', () => {
    for (const code of ERROR_CODES) expect(BENEFITS_ERRORS[code].code).toBeGreaterThanOrEqual(1_000_000_000);
  });

  it("uses seed 003's codes and messages", () => {
    expect(benefitsErrorOf('employee.code_taken', {})).toEqual({ code: 1002219003, msg: '员工工号已存在' });
    expect(benefitsErrorOf('employee.email_taken', {})).toEqual({ code: 1002218004, msg: '会员:邮箱已存在' });
    expect(benefitsErrorOf('employee.phone_taken', {})).toEqual({ code: 1002218007, msg: '会员:手机已存在' });
    expect(benefitsErrorOf('department.unknown', { param: 'dept_code' })).toEqual({ code: 1000220010, msg: 'dept_code not exists !' });
    expect(benefitsErrorOf('level.unknown', {})).toEqual({ code: 1000220030, msg: '该员工分级未设置' });
    expect(benefitsErrorOf('category.unknown', { rule: 'X' })).toEqual({ code: 1000210028, msg: '该员工分类未设置' });
    expect(benefitsErrorOf('company.enterprise_code_invalid', {})).toEqual({ code: 1000240002, msg: 'enterprise_code校验失败' });
    expect(benefitsErrorOf('employee.mobile_area_unknown', {})).toEqual({ code: 1002219069, msg: '员工国际区号不存在' });
    expect(benefitsErrorOf('attribute.not_enabled', { rule: 'politicalVisage1' })).toEqual({
      code: 1000220072,
      msg: 'politicalVisage1未启用,扩展信息字段attributeCode错误或未启用',
    });
  });

  it('names the parameter and the rule of a validation failure', () => {
    expect(benefitsErrorOf('request.invalid_params', { param: 'entry_day', rule: 'must be a real date yyyy-MM-dd' })).toEqual({
      code: 1000220002,
      msg: '参数验证不通过: entry_day must be a real date yyyy-MM-dd',
    });
    expect(benefitsErrorOf('request.invalid_params', {}).msg).toBe('参数验证不通过');
  });

  it('never shows a string-to-sign (it would hold the app secret)', () => {
    const { msg } = benefitsErrorOf('auth.invalid_signature', { stringToSign: 'appsecret=s3cr3t' });
    expect(msg).toBe('sign check failed!');
  });
});

import { describe, expect, it } from 'vitest';
import { looksPersonal } from './looksPersonal.js';

describe('looksPersonal', () => {
  it('flags personal names, titles and formats', () => {
    for (const name of [
      'phone',
      'mobilePhone',
      'contact_email',
      'homeAddress',
      'idCardNo',
      'customerName',
      'name',
      'passportNumber',
      'bankCardNo',
      'dateOfBirth',
      'wechat',
    ]) {
      expect(looksPersonal(name), name).toBe(true);
    }
    expect(looksPersonal('x', '手机号')).toBe(true);
    expect(looksPersonal('x', '身份证号码')).toBe(true);
    expect(looksPersonal('x', '联系地址')).toBe(true);
    expect(looksPersonal('x', undefined, 'cn-mobile')).toBe(true);
    expect(looksPersonal('x', undefined, 'email')).toBe(true);
  });

  it('leaves things that are not about a person alone', () => {
    for (const name of [
      'companyName',
      'productName',
      'stage',
      'dealSize',
      'id',
      'nextContactAt',
      'telemetry',
      'idea',
    ]) {
      expect(looksPersonal(name), name).toBe(false);
    }
    expect(looksPersonal('x', '公司名称')).toBe(false);
    expect(looksPersonal('x', undefined, 'cn-uscc')).toBe(false);
    expect(looksPersonal('x', undefined, 'date')).toBe(false);
  });
});

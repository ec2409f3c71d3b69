import { CATALOGUE_RULES } from '@app/catalogue';
import { RULES } from '@app/procedure';
import { CODE_MESSAGES_EN } from './code-messages.en';
import { HTTP_MESSAGES, render } from './http-messages';

const CHINESE = /[\u4e00-\u9fff]/;
const paramsOf = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('HTTP_MESSAGES', () => {
  it.each(Object.entries(HTTP_MESSAGES))('%s reads in Chinese and in English with the same parameters', (_key, texts) => {
    expect(texts['zh-CN']).toMatch(CHINESE);
    expect(texts.en).not.toMatch(CHINESE);
    expect(paramsOf(texts['zh-CN'])).toEqual(paramsOf(texts.en));
  });
});

describe(render.name, () => {
  it('fills the parameters in the language asked', () => {
    expect(render('zh-CN', { key: 'FIELD_MAX_LENGTH', params: { field: 'title', max: 200 } })).toBe('title 不能超过 200 个字符');
    expect(render('en', { key: 'FIELD_MAX_LENGTH', params: { field: 'title', max: 200 } })).toBe('title must be at most 200 characters long');
  });

  it('speaks of each item of a list when the rule applies to each', () => {
    expect(render('zh-CN', { key: 'FIELD_NOT_EMPTY', params: { field: 'channels' }, each: true })).toBe('channels 的每一项 不能为空');
    expect(render('en', { key: 'FIELD_NOT_EMPTY', params: { field: 'channels' }, each: true })).toBe('each item of channels must not be empty');
  });
});

describe('CODE_MESSAGES_EN', () => {
  it('has an English text for every rule code of the procedure and of the catalogue', () => {
    const codes = [...Object.keys(RULES), ...Object.keys(CATALOGUE_RULES)];
    expect(codes.filter((code) => !CODE_MESSAGES_EN[code])).toEqual([]);
  });

  it('is English', () => {
    for (const text of Object.values(CODE_MESSAGES_EN)) expect(text).not.toMatch(CHINESE);
  });
});

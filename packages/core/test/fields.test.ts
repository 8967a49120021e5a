import { describe, expect, it } from 'vitest';
import { FORBIDDEN_CHARACTER_ERROR, hasForbiddenCharacter, Name, Phone, Tag, Text } from '../src/index.js';

const LONE_HIGH = '\uD83D'; // the first half of 😀 without its second
const LONE_LOW = '\uDE00'; // the second half without its first

describe('forbidden characters', () => {
  it.each([
    ['U+0000', 'a\u0000b'],
    ['a lone high surrogate', `a${LONE_HIGH}b`],
    ['a lone low surrogate', `a${LONE_LOW}b`],
    ['halves in the wrong order', `${LONE_LOW}${LONE_HIGH}`],
    ['a high surrogate at the very end', `ok${LONE_HIGH}`],
  ])('refuses %s', (_, text) => {
    expect(hasForbiddenCharacter(text)).toBe(true);
    const result = Text.safeParse(text);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        code: 'custom',
        message: FORBIDDEN_CHARACTER_ERROR.message,
        params: { code: 'forbidden_character' },
      }),
    ]);
  });

  it.each([
    ['plain text', 'Acme Ltd.'],
    ['a paired surrogate (emoji)', `smile ${LONE_HIGH}${LONE_LOW}`],
    ['CJK', '客戶關係管理'],
    ['other control characters', 'tab\there\nnew line\u0001'],
    ['the replacement character itself', '\uFFFD'],
    ['an empty string', ''],
  ])('keeps %s', (_, text) => {
    expect(hasForbiddenCharacter(text)).toBe(false);
    expect(Text.parse(text)).toBe(text);
  });

  it('holds in every field built on Text, after trimming', () => {
    expect(Name.safeParse(' \u0000 ').success).toBe(false);
    expect(Tag.safeParse(`vip${LONE_HIGH}`).success).toBe(false);
    expect(Name.parse('  Acme  ')).toBe('Acme');
  });
});

describe('field rules', () => {
  it('requires a name and caps it at 200 characters', () => {
    expect(Name.safeParse('   ').error?.issues[0]?.message).toBe('Required');
    expect(Name.safeParse('x'.repeat(200)).success).toBe(true);
    expect(Name.safeParse('x'.repeat(201)).success).toBe(false);
  });

  it('takes phone numbers with the usual punctuation only', () => {
    expect(Phone.parse(' +1 (555) 010-0000 ')).toBe('+1 (555) 010-0000');
    expect(Phone.safeParse('call me').success).toBe(false);
    expect(Phone.safeParse('12').success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { occupationWords } from '../src/facts/occupation-words.js';

describe('occupationWords (customer.occupationWords)', () => {
  it('splits Latin words in lower case and takes every 2 to 4 characters of a Chinese run', () => {
    expect(occupationWords('Senior Accountant')).toEqual(['accountant', 'senior']);
    expect(occupationWords('注册会计师')).toEqual(
      ['会计', '会计师', '册会', '册会计', '册会计师', '注册', '注册会', '注册会计', '计师'].sort(),
    );
    expect(occupationWords('财务 manager（CFO）')).toEqual(['cfo', 'manager', '财务']);
    expect(occupationWords('兵')).toEqual(['兵']);
    expect(occupationWords(' ,.;')).toEqual([]);
  });

  it('stays within a few hundred words for the longest occupation the input takes (200 characters)', () => {
    expect(occupationWords('会'.repeat(200))).toEqual(['会会', '会会会', '会会会会']);
    const words = occupationWords(Array.from({ length: 200 }, (_, i) => String.fromCodePoint(0x4e00 + i)).join(''));
    expect(words).toHaveLength(199 + 198 + 197);
  });
});

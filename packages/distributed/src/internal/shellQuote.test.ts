import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellQuote } from './shellQuote';

describe('shellQuote', () => {
  it('gives /bin/sh back every word unchanged', () => {
    const words = [
      'plain',
      '/path/to/file.ts',
      '--lr=3e-4',
      'two words',
      "it's",
      "'''",
      '$HOME and `date` and $(id)',
      'back\\slash',
      'tab\tand\nnewline',
      '*.nii.gz',
      '',
      'ünïcode ✓',
      '; rm -rf /',
    ];
    const out = execFileSync('/bin/sh', ['-c', `printf '%s\\0' ${words.map(shellQuote).join(' ')}`], {
      encoding: 'utf8',
    });
    expect(out.split('\0').slice(0, -1)).toEqual(words);
  });

  it('leaves safe words bare', () => {
    expect(shellQuote('NNUNET_RANK=3')).toBe('NNUNET_RANK=3');
    expect(shellQuote('a b')).toBe("'a b'");
  });
});

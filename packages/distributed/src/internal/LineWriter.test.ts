import { describe, expect, it } from 'vitest';
import { LineWriter } from './LineWriter';

describe('LineWriter', () => {
  it('prefixes whole lines, whatever the chunks, including multibyte characters split across chunks', () => {
    const text = 'epoch 1 | loss 0.5\nünïcode ✓\n\nlast line without newline';
    const bytes = Buffer.from(text, 'utf8');
    for (let cut = 0; cut <= bytes.length; cut++) {
      const writes: string[] = [];
      const p = new LineWriter(
        (line) => `[3] ${line}`,
        (t) => writes.push(t),
      );
      p.push(bytes.subarray(0, cut));
      p.push(bytes.subarray(cut));
      p.end();
      expect(writes.join('')).toBe(
        '[3] epoch 1 | loss 0.5\n[3] ünïcode ✓\n[3] \n[3] last line without newline\n',
      );
      expect(writes.every((w) => w.endsWith('\n'))).toBe(true);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { AccessToken } from './AccessToken';

describe('AccessToken', () => {
  it('is 256 random bits in base64url, new for every server', () => {
    const tokens = Array.from({ length: 20 }, () => new AccessToken().value);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('matches itself only: not a prefix, a longer text, one changed character or nothing', () => {
    const token = new AccessToken();
    const changed = `${token.value.slice(0, -1)}${token.value.endsWith('A') ? 'B' : 'A'}`;
    expect(token.matches(token.value)).toBe(true);
    for (const candidate of [token.value.slice(0, -1), `${token.value}x`, changed, '', null, undefined]) {
      expect(token.matches(candidate), String(candidate)).toBe(false);
    }
  });
});

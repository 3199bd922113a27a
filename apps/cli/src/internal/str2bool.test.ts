import { describe, expect, it } from 'vitest';
import { str2bool } from './str2bool';

describe('str2bool', () => {
  it.each(['yes', 'true', 't', 'y', '1', 'TRUE', 'Yes', ' y '])('reads %j as true', (text) => {
    expect(str2bool(text)).toBe(true);
  });
  it.each(['no', 'false', 'f', 'n', '0', 'FALSE', 'No'])('reads %j as false', (text) => {
    expect(str2bool(text)).toBe(false);
  });
  it.each(['', 'maybe', '2', 'on', 'off', 'truth'])('rejects %j as the seed does', (text) => {
    expect(str2bool(text)).toBeUndefined();
  });
});

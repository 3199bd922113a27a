import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatDllLine } from './formatDllLine';
import { pythonDatetimeStr } from './pythonDatetimeStr';

// Reference lines: NVIDIA dllogger's JSONStreamBackend code (json.dumps of the same dicts) run by
// CPython 3 with TZ=UTC, datetime.fromtimestamp(1700000000.123456), start 1699999990.0.
const LOG_LINE =
  'DLLL {"timestamp": "1700000000.123456", "datetime": "2023-11-14 22:13:20.123456", "elapsedtime": "10.123456", ' +
  '"type": "LOG", "step": [3, 10], "data": {"loss": 0.41234567, "dice": [0.87, 1e-05, NaN, Infinity, -Infinity], ' +
  '"n": 3, "lr": 0.0003}}';
const METADATA_LINE =
  'DLLL {"timestamp": "1700000000.123456", "elapsedtime": "10.123456", "datetime": "2023-11-14 22:13:20.123456", ' +
  '"type": "METADATA", "metric": "loss", "metadata": {"unit": "images/s", "format": ":.4f"}}';

const time = { epochMicros: 1_700_000_000_123_456, elapsedMicros: 10_123_456 };

describe('formatDllLine', () => {
  let savedTz: string | undefined;
  beforeEach(() => {
    savedTz = process.env.TZ;
    process.env.TZ = 'UTC';
  });
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it('writes a LOG record byte for byte as dllogger does', () => {
    const data = { loss: 0.41234567, dice: [0.87, 1e-5, NaN, Infinity, -Infinity], n: 3, lr: 3e-4 };
    expect(formatDllLine({ type: 'LOG', time, step: [3, 10], data })).toBe(LOG_LINE);
  });

  it('writes a METADATA record byte for byte as dllogger does', () => {
    const metadata = { unit: 'images/s', format: ':.4f' };
    expect(formatDllLine({ type: 'METADATA', time, metric: 'loss', metadata })).toBe(METADATA_LINE);
  });

  it('writes PARAMETER and summary steps and whole-second times as Python does', () => {
    const whole = { epochMicros: 1_700_000_000_000_000, elapsedMicros: 0 };
    expect(formatDllLine({ type: 'LOG', time: whole, step: 'PARAMETER', data: { fold: 0 } })).toBe(
      'DLLL {"timestamp": "1700000000.0", "datetime": "2023-11-14 22:13:20", "elapsedtime": "0.0", ' +
        '"type": "LOG", "step": "PARAMETER", "data": {"fold": 0}}',
    );
    expect(formatDllLine({ type: 'LOG', time: whole, step: [], data: {} })).toContain(
      '"step": [], "data": {}}',
    );
  });

  it('names the offending value when data cannot be written', () => {
    const data = { bad: new Date(0) } as never;
    expect(() => formatDllLine({ type: 'LOG', time, step: 1, data })).toThrow(
      'log.data.bad: cannot write a Date',
    );
  });
});

describe('pythonDatetimeStr', () => {
  it('follows the local time zone and pads every field', () => {
    const savedTz = process.env.TZ;
    try {
      process.env.TZ = 'UTC';
      expect(pythonDatetimeStr(Date.UTC(2024, 0, 2, 3, 4, 5) * 1000 + 7)).toBe('2024-01-02 03:04:05.000007');
      // Asia/Kolkata is UTC+05:30 all year (no daylight saving to make the test date-dependent)
      process.env.TZ = 'Asia/Kolkata';
      expect(pythonDatetimeStr(Date.UTC(2024, 0, 2, 3, 4, 5) * 1000)).toBe('2024-01-02 08:34:05');
    } finally {
      if (savedTz === undefined) delete process.env.TZ;
      else process.env.TZ = savedTz;
    }
  });
});

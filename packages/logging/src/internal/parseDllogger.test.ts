import { describe, expect, it } from 'vitest';
import { parseDllogger } from './parseDllogger';
import { readDllogger } from './readDllogger';

// Lines as NVIDIA's dllogger (Python) writes them for the nnU-Net TF2 seed.
const PYTHON_FILE = [
  'DLLL {"timestamp": "1700000000.123456", "datetime": "2023-11-14 22:13:20.123456", "elapsedtime": "0.5", "type": "LOG", "step": "PARAMETER", "data": {"exec_mode": "train", "learning_rate": 0.0003}}',
  'DLLL {"timestamp": "1700000001.0", "elapsedtime": "1.0", "datetime": "2023-11-14 22:13:21", "type": "METADATA", "metric": "dice", "metadata": {"unit": "%"}}',
  'DLLL {"timestamp": "1700000002.25", "datetime": "2023-11-14 22:13:22.250000", "elapsedtime": "2.25", "type": "LOG", "step": 120, "data": {"dice": 0.87, "loss": NaN}}',
  '',
].join('\n');

describe('parseDllogger', () => {
  it('reads the records Python dllogger writes', () => {
    const { records, malformed } = parseDllogger(PYTHON_FILE);
    expect(malformed).toEqual([]);
    expect(records).toEqual([
      {
        line: 1,
        type: 'LOG',
        timestamp: 1700000000.123456,
        datetime: '2023-11-14 22:13:20.123456',
        elapsedtime: 0.5,
        step: 'PARAMETER',
        data: { exec_mode: 'train', learning_rate: 0.0003 },
      },
      {
        line: 2,
        type: 'METADATA',
        timestamp: 1700000001,
        datetime: '2023-11-14 22:13:21',
        elapsedtime: 1,
        metric: 'dice',
        metadata: { unit: '%' },
      },
      {
        line: 3,
        type: 'LOG',
        timestamp: 1700000002.25,
        datetime: '2023-11-14 22:13:22.250000',
        elapsedtime: 2.25,
        step: 120,
        data: { dice: 0.87, loss: NaN },
      },
    ]);
  });

  it('reports malformed lines with their line numbers and keeps the good ones', () => {
    const good = PYTHON_FILE.split('\n')[2];
    const text = [
      good,
      'hello',
      '',
      'DLLL {"timestamp": "1", "datetime": "x", "elapsedtime": "0", "type": "LOG", "step": 1, "data": {"a": 1',
      'DLLL {"timestamp": "1", "datetime": "x", "elapsedtime": "0", "type": "EVENT", "step": 1, "data": {}}',
      'DLLL {"timestamp": "soon", "datetime": "x", "elapsedtime": "0", "type": "LOG", "step": 1, "data": {}}',
      'DLLL {"timestamp": "1", "datetime": "x", "elapsedtime": "0", "type": "LOG", "data": {}}',
      'DLLL {"timestamp": "1", "datetime": "x", "elapsedtime": "0", "type": "LOG", "step": 1, "data": [1]}',
      'DLLL {"timestamp": "1", "datetime": "x", "elapsedtime": "0", "type": "METADATA", "metadata": {}}',
      'DLLL [1]',
      good + '\r',
    ].join('\n');
    const { records, malformed } = parseDllogger(text);
    expect(records.map((r) => r.line)).toEqual([1, 11]);
    expect(malformed.map(({ line, reason }) => [line, reason])).toEqual([
      [2, "does not start with 'DLLL '"],
      [4, "invalid JSON at column 103: expected ',' or '}' in object"],
      [5, "'type' must be 'LOG' or 'METADATA', got \"EVENT\""],
      [6, "'timestamp' must be a number of seconds"],
      [7, "'step' must be present"],
      [8, "'data' must be a JSON object"],
      [9, "'metric' must be a string"],
      [10, 'the record must be a JSON object'],
    ]);
    expect(malformed[0].text).toBe('hello');
  });
});

describe('readDllogger', () => {
  it('names the file it cannot read', async () => {
    await expect(readDllogger('/nonexistent/dllogger.json')).rejects.toThrow(
      'readDllogger: cannot read /nonexistent/dllogger.json: ENOENT',
    );
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { captureIo } from './captureIo.fixture';
import { defineCommand } from './defineCommand';
import { run } from './run';

const packageVersion = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

const received: unknown[] = [];
const echo = defineCommand({
  name: 'echo',
  summary: 'write the parsed options',
  options: z.object({ deepSupervision: z.boolean().default(false), fold: z.int().min(0).default(0) }),
  async run(options, io) {
    received.push(options);
    io.stdout.write(`fold ${options.fold}\n`);
    return options.fold === 3 ? 3 : undefined;
  },
});
const fail = defineCommand({
  name: 'fail',
  summary: 'throw',
  options: z.object({}),
  async run() {
    throw new Error('no dataset.json in /data/Task01');
  },
});
const commands = [echo, fail];

describe('run', () => {
  it('prints the package version for --version and -V', async () => {
    for (const flag of ['--version', '-V']) {
      const { io, out } = captureIo();
      expect(await run([flag], io, commands)).toBe(0);
      expect(out.stdout).toBe(`${packageVersion}\n`);
    }
  });

  it('lists the commands in --help', async () => {
    const { io, out } = captureIo();
    expect(await run(['--help'], io, commands)).toBe(0);
    expect(out.stdout).toContain('Usage: nnunet [options] [command]');
    expect(out.stdout).toMatch(/echo \[options\]\s+write the parsed options/);
    expect(out.stdout).toMatch(/fail\s+throw/);
  });

  it('lists the real commands by default', async () => {
    const { io, out } = captureIo();
    expect(await run(['--help'], io)).toBe(0);
    expect(out.stdout).toMatch(/info \[options\]\s+print versions, CPUs and the tfjs backend/);
  });

  it("passes validated options to the command and returns the command's exit status", async () => {
    received.length = 0;
    const { io, out } = captureIo();
    expect(await run(['echo', '--deep_supervision', 'true', '--fold', '2'], io, commands)).toBe(0);
    expect(received).toEqual([{ deepSupervision: true, fold: 2 }]);
    expect(out.stdout).toBe('fold 2\n');
    expect(await run(['echo', '--fold', '3'], captureIo().io, commands)).toBe(3);
  });

  it('exits 2 on unknown commands, unknown flags, invalid values and no command', async () => {
    const cases: [string[], string][] = [
      [['ech'], "error: unknown command 'ech'\n(Did you mean echo?)"],
      [['echo', '--fodl', '1'], "error: unknown option '--fodl'\n(Did you mean --fold?)"],
      [
        ['echo', '--fold', '-1'],
        "error: invalid options for 'nnunet echo':\n  --fold: must be >= 0 (got '-1')",
      ],
      [['--verbose'], "error: unknown option '--verbose'"],
      [[], 'Usage: nnunet [options] [command]'],
    ];
    for (const [argv, message] of cases) {
      const { io, out } = captureIo();
      expect(await run(argv, io, commands)).toBe(2);
      expect(out.stderr).toContain(message);
      expect(out.stdout).toBe('');
    }
  });

  it('reports a failing command in one line without a stack trace, exit 1', async () => {
    const { io, out } = captureIo();
    expect(await run(['fail'], io, commands)).toBe(1);
    expect(out.stderr).toBe('nnunet fail: no dataset.json in /data/Task01\n');
  });

  it('adds the stack trace when NNUNET_DEBUG is set', async () => {
    const { io, out } = captureIo({ NNUNET_DEBUG: '1' });
    expect(await run(['fail'], io, commands)).toBe(1);
    expect(out.stderr).toMatch(/^nnunet fail: Error: no dataset.json in \/data\/Task01\n\s+at /);
  });
});

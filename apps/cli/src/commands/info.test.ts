import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { captureIo } from '../internal/captureIo.fixture';
import { run } from '../internal/run';
import type { InfoReport } from './info';

const require = createRequire(import.meta.url);
const tfjsVersion = (require('@tensorflow/tfjs/package.json') as { version: string }).version;
const cliVersion = (require('../../package.json') as { version: string }).version;

describe('nnunet info', () => {
  it('reports versions, CPUs and the backend initBackend picked, as JSON', async () => {
    const { io, out } = captureIo();
    expect(await run(['info', '--backend', 'cpu', '--json'], io)).toBe(0);
    const report = JSON.parse(out.stdout) as InfoReport;
    expect(report).toMatchObject({
      nnunetTs: cliVersion,
      node: process.version,
      platform: process.platform,
      arch: process.arch,
      cpus: availableParallelism(),
      tfjs: tfjsVersion,
      backend: { requested: 'cpu', ok: true, report: { backend: 'cpu', tfjsBackend: 'cpu' } },
    });
    if (!report.backend.ok) throw new Error('unreachable');
    expect(report.backend.report.attempts.at(-1)).toMatchObject({ backend: 'cpu', ok: true });
    expect(report.backend.report.reason).not.toBe('');
  });

  it('prints a readable report', async () => {
    const { io, out } = captureIo();
    expect(await run(['info', '--backend=cpu'], io)).toBe(0);
    const lines = out.stdout.split('\n');
    expect(lines[0]).toBe(`nnunet-ts  ${cliVersion}`);
    expect(lines[1]).toBe(`node       ${process.version} (${process.platform}-${process.arch})`);
    expect(lines[2]).toBe(`tfjs       ${tfjsVersion}`);
    expect(lines[3]).toMatch(new RegExp(`^cpus       ${availableParallelism()} \\(`));
    expect(lines[4]).toBe("backend    cpu (tfjs backend 'cpu', requested cpu)");
    expect(lines[5]).toMatch(/^why {8}requested: /);
    expect(lines[6]).toMatch(/^ {2}ok {3}cpu: /);
  });

  it('rejects a backend name that does not exist, exit 2', async () => {
    const { io, out } = captureIo();
    expect(await run(['info', '--backend', 'gpu'], io)).toBe(2);
    expect(out.stderr).toContain(
      "--backend: expected one of auto, tensorflow, native, wasm, cpu (got 'gpu')",
    );
  });
});

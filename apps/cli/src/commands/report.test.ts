import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { captureIo } from '../internal/captureIo.fixture';
import { run } from '../internal/run';

const sharedCt = path.resolve(
  fileURLToPath(import.meta.url),
  '../../../../../../shared/data/msd_totalseg_ct',
);
const haveCt = existsSync(sharedCt);
if (!haveCt) console.warn(`[cli] skipping nnunet report tests on ${sharedCt}: folder not found`);

const temp = await mkdtemp(path.join(tmpdir(), 'nnunet-cli-report-'));
afterAll(() => rm(temp, { recursive: true, force: true }));

/** PNG width and height from the IHDR chunk, after checking the signature. */
function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe.runIf(haveCt)('nnunet report', () => {
  it('writes curves.png, a PNG per case and index.html', async () => {
    const results = path.join(temp, 'results');
    await mkdir(path.join(results, 'fold_0'), { recursive: true });
    // a prediction (the reference label, copied) and a DLLogger log of two epochs
    await copyFile(path.join(sharedCt, 'labelsTr/ct_002.nii.gz'), path.join(results, 'fold_0/ct_002.nii.gz'));
    const record = (step: unknown, data: object) =>
      `DLLL ${JSON.stringify({ timestamp: '1', datetime: 'd', elapsedtime: '1', type: 'LOG', step, data })}\n`;
    await writeFile(
      path.join(results, 'dllogger.json'),
      record([0], { train_loss: 0.9, dice: 0.2, lr: 0.01 }) +
        record([1], { train_loss: 0.5, dice: 0.6, lr: 0.005 }),
    );
    const out = path.join(temp, 'report');
    const { io, out: output } = captureIo();
    expect(await run(['report', '--results', results, '--out', out], io)).toBe(0);
    expect(output.stderr).toBe('');
    expect(output.stdout).toContain(`cases: 1 of 1 drawn into ${out}/cases`);
    expect(output.stdout).toContain(`report: ${path.join(out, 'index.html')}`);
    const curves = pngSize(await readFile(path.join(out, 'curves.png')));
    const svg = await readFile(path.join(out, 'curves.svg'), 'utf8');
    const [, w, h] = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg)!.map(Number);
    expect(curves).toEqual([2 * w!, 2 * h!]);
    // ct_002: 122 × 101 voxels of 3 mm, the longer side 384 px; one panel: the results name no dataset,
    // so the case is its prediction alone
    expect(pngSize(await readFile(path.join(out, 'cases/001-ct_002.png')))).toEqual([
      384,
      Math.round((101 / 122) * 384),
    ]);
    const html = await readFile(path.join(out, 'index.html'), 'utf8');
    expect(html).toContain('<img src="curves.png"');
    expect(html).toContain('<img src="cases/001-ct_002.png"');
  });

  it('fails with the folder named when it does not exist', async () => {
    const { io, out } = captureIo();
    expect(await run(['report', '--results', path.join(temp, 'nope')], io)).toBe(1);
    expect(out.stderr).toMatch(/nnunet report: results folder .*nope: does not exist/);
  });
});

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ALL_DTYPES, allocateData, createVolume, crop, type Mat4 } from '@nnunet-ts/volume';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeNifti } from './encodeNifti';
import { NiftiError } from './NiftiError';
import { readNifti, readNiftiHeader } from './readNifti';
import { writeNifti } from './writeNifti';
import { firstDifference } from './internal/testing';

const dir = mkdtempSync(path.join(tmpdir(), 'io-nifti-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const oblique: Mat4 = [
  [0, -0.8, 0, 12],
  [1.2, 0, 0, -30],
  [0, 0, -2.5, 40],
  [0, 0, 0, 1],
];
const volume = createVolume({
  data: new Int16Array(6 * 5 * 4 * 2).map((_, e) => e * 37 - 900),
  shape: [6, 5, 4],
  channels: 2,
  affine: oblique,
});

describe('writeNifti', () => {
  it('writes every container the name asks for and reads each back identically', async () => {
    for (const name of ['a.nii', 'b.nii.gz', 'c.hdr', 'd.img', 'e.hdr.gz', 'F.HDR']) {
      const file = path.join(dir, name);
      await writeNifti(file, volume);
      const img = await readNifti(file);
      expect(firstDifference(img.volume.data, volume.data), name).toBeNull();
      expect(img.dims).toEqual([6, 5, 4, 2]);
      expect(img.affine).toEqual(oblique.map((r) => r.map(Math.fround)));
    }
    expect(readFileSync(path.join(dir, 'b.nii.gz'))[0]).toBe(0x1f);
    expect(gunzipSync(readFileSync(path.join(dir, 'b.nii.gz')))).toEqual(Buffer.from(encodeNifti(volume)));
    expect(readdirSync(dir).sort()).toEqual(
      [
        'F.HDR',
        'F.IMG',
        'a.nii',
        'b.nii.gz',
        'c.hdr',
        'c.img',
        'd.hdr',
        'd.img',
        'e.hdr.gz',
        'e.img.gz',
      ].sort(),
    );
  });

  it('round-trips random volumes of every dtype and byte order through .nii.gz files', async () => {
    let seed = 99;
    for (const dtype of ALL_DTYPES) {
      for (const littleEndian of [true, false]) {
        const data = allocateData(dtype, 4 * 3 * 2);
        const bytes = new Uint8Array(data.buffer);
        for (let i = 0; i < bytes.length; i++)
          bytes[i] = (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24;
        const v = createVolume({ data: data as never, dtype, shape: [4, 3, 2], spacing: [0.7, 0.9, 1.1] });
        const file = path.join(dir, `random-${dtype}-${littleEndian}.nii.gz`);
        await writeNifti(file, v, { littleEndian });
        const back = await readNifti(file);
        expect(back.volume.dtype).toBe(dtype);
        expect(back.header.littleEndian).toBe(littleEndian);
        expect(firstDifference(back.volume.data, v.data), `${dtype} ${littleEndian}`).toBeNull();
      }
    }
  });

  it('replaces an existing file atomically and leaves no temporary files', async () => {
    const file = path.join(dir, 'replace.nii');
    writeFileSync(file, 'old content');
    await writeNifti(file, volume);
    expect((await readNifti(file)).dims).toEqual([6, 5, 4, 2]);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('fails with NiftiError naming the file when the folder does not exist or the name has no NIfTI suffix', async () => {
    const missing = path.join(dir, 'no-such-dir', 'x.nii');
    await expect(writeNifti(missing, volume)).rejects.toThrow(NiftiError);
    await expect(writeNifti(missing, volume)).rejects.toThrow(`${missing}: cannot write`);
    await expect(writeNifti(path.join(dir, 'x.png'), volume)).rejects.toThrow(/must end in \.nii/);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('writes a qform as well as the sform for a rigid affine, and an sform only for a sheared one', async () => {
    const rigid = path.join(dir, 'rigid.nii');
    await writeNifti(rigid, volume, { sformCode: 0, qformCode: 1 });
    const q = await readNiftiHeader(rigid);
    expect(q.affineSource).toBe('qform');
    q.affine.flat().forEach((v, e) => expect(v).toBeCloseTo(oblique.flat()[e], 5));
    expect(q.header.pixdim[0]).toBe(-1); // the oblique affine is left-handed

    const sheared = createVolume({
      data: new Uint8Array(8),
      shape: [2, 2, 2],
      affine: [
        [1, 0.5, 0, 0],
        [0, 1, 0, 0],
        [0, 0, 1, 0],
        [0, 0, 0, 1],
      ],
    });
    const file = path.join(dir, 'shear.nii');
    await writeNifti(file, sheared);
    const s = await readNiftiHeader(file);
    expect([s.header.qformCode, s.header.sformCode]).toEqual([0, 1]);
    expect(s.affine).toEqual(sheared.affine);
    await expect(writeNifti(file, sheared, { qformCode: 1 })).rejects.toThrow(/shear/);
  });

  it('rewrites the geometry of a cropped volume but keeps the template header otherwise', async () => {
    const source = path.join(dir, 'source.nii');
    await writeNifti(source, volume, {
      header: { descrip: 'kept', intentName: 'labels' },
      scaling: { slope: 2, inter: 1 },
    });
    const img = await readNifti(source);
    const cropped = crop(img.volume, [1, 1, 1], [4, 4, 3]);
    const out = path.join(dir, 'cropped.nii');
    await writeNifti(out, cropped, { header: img.header });
    const back = await readNifti(out);
    expect(back.header.descrip).toBe('kept');
    expect(back.header.intentName).toBe('labels');
    expect(back.scaling).toEqual({ slope: 2, inter: 1 });
    back.affine.flat().forEach((v, e) => expect(v).toBeCloseTo(cropped.affine.flat()[e], 5));
    expect(firstDifference(back.volume.data, cropped.data)).toBeNull();
  });

  it('never scales twice: a scaled read written with its header stores slope 1', async () => {
    const source = path.join(dir, 'scaled.nii.gz');
    await writeNifti(source, volume, { scaling: { slope: 0.5, inter: -3 } });
    const scaled = await readNifti(source, { as: 'float32' });
    const out = path.join(dir, 'scaled-back.nii.gz');
    await writeNifti(out, scaled.volume, { header: scaled.header });
    const again = await readNifti(out, { as: 'float32' });
    expect(again.header.datatype).toBe(16);
    expect(Array.from(again.volume.data as ArrayLike<number>)).toEqual(
      Array.from(scaled.volume.data as ArrayLike<number>),
    );
    expect(again.volume.data[1]).toBe(37 * 0.5 - 900 * 0.5 - 3);
  });

  it('refuses what NIfTI-1 cannot hold and inconsistent volumes', async () => {
    const wide = createVolume({ data: new Uint8Array(40000), shape: [40000, 1, 1] });
    await expect(writeNifti(path.join(dir, 'wide.nii'), wide, { version: 1 })).rejects.toThrow(
      /exceed NIfTI-1's 32767/,
    );
    await writeNifti(path.join(dir, 'wide2.nii'), wide);
    expect((await readNiftiHeader(path.join(dir, 'wide2.nii'))).header.version).toBe(2);
    const broken = { ...volume, shape: [7, 5, 4] as const };
    await expect(writeNifti(path.join(dir, 'broken.nii'), broken)).rejects.toThrow(/volume is inconsistent/);
    await expect(
      writeNifti(path.join(dir, 'long.nii'), volume, { header: { descrip: 'x'.repeat(81) } }),
    ).rejects.toThrow(/header.descrip .* at most 80/);
  });
});

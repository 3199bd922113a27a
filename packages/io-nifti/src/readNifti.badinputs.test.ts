// Every case of ../shared/data/badinputs/CASES.json gives its required outcome.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dtypeInfo } from '@nnunet-ts/volume';
import { describe, expect, it } from 'vitest';
import { NiftiError } from './NiftiError';
import { readNifti } from './readNifti';
import { haveSharedData, num, sha256, sharedData, statistics } from './internal/testing';

/* eslint-disable @typescript-eslint/no-explicit-any -- CASES.json entries are free-form JSON */
const present = haveSharedData('badinputs');
const dir = path.join(sharedData, 'badinputs');
const spec = present ? JSON.parse(readFileSync(path.join(dir, 'CASES.json'), 'utf8')) : { cases: [] };
const cases: any[] = spec.cases;

/** What the message must mention for each family of damage. */
const PROBLEM: Record<string, RegExp> = {
  gzip: /gzip/,
  container: /empty/,
  truncation: /declares .* bytes of voxel data|ends/,
  header: /magic|sizeof_hdr/,
  dims: /dim\[\d\]|voxels/,
  datatype: /datatype/,
  vox_offset: /vox_offset/,
  pixdim: /pixdim\[\d\]/,
  scl: /scl_inter/,
  xform: /sform|qform/,
};

describe.skipIf(!present)('bad inputs (CASES.json)', () => {
  it('covers all 34 cases', () => {
    expect(cases.length).toBe(34);
  });

  for (const c of cases) {
    const file = path.join(dir, c.file);
    if (c.expected === 'error') {
      it(`${c.file} (${c.category}) is refused naming the file and the problem`, async () => {
        const error = await readNifti(file).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(NiftiError);
        const message = (error as NiftiError).message;
        expect(message.startsWith(`${file}: `)).toBe(true);
        expect(message).toMatch(PROBLEM[c.category]);
      });
      continue;
    }
    it(`${c.file} (${c.category}) reads correctly`, async () => {
      const img = await readNifti(file);
      const expectShape = c.expect.shape_accept ?? [c.expect.shape];
      expect(expectShape).toContainEqual(img.dims);
      expect(img.volume.dtype).toBe(c.expect.dtype);
      expect(img.zooms).toEqual(c.expect.zooms);
      if (Array.isArray(c.expect.affine)) {
        expect(img.affine).toEqual(c.expect.affine);
      } else {
        // 'finite_nonsingular_documented': this reader documents nibabel's Analyze-style fallback
        expect(c.expect.affine).toBe('finite_nonsingular_documented');
        expect(img.affineSource).toBe('fallback');
        expect(img.affine).toEqual(c.expect.affine_candidates.nibabel_analyze_style);
      }
      if (c.expect.raw_sha256_le_f_order)
        expect(sha256(img.volume.data)).toBe(c.expect.raw_sha256_le_f_order);
      if (c.expect.extensions) {
        expect(img.extensions.map((e) => ({ esize: e.data.length + 8, ecode: e.code }))).toEqual(
          c.expect.extensions,
        );
      }
      if (c.values) {
        const { float } = dtypeInfo(img.volume.dtype);
        const raw = statistics(img.volume.data, !float);
        expect([raw.count, raw.nanCount, raw.infCount]).toEqual([
          c.values.raw.count,
          c.values.raw.nan_count,
          c.values.raw.inf_count,
        ]);
        expect([raw.min, raw.max]).toEqual([num(c.values.raw.min), num(c.values.raw.max)]);
        expect(sha256(img.volume.data)).toBe(c.values.raw.sha256_le_f_order);
        const scaled = await readNifti(file, { as: 'float64' });
        expect(sha256(scaled.volume.data)).toBe(c.values.scaled.sha256_le_f_order);
      }
    });
  }

  it('refuses the 35 TB header while parsing the header, before reading any voxel', async () => {
    const error = await readNifti(path.join(dir, 'dim_huge_int16.nii.gz')).catch((e: unknown) => e);
    expect((error as NiftiError).code).toBe('TOO_LARGE');
    expect((error as NiftiError).message).toMatch(/35181150961663 voxels/);
  });

  it('tells truncation and gzip damage apart by code', async () => {
    const code = async (name: string) =>
      ((await readNifti(path.join(dir, name)).catch((e: unknown) => e)) as NiftiError).code;
    expect(await code('corrupt_gzip_flipbyte.nii.gz')).toBe('CORRUPT_GZIP');
    expect(await code('trunc_gzip_no_trailer.nii.gz')).toBe('CORRUPT_GZIP');
    expect(await code('empty_file.nii.gz')).toBe('NOT_NIFTI');
    expect(await code('vox_offset_past_eof.nii.gz')).toBe('TRUNCATED');
  });
});

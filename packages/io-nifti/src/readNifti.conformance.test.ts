// Conformance against ../shared/data/nifti/manifest.json, whose values nibabel 5.0 computed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { asClosestCanonical, axisCodes, dtypeInfo, type Volume } from '@nnunet-ts/volume';
import { describe, expect, it } from 'vitest';
import { NiftiError } from './NiftiError';
import type { NiftiHeaderInfo } from './NiftiImage';
import { readNifti, readNiftiHeader } from './readNifti';
import { flatIndex, haveSharedData, num, sha256, sharedData, statistics, toCOrder } from './internal/testing';

/* eslint-disable @typescript-eslint/no-explicit-any -- manifest entries are free-form JSON */
const present = haveSharedData('nifti');
const dir = path.join(sharedData, 'nifti');
const manifest = present ? JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) : { files: [] };
const entries: any[] = manifest.files;

function expectSame(actual: number, expected: unknown, what: string): void {
  const e = num(expected);
  if (Number.isNaN(e)) expect(actual, what).toBeNaN();
  else expect(actual, what).toBe(e);
}

function expectHeaderFields(info: NiftiHeaderInfo, f: any): void {
  const h = info.header;
  expect(h.version).toBe(f.nifti_version);
  expect(h.sizeofHdr).toBe(f.sizeof_hdr);
  expect(h.littleEndian).toBe(f.byte_order === '<');
  expect(h.datatype).toBe(f.datatype);
  expect(h.bitpix).toBe(f.bitpix);
  expect(h.dim).toEqual(f.dim);
  f.pixdim.forEach((p: unknown, i: number) => expectSame(h.pixdim[i], p, `pixdim[${i}]`));
  expect(h.voxOffset).toBe(f.vox_offset);
  expectSame(h.sclSlope, f.scl_slope, 'scl_slope');
  expectSame(h.sclInter, f.scl_inter, 'scl_inter');
  if (f.nifti_version !== 'analyze') {
    expect(h.qformCode).toBe(f.qform_code);
    expect(h.sformCode).toBe(f.sform_code);
    expect([h.quaternB, h.quaternC, h.quaternD]).toEqual(f.quatern.map(num));
    expect([h.qoffsetX, h.qoffsetY, h.qoffsetZ]).toEqual(f.qoffset.map(num));
    expect([h.srowX, h.srowY, h.srowZ]).toEqual(f.srow.map((r: unknown[]) => r.map(num)));
    expect(h.xyztUnits).toBe(f.xyzt_units);
    expect(h.intentCode).toBe(f.intent_code);
    expect(info.extensions.map((e) => ({ esize: e.data.length + 8, ecode: e.code }))).toEqual(f.extensions);
  }
  expect(info.dims).toEqual(f.shape);
  expect(info.zooms).toEqual(f.zooms.map(num));
  const tolerance = info.affineSource === 'qform' ? 1e-6 : 0;
  expect(info.affineSource).toBe(f.affine_source.split(/[:]/)[0]);
  info.affine
    .flat()
    .forEach((v, e) =>
      expect(Math.abs(v - f.affine.flat()[e]), `affine[${e}]`).toBeLessThanOrEqual(tolerance),
    );
  expect(axisCodes(info.affine)).toEqual(f.orientation);
}

function expectStats(
  data: ArrayLike<number | bigint>,
  integer: boolean,
  s: any,
  stride = 1,
  offset = 0,
): void {
  const got = statistics(data, integer, stride, offset);
  expect(got.count).toBe(s.count);
  expect(got.nanCount).toBe(s.nan_count);
  expect(got.infCount).toBe(s.inf_count);
  expectSame(got.min, s.min, 'min');
  expectSame(got.max, s.max, 'max');
  if (integer) {
    expect(got.sum).toBe(BigInt(s.sum));
    expect(got.sumSq).toBe(BigInt(s.sum_sq));
  } else {
    for (const [g, e] of [
      [got.sum as number, num(s.sum)],
      [got.sumSq as number, num(s.sum_sq)],
    ]) {
      if (Number.isFinite(e)) expect(Math.abs(g - e)).toBeLessThanOrEqual(1e-9 * Math.abs(e));
      else expectSame(g, e, 'sum');
    }
  }
}

function valueAt(volume: Volume, dims: number[], index: number[]): number | number[] {
  const { components } = dtypeInfo(volume.dtype);
  const base = flatIndex(index, dims) * components;
  const values = Array.from({ length: components }, (_, c) =>
    Number((volume.data as ArrayLike<number | bigint>)[base + c]),
  );
  return components === 1 ? values[0] : values;
}

function valueCounts(data: ArrayLike<number | bigint>): [number, number][] {
  const counts = new Map<number, number>();
  for (let e = 0; e < data.length; e++) {
    const v = Number(data[e]);
    if (!Number.isNaN(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => a[0] - b[0]);
}

/** The canonical array as the manifest hashes it: get_fdata() reoriented, rounded to float32. */
function canonicalFloat32(
  scaled: Volume,
  dims: number[],
): { f: Float32Array; c: Float32Array; canon: Volume } {
  const canon = asClosestCanonical(scaled);
  const f = new Float32Array(canon.data as Float64Array);
  const canonDims = [...canon.shape, ...dims.slice(3)].slice(0, Math.max(dims.length, 3));
  return { f, c: toCOrder(f, canonDims.slice(0, dims.length), (n) => new Float32Array(n)), canon };
}

describe.skipIf(!present)('manifest conformance (nibabel 5.0 values)', () => {
  it('covers every manifest entry', () => {
    expect(entries.length).toBe(48);
  });

  for (const f of entries) {
    const file = path.join(dir, f.file);
    if (f.expected === 'error') {
      it(`${f.file}: header readable, voxels refused`, async () => {
        expect(f.error_stage).toBe('data');
        expectHeaderFields(await readNiftiHeader(file), f);
        const error = await readNifti(file).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(NiftiError);
        expect((error as NiftiError).message).toContain(f.file);
        expect((error as NiftiError).message).toMatch(/image file .*\.img does not exist/);
      });
      continue;
    }
    it(`${f.file}: header, geometry, data and canonical orientation`, async () => {
      const raw = await readNifti(file);
      expectHeaderFields(raw, f);
      const dtype = raw.volume.dtype;
      expect(dtype).toBe(f.dtype);
      const { float } = dtypeInfo(dtype);
      if (dtype === 'complex64') {
        expectStats(raw.volume.data, false, f.raw.real, 2, 0);
        expectStats(raw.volume.data, false, f.raw.imag, 2, 1);
      } else {
        expectStats(raw.volume.data, !float, f.raw);
      }
      expect(sha256(raw.volume.data)).toBe(f.raw.sha256_le_f_order);
      if (f.value_counts)
        expect(valueCounts(raw.volume.data)).toEqual(f.value_counts.map((p: unknown[]) => p.map(num)));

      const scaled = await readNifti(file, { as: 'float64' });
      expect(scaled.header.sclSlope).toBe(1);
      // nibabel's get_fdata keeps only the real part of complex data
      const real =
        dtype === 'complex64'
          ? (scaled.volume.data as Float64Array).filter((_, e) => e % 2 === 0)
          : (scaled.volume.data as Float64Array);
      expectStats(real, false, f.scaled);
      expect(sha256(real)).toBe(f.scaled.sha256_le_f_order);
      for (const s of f.samples) {
        expect(valueAt(raw.volume, f.shape, s.index), `raw at ${s.index}`).toEqual(
          Array.isArray(s.raw) ? s.raw.map(num) : num(s.raw),
        );
        const got = valueAt(scaled.volume, f.shape, s.index);
        expectSame(Array.isArray(got) ? got[0] : got, s.scaled, `scaled at ${s.index}`);
      }

      if (f.canonical) {
        const { f: fOrder, c: cOrder, canon } = canonicalFloat32(scaled.volume, f.shape);
        expect(axisCodes(canon.affine)).toEqual(f.canonical.axcodes);
        expect([...canon.shape, ...f.shape.slice(3)]).toEqual(f.canonical.shape);
        const tol = raw.affineSource === 'qform' ? 1e-6 : 1e-9;
        canon.affine
          .flat()
          .forEach((v, e) => expect(Math.abs(v - f.canonical.affine.flat()[e])).toBeLessThanOrEqual(tol));
        expect(sha256(fOrder)).toBe(f.canonical.float32_sha256_f_order);
        expect(sha256(cOrder)).toBe(f.canonical.float32_sha256_c_order);
      }
    });
  }

  it('reorients every nifti_space file to the same canonical array and affine', async () => {
    const space = manifest.nifti_space;
    expect(space.files.length).toBe(24);
    for (const name of space.files) {
      const img = await readNifti(path.join(dir, name), { as: 'float64' });
      const { c, canon } = canonicalFloat32(img.volume, img.dims);
      expect(sha256(c), name).toBe(space.canonical_float32_sha256_c_order);
      expect(canon.shape).toEqual(space.canonical_shape);
      expect(axisCodes(canon.affine)).toEqual(space.canonical_axcodes);
      canon.affine
        .flat()
        .forEach((v, e) => expect(Math.abs(v - space.canonical_affine.flat()[e])).toBeLessThanOrEqual(3e-6));
    }
  });
});

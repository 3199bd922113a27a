import assert from 'node:assert/strict';
import type { NiftiImage } from '../../../NiftiImage';
import type { NiftiCase } from './niftiArbitraries';

/** Asserts that a read image is the encoded case: dims, dtype, voxel bytes, geometry, scaling, extensions. */
export function assertSameImage(image: NiftiImage, { volume, options }: NiftiCase): void {
  const { shape, channels } = volume;
  assert.deepEqual(image.dims, channels > 1 ? [...shape, channels] : [...shape]);
  assert.equal(image.dtype, volume.dtype);
  assert.equal(image.header.version, options.version);
  assert.equal(image.header.littleEndian, options.littleEndian);
  assert.deepEqual(bytesOf(image.volume.data), bytesOf(volume.data));
  assert.deepEqual(image.affine, volume.affine);
  assert.deepEqual(image.volume.spacing, volume.spacing);
  const rgb = volume.dtype === 'rgb24' || volume.dtype === 'rgba32';
  assert.deepEqual(image.scaling, rgb ? null : (options.scaling ?? { slope: 1, inter: 0 }));
  // compared as plain byte arrays: a read from a gzip stream gives Buffers
  const extensions = (list: NiftiImage['extensions']) =>
    list.map((e) => ({ code: e.code, data: [...e.data] }));
  assert.deepEqual(extensions(image.extensions), extensions(options.extensions ?? []));
}

export function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

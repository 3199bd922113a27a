import { describe, expect, it } from 'vitest';
import { DatasetError } from './DatasetError';
import { LabelMap } from './LabelMap';

const names = (values: number[]) => new Map(values.map((v) => [v, `label ${v}`]));

describe('LabelMap', () => {
  it('maps label values to classes 0..C-1 in ascending order and back', () => {
    // a plans file's record, keys in any order, gives the same map as the dataset's Map
    const map = new LabelMap({ '1000': 'c', '0': 'background', '300': 'b', '1': 'a' });
    expect(map.values).toEqual([0, 1, 300, 1000]);
    expect(map.classes).toBe(4);
    expect([0, 1, 300, 1000, 2].map((v) => map.classOf(v))).toEqual([0, 1, 2, 3, undefined]);
    const values = Uint16Array.of(0, 1000, 300, 1, 0, 300);
    const classes = map.toClasses(values, 'a.nii.gz');
    expect(classes).toBeInstanceOf(Uint8Array);
    expect([...classes]).toEqual([0, 3, 2, 1, 0, 2]);
    const back = map.toValues(classes);
    expect(back).toBeInstanceOf(Uint16Array);
    expect(back).toEqual(values);
    // any integer typed data, 64-bit included
    expect([...map.toClasses(BigInt64Array.of(0n, 300n, 1000n), 'b.nii.gz')]).toEqual([0, 2, 3]);
    expect([...map.toClasses(Int32Array.of(1, 0), 'c.nii.gz')]).toEqual([1, 0]);
  });

  it('names the file, each undeclared value and its voxels', () => {
    const map = new LabelMap(names([0, 1, 300, 1000]));
    const error = (() => {
      try {
        map.toClasses(Int32Array.of(0, 7, 300, 7, -1, 65535), '/data/labelsTr/case_3.nii.gz');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).file).toBe('/data/labelsTr/case_3.nii.gz');
    expect((error as Error).message).toBe(
      '/data/labelsTr/case_3.nii.gz: has label values that dataset.json does not declare: ' +
        '-1 (1 voxels), 7 (2 voxels), 65535 (1 voxels); declared: 0, 1, 300, 1000',
    );
    expect(() => map.toClasses(Float32Array.of(0, 1.5), 'f.nii')).toThrow(
      /does not declare: 1\.5 \(1 voxels\)/,
    );
    expect(
      map.undeclared(
        new Map([
          [0, 5],
          [1000, 2],
        ]),
      ),
    ).toBeUndefined();
  });

  it('writes values as uint8 when every declared value fits, else uint16; classes likewise up to 256', () => {
    const upTo255 = new LabelMap(names([0, 3, 255]));
    expect([upTo255.valueDtype, upTo255.classDtype]).toEqual(['uint8', 'uint8']);
    expect(upTo255.toValues(Uint8Array.of(0, 1, 2))).toEqual(Uint8Array.of(0, 3, 255));
    const with256 = new LabelMap(names([0, 256]));
    expect(with256.valueDtype).toBe('uint16');
    expect(with256.toValues(Uint8Array.of(1, 0))).toEqual(Uint16Array.of(256, 0));

    const many = (n: number) => new LabelMap(names(Array.from({ length: n }, (_, c) => c * 2)));
    expect(many(256).classDtype).toBe('uint8');
    const wide = many(257);
    expect(wide.classDtype).toBe('uint16');
    const classes = wide.toClasses(Uint16Array.of(512, 0), 'w.nii');
    expect(classes).toBeInstanceOf(Uint16Array);
    expect([...classes]).toEqual([256, 0]);
  });

  it('refuses declarations it cannot write, and class ids it does not have', () => {
    expect(() => new LabelMap(names([0, 70000]))).toThrow('label value 70000 is not an integer in 0..65535');
    expect(() => new LabelMap({ '0': 'bg', '-1': 'x' })).toThrow('label value -1 is not an integer');
    expect(() => new LabelMap(names([1, 2]))).toThrow('the background label 0 is not declared');
    expect(() => new LabelMap(names([0, 1])).toValues(Uint8Array.of(0, 2))).toThrow(
      'class id 2 at voxel 1: the labels have 2 classes (0..1)',
    );
  });
});

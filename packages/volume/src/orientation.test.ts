import { describe, expect, it } from 'vitest';
import type { Mat4 } from './affine';
import { axisCodes, codesToOrientation, ioOrientation, orientationToCodes } from './orientation';

const aff = (m: number[][]): Mat4 => [...m.map((r) => [...r, 0]), [0, 0, 0, 1]] as unknown as Mat4;

describe('ioOrientation / axisCodes', () => {
  it('reads diagonal and permuted affines as nibabel does', () => {
    expect(
      axisCodes(
        aff([
          [1, 0, 0],
          [0, 1, 0],
          [0, 0, 1],
        ]),
      ),
    ).toEqual(['R', 'A', 'S']);
    expect(
      axisCodes(
        aff([
          [-2, 0, 0],
          [0, -2, 0],
          [0, 0, 3],
        ]),
      ),
    ).toEqual(['L', 'P', 'S']);
    // index axis 0 runs along world y, 1 along z, 2 along -x
    expect(
      ioOrientation(
        aff([
          [0, 0, -1],
          [1, 0, 0],
          [0, 1, 0],
        ]),
      ),
    ).toEqual([
      [1, 1],
      [2, 1],
      [0, -1],
    ]);
  });

  it('picks the closest axis of oblique and sheared affines', () => {
    // nibabel example4d.nii.gz: an oblique LAS affine
    const example4d: Mat4 = [
      [-2.0, 6.714715653593746e-19, 9.081024511081715e-18, 117.8551025390625],
      [-6.714715653593746e-19, 1.9737114906311035, -0.35552823543548584, -35.72294235229492],
      [8.25548088896093e-18, 0.3232076168060303, 2.171081781387329, -7.248798370361328],
      [0, 0, 0, 1],
    ];
    expect(axisCodes(example4d)).toEqual(['L', 'A', 'S']);
    const c = Math.cos(Math.PI / 6);
    const s = Math.sin(Math.PI / 6);
    expect(
      axisCodes(
        aff([
          [c, -s, 0],
          [s, c, 0],
          [0, 0, 1],
        ]),
      ),
    ).toEqual(['R', 'A', 'S']);
    // 60 degrees: axis 0 is now closer to y; axis 1 then takes x (its largest remaining component, negative)
    expect(
      axisCodes(
        aff([
          [s, -c, 0],
          [c, s, 0],
          [0, 0, 1],
        ]),
      ),
    ).toEqual(['A', 'L', 'S']);
    // shear: the polar factor of [[1, 0.9], [0, 1]] still keeps axis 1 along y
    expect(
      axisCodes(
        aff([
          [1, 0.9, 0],
          [0, 1, 0],
          [0, 0, 1],
        ]),
      ),
    ).toEqual(['R', 'A', 'S']);
  });

  it('refuses a singular affine', () => {
    expect(() =>
      ioOrientation(
        aff([
          [1, 0, 0],
          [0, 1, 0],
          [0, 0, 0],
        ]),
      ),
    ).toThrow(/singular/);
  });
});

describe('axis codes', () => {
  it('convert both ways', () => {
    expect(codesToOrientation('LPS')).toEqual([
      [0, -1],
      [1, -1],
      [2, 1],
    ]);
    expect(orientationToCodes(codesToOrientation(['a', 'i', 'r']))).toEqual(['A', 'I', 'R']);
  });

  it('refuses unknown letters and repeated axes', () => {
    expect(() => codesToOrientation('RAX')).toThrow(/'X' is not one of/);
    expect(() => codesToOrientation('RLS')).toThrow(/each of the three world axes once/);
  });
});

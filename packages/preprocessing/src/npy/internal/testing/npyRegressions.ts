// Inputs that broke the .npy reader, given to their property as examples by src/npy/npy.fuzz.test.ts.

export interface ExampleRegression {
  property: string;
  found: string;
  example: unknown[];
}

const HOSTILE = 'hostile .npy headers (sizes, lengths, versions) are refused before allocating';

/** [header dict, version, declared header length, padding, data bytes] as the property takes them. */
export const NPY_REGRESSIONS: readonly ExampleRegression[] = [
  {
    property: HOSTILE,
    found:
      'a 192-byte version-2 file declaring a 2 GiB header: readNpyHeader allocated it and Node aborted (fs.read length not an int32)',
    example: ["{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", 2, 2 ** 31, 120, []],
  },
  {
    property: HOSTILE,
    found:
      'shape (2147483648,) of uint8 without data: readNpy allocated 2 GiB and Node aborted reading into it',
    example: ["{'descr': '|u1', 'fortran_order': False, 'shape': (2147483648,), }", 1, 'honest', 0, []],
  },
  {
    property: HOSTILE,
    found: 'shape (4294967296,) of float64 without data: readNpy tried to allocate 32 GiB, a RangeError',
    example: ["{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296,), }", 1, 'honest', 0, []],
  },
  {
    property: HOSTILE,
    found: 'shape (2, 2147483648) of uint8: readNpyRegion read a 4 GiB span of rows for a 2 x 2 box',
    example: ["{'descr': '|u1', 'fortran_order': False, 'shape': (2, 2147483648), }", 1, 'honest', 0, []],
  },
];

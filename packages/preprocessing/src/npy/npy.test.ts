import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeNpyHeader, parseNpyHeader } from './npyHeader';
import { readNpy, readNpyHeader } from './readNpy';
import { readNpyRegion } from './readNpyRegion';
import { writeNpy } from './writeNpy';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'npy-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function hasNumpy(): boolean {
  try {
    execFileSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Element (i0, i1, ...) of a C-order array of `shape`. */
function at(data: ArrayLike<number>, shape: number[], idx: number[]): number {
  let flat = 0;
  for (let a = 0; a < shape.length; a++) flat = flat * shape[a] + idx[a];
  return data[flat];
}

describe('.npy header', () => {
  it('aligns the data to 64 bytes and ends the header with a newline, as numpy does', () => {
    for (const shape of [[3], [2, 3, 4, 1], [100000, 7, 3]]) {
      const bytes = encodeNpyHeader('float32', shape);
      expect(bytes.length % 64).toBe(0);
      expect(bytes[bytes.length - 1]).toBe(0x0a);
      const parsed = parseNpyHeader(bytes, 'x.npy');
      expect(parsed).toEqual({ dtype: 'float32', shape, dataOffset: bytes.length });
    }
    expect(new TextDecoder().decode(encodeNpyHeader('uint8', [5]))).toContain("'shape': (5,)");
  });

  it('says which file is not a .npy file', () => {
    expect(() => parseNpyHeader(new Uint8Array(64), 'bad.npy')).toThrow('bad.npy: not a .npy file');
  });

  it('refuses Fortran order and big-endian data with the file name', () => {
    const make = (dict: string) => {
      const text = dict.padEnd(117, ' ') + '\n';
      const bytes = new Uint8Array(128);
      bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 118, 0]);
      for (let i = 0; i < text.length; i++) bytes[10 + i] = text.charCodeAt(i);
      return bytes;
    };
    expect(() =>
      parseNpyHeader(make("{'descr': '<f4', 'fortran_order': True, 'shape': (2,), }"), 'f.npy'),
    ).toThrow('f.npy: Fortran-order');
    expect(() =>
      parseNpyHeader(make("{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }"), 'b.npy'),
    ).toThrow("b.npy: unsupported .npy dtype '>f4'");
  });
});

describe('writeNpy / readNpy', () => {
  it('round-trips every dtype', async () => {
    const arrays = [
      Uint8Array.from([1, 2, 255]),
      Int8Array.from([-1, 2, -128]),
      Uint16Array.from([0, 65535, 7]),
      Int16Array.from([-32768, 5, 9]),
      Uint32Array.from([4e9, 1, 2]),
      Int32Array.from([-2e9, 3, 4]),
      Float32Array.from([1.5, -0.25, 3e38]),
      Float64Array.from([Math.PI, -1e300, 0]),
    ];
    for (const data of arrays) {
      const file = path.join(dir, `rt_${data.constructor.name}.npy`);
      await writeNpy(file, data, [3]);
      const back = await readNpy(file);
      expect(back.data).toEqual(data);
      expect(back.shape).toEqual([3]);
    }
  });

  it('checks the shape against the data, naming the file', async () => {
    await expect(writeNpy(path.join(dir, 'bad.npy'), new Float32Array(5), [2, 3])).rejects.toThrow(
      'bad.npy: shape [2, 3] needs 6 values, got 5',
    );
  });

  it('refuses a truncated file', async () => {
    const file = path.join(dir, 'trunc.npy');
    await writeNpy(file, new Float32Array(10), [10]);
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, bytes.length - 4));
    await expect(readNpy(file)).rejects.toThrow('trunc.npy: truncated .npy data');
  });

  it.runIf(hasNumpy())(
    'writes files numpy loads with the same values, and reads what numpy writes',
    async () => {
      const shape = [3, 4, 5, 2];
      const data = Float32Array.from({ length: 120 }, (_, i) => i * 0.5 - 7);
      const file = path.join(dir, 'np_check.npy');
      await writeNpy(file, data, shape);
      const script =
        'import numpy as np, sys\n' +
        'a = np.load(sys.argv[1])\n' +
        'print(a.dtype, a.shape, repr(float(a[2, 1, 3, 1])), repr(float(a.sum(dtype=np.float64))))\n' +
        "np.save(sys.argv[2], np.arange(24, dtype='<u2').reshape(2, 3, 4))\n";
      const fromNumpy = path.join(dir, 'from_numpy.npy');
      const out = execFileSync('python3', ['-c', script, file, fromNumpy], { encoding: 'utf8' }).trim();
      const sum = data.reduce((a, b) => a + b, 0);
      const [dtype, dims, value, total] = out.split(/ (?![^(]*\))/);
      expect([dtype, dims, Number(value), Number(total)]).toEqual([
        'float32',
        '(3, 4, 5, 2)',
        at(data, shape, [2, 1, 3, 1]),
        sum,
      ]);
      const back = await readNpy(fromNumpy);
      expect(back.dtype).toBe('uint16');
      expect(back.shape).toEqual([2, 3, 4]);
      expect(Array.from(back.data)).toEqual(Array.from({ length: 24 }, (_, i) => i));
      expect((await readNpyHeader(fromNumpy)).shape).toEqual([2, 3, 4]);
    },
  );
});

describe('readNpyRegion', () => {
  const shape = [5, 6, 7, 2];
  const data = Float32Array.from({ length: 5 * 6 * 7 * 2 }, (_, i) => i + 1);
  let file: string;
  beforeAll(async () => {
    file = path.join(dir, 'region.npy');
    await writeNpy(file, data, shape);
  });

  /** The region read element by element from the full array. */
  function expected(start: number[], size: number[], fill: number): number[] {
    const trailing = shape.slice(start.length);
    const out: number[] = [];
    const visit = (prefix: number[]) => {
      if (prefix.length === start.length + trailing.length) {
        const inside = prefix.every((v, a) => v >= 0 && v < shape[a]);
        out.push(inside ? at(data, shape, prefix) : fill);
        return;
      }
      const a = prefix.length;
      const from = a < start.length ? start[a] : 0;
      const count = a < start.length ? size[a] : shape[a];
      for (let v = from; v < from + count; v++) visit([...prefix, v]);
    };
    visit([]);
    return out;
  }

  const cases: [number[], number[]][] = [
    [
      [1, 2, 3],
      [3, 2, 4],
    ],
    [
      [0, 0, 0],
      [5, 6, 7],
    ],
    [
      [-2, 4, 5],
      [4, 4, 4],
    ],
    [
      [4, -1, -3],
      [3, 3, 3],
    ],
    [[1], [3]],
    [
      [2, 1],
      [2, 7],
    ],
    [
      [1, 2, 3, 1],
      [2, 2, 2, 1],
    ],
    [
      [9, 0, 0],
      [2, 2, 2],
    ],
  ];
  for (const [start, size] of cases) {
    it(`reads start [${start}] size [${size}] like element-wise indexing`, async () => {
      const region = await readNpyRegion(file, start, size, { fill: -5 });
      expect(region.shape).toEqual([...size, ...shape.slice(start.length)]);
      expect(Array.from(region.data)).toEqual(expected(start, size, -5));
    });
  }

  it('rejects a region with more axes than the array', async () => {
    await expect(readNpyRegion(file, [0, 0, 0, 0, 0], [1, 1, 1, 1, 1])).rejects.toThrow(
      'region.npy: a region needs',
    );
  });
});

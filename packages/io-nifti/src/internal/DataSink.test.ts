import { describe, expect, it } from 'vitest';
import { NiftiError } from '../NiftiError';
import { DataSink } from './DataSink';

const stream = new Uint8Array(1000).map((_, i) => (i * 7) & 0xff);

function feed(sink: DataSink, chunkSizes: number[]): void {
  let at = 0;
  for (let i = 0; at < stream.length; i++) {
    const n = chunkSizes[i % chunkSizes.length];
    sink.push(stream.subarray(at, at + n));
    at += n;
  }
}

describe('DataSink', () => {
  it('keeps exactly the wanted range whatever the chunking and starting buffer size', () => {
    for (const chunks of [[1], [3, 250], [999], [1000], [64, 1, 17]]) {
      for (const initial of [0, 5, 100, 600, Infinity]) {
        const sink = new DataSink('f.nii', 123, 600, initial);
        feed(sink, chunks);
        expect(sink.full).toBe(true);
        expect(new Uint8Array(sink.finish())).toEqual(stream.slice(123, 723));
      }
    }
  });

  it('refuses to return partial data, naming the file and the shortfall', () => {
    const sink = new DataSink('f.img', 900, 200, 8);
    feed(sink, [64]);
    expect(sink.full).toBe(false);
    expect(() => sink.finish()).toThrow(NiftiError);
    expect(() => sink.finish()).toThrow(
      'f.img: the file ends after 100 of the 200 bytes of voxel data the header declares (starting at byte 900)',
    );
  });
});

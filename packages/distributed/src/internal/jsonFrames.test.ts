import { describe, expect, it } from 'vitest';
import { encodeJsonFrame, JsonFrameDecoder } from './jsonFrames';

describe('JSON frames', () => {
  const messages = [{ op: 'hello', rank: 3 }, 'ünïcode ✓', [1, 2, 3], null, { nested: { deep: [true] } }];
  const stream = Buffer.concat(messages.map(encodeJsonFrame));

  it('decode what was encoded under every split of the stream into two chunks', () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      const decoder = new JsonFrameDecoder('test');
      const got = [...decoder.push(stream.subarray(0, cut)), ...decoder.push(stream.subarray(cut))];
      expect(got).toEqual(messages);
    }
  });

  it('decode byte by byte', () => {
    const decoder = new JsonFrameDecoder('test');
    const got = [...stream].flatMap((byte) => decoder.push(Buffer.from([byte])));
    expect(got).toEqual(messages);
  });

  it('reject a stream of another protocol, naming the peer', () => {
    const decoder = new JsonFrameDecoder('client 127.0.0.1:5555');
    expect(() => decoder.push(Buffer.from('GET / HTTP/1.1\r\n'))).toThrow(
      /client 127\.0\.0\.1:5555 sent a \d+-byte frame: not an nnunet-ts rendezvous peer/,
    );
    const bad = Buffer.concat([Buffer.from([0, 0, 0, 3]), Buffer.from('{x}')]);
    expect(() => new JsonFrameDecoder('p').push(bad)).toThrow('p sent a frame that is not JSON: "{x}"');
  });
});

import type { DistributedContext } from '../DistributedContext';

/** Floats of mixed magnitude and sign, different per rank, so the order of summation shows in the last bits. */
export function mixedFloats(rank: number, length: number, salt = 0): Float32Array {
  let state = (rank + 1) * 2654435761 + salt * 97 + length;
  return Float32Array.from({ length }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return (state / 2147483648 - 0.5) * 10 ** ((state % 7) - 3);
  });
}

export const hex = (values: Float32Array) =>
  Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('hex');

export const fromHex = (text: string) => {
  const bytes = Buffer.from(text, 'hex');
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
};

/**
 * Every collective on this rank's `mixedFloats`, as hex: sum and mean for odd lengths, lengths
 * below the number of ranks, one float and a few MB; broadcasts from every root; an allgather of
 * different lengths per rank (rank 0's empty).
 */
export async function collectiveResults(ctx: DistributedContext): Promise<Record<string, string[]>> {
  const { rank, size } = ctx;
  const lengths = [1, size - 1, 3, 1001, (1 << 20) + 3].filter((n) => n > 0);
  const results: Record<string, string[]> = {};
  for (const length of lengths) {
    const sum = await ctx.allreduce(mixedFloats(rank, length), 'sum');
    const mean = await ctx.allreduce(mixedFloats(rank, length, 1), 'mean');
    const broadcasts: string[] = [];
    for (let root = 0; root < size; root++) {
      broadcasts.push(hex(await ctx.broadcast(mixedFloats(rank, length, 2), root)));
    }
    results[`n${length}`] = [hex(sum), hex(mean), ...broadcasts];
  }
  const gathered = await ctx.allgather(mixedFloats(rank, rank === 0 ? 0 : rank * 3 + 1, 3));
  results.allgather = gathered.map(hex);
  return results;
}

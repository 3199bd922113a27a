import type { DistributedContext } from './DistributedContext';

const NON_FINITE_MARK = '__nnunet_number:';

/**
 * Every rank's `value`, in rank order: results that are not tensors (per-case metrics, lists of
 * files written). The value travels as its JSON text, one UTF-8 byte per float32 (exact, and no
 * float bit pattern to be disturbed); NaN and ±Infinity survive, where JSON alone gives null.
 */
export async function allgatherJson<T>(context: DistributedContext, value: T): Promise<T[]> {
  const text = JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? `${NON_FINITE_MARK}${v}` : v,
  );
  if (text === undefined) throw new TypeError('allgatherJson: the value has no JSON form');
  const gathered = await context.allgather(Float32Array.from(Buffer.from(text, 'utf8')));
  return gathered.map(
    (bytes) =>
      JSON.parse(Buffer.from(Uint8Array.from(bytes)).toString('utf8'), (_key, v: unknown) =>
        typeof v === 'string' && v.startsWith(NON_FINITE_MARK) ? Number(v.slice(NON_FINITE_MARK.length)) : v,
      ) as T,
  );
}

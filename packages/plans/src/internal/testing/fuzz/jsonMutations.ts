// Structural damage to JSON documents for mutation fuzzing: the packages whose files are JSON (plans,
// dataset.json, splits, model.json) start from a valid document and apply a few of these.
import fc from 'fast-check';

/** Numbers that break range checks and arithmetic, as JSON can hold them. */
const EXTREME_NUMBERS = [
  0,
  -0,
  -1,
  1,
  0.5,
  -0.5,
  2 ** 31,
  2 ** 32,
  2 ** 53 + 2,
  -(2 ** 53),
  1e308,
  -1e308,
  5e-324,
];

/** Keys that collide with object machinery or with the fields a schema expects. */
const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '',
  ' ',
  'version',
  '0',
  '-1',
  '01',
];

/** Any JSON value, biased to the ones that break parsers: extremes, wrong types, empty containers. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(...EXTREME_NUMBERS, null, true, false, '', '0', 'NaN', [], {}, [[]], [null]),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.string({ maxLength: 12 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/**
 * One edit: `path` picks the target by walking down (each step chooses a child modulo the count), then
 * `op` changes it. Paths stop early at leaves, so that every edit lands somewhere.
 */
export type JsonMutation = { path: number[] } & (
  | { op: 'replace'; value: unknown }
  | { op: 'delete' }
  | { op: 'addKey'; key: string; value: unknown }
  | { op: 'repeat'; times: number }
  | { op: 'nest'; depth: number }
);

export const jsonMutation: fc.Arbitrary<JsonMutation> = fc
  .tuple(
    fc.array(fc.nat(), { maxLength: 8 }),
    fc.oneof(
      { weight: 4, arbitrary: fc.record({ op: fc.constant('replace' as const), value: hostileJson }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const) }) },
      {
        weight: 2,
        arbitrary: fc.record({
          op: fc.constant('addKey' as const),
          key: fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 8 })),
          value: hostileJson,
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({ op: fc.constant('repeat' as const), times: fc.integer({ min: 2, max: 50 }) }),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          op: fc.constant('nest' as const),
          // deeper than recursive code (JSON.stringify included) survives; JSON.parse reads any depth
          depth: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 5000, max: 20000 })),
        }),
      },
    ),
  )
  .map(([path, edit]) => ({ path, ...edit }));

export function jsonMutations(max = 4): fc.Arbitrary<JsonMutation[]> {
  return fc.array(jsonMutation, { minLength: 1, maxLength: max });
}

type Container = Record<string, unknown> | unknown[];

const isContainer = (v: unknown): v is Container => typeof v === 'object' && v !== null;

/** A deep copy of `document` with the edits applied; own `__proto__` keys are kept, as JSON.parse makes them. */
export function applyJsonMutations(document: unknown, mutations: readonly JsonMutation[]): unknown {
  let root = structuredClone(document);
  for (const m of mutations) root = applyJsonMutation(root, m);
  return root;
}

function applyJsonMutation(root: unknown, m: JsonMutation): unknown {
  // walk down to the target, remembering its parent and its key there
  let parent: Container | undefined;
  let key: string | number | undefined;
  let target = root;
  for (const step of m.path) {
    if (!isContainer(target)) break;
    const keys = Array.isArray(target) ? target.map((_, i) => i) : Object.keys(target);
    if (keys.length === 0) break;
    parent = target;
    key = keys[step % keys.length];
    target = (target as Record<string | number, unknown>)[key as string];
  }
  const replaced = edited(target, m);
  if (replaced === DELETED) {
    if (parent === undefined) return null;
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key as string];
    return root;
  }
  if (parent === undefined) return replaced;
  define(parent, key as string | number, replaced);
  return root;
}

const DELETED = Symbol('deleted');
const MAX_REPEATED = 4096;

function edited(target: unknown, m: JsonMutation): unknown {
  switch (m.op) {
    case 'replace':
      return structuredClone(m.value);
    case 'delete':
      return DELETED;
    case 'addKey': {
      if (!isContainer(target) || Array.isArray(target)) return target;
      define(target, m.key, structuredClone(m.value));
      return target;
    }
    case 'repeat':
      // capped, so that repeats of repeats stay a document of a few megabytes at most; the repeated
      // elements are shared, not copied (a copy of a deep nesting would overflow the stack)
      return Array.isArray(target) && target.length > 0
        ? Array.from(
            { length: Math.min(target.length * m.times, MAX_REPEATED) },
            (_, i) => target[i % target.length],
          )
        : typeof target === 'string'
          ? target.repeat(Math.min(m.times, Math.floor(MAX_REPEATED / Math.max(1, target.length))))
          : target;
    case 'nest': {
      let value = target;
      for (let i = 0; i < m.depth; i++) value = [value];
      return value;
    }
  }
}

/** Sets an own property, even `__proto__` (plain assignment would change the prototype instead). */
function define(container: Container, key: string | number, value: unknown): void {
  Object.defineProperty(container, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Longest text jsonText writes: repeats of deep nestings (shared in memory) would expand to gigabytes. */
const MAX_TEXT = 4 * 2 ** 20;

/**
 * JSON text of a document of any depth (JSON.stringify recurses and overflows the stack on the deep
 * nestings `nest` makes, which JSON.parse reads back fine): an explicit stack of what is left to write.
 * Undefined when the text would exceed 4 MiB (a property skips such a case with fc.pre).
 */
export function jsonText(document: unknown): string | undefined {
  const out: string[] = [];
  let length = 0;
  const todo: ({ text: string } | { value: unknown })[] = [{ value: document }];
  while (todo.length > 0) {
    if (length > MAX_TEXT) return undefined;
    const next = todo.pop()!;
    if ('text' in next) {
      out.push(next.text);
      length += next.text.length;
      continue;
    }
    const { value } = next;
    if (!isContainer(value)) {
      const text = JSON.stringify(value) ?? 'null';
      out.push(text);
      length += text.length;
      continue;
    }
    const entries: [string | null, unknown][] = Array.isArray(value)
      ? value.map((v) => [null, v])
      : Object.entries(value);
    const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
    todo.push({ text: close });
    entries.reverse().forEach(([key, v], i) => {
      todo.push({ value: v });
      if (key !== null) todo.push({ text: `${JSON.stringify(key)}:` });
      if (i < entries.length - 1) todo.push({ text: ',' });
    });
    todo.push({ text: open });
  }
  return out.join('');
}

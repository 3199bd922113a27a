import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '@nnunet-ts/io-nifti';

/** The parsed JSON of `file`, or undefined when it does not exist; malformed JSON is an error naming the file. */
export async function readJsonFile<T>(file: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`${file}: cannot read: ${(error as Error).message}`, { cause: error });
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
}

/** Writes `value` atomically as JSON: indented for people, or compact (`pretty: false`) for machine-only files. */
export async function writeJsonFile(file: string, value: unknown, { pretty = true } = {}): Promise<void> {
  const text = pretty ? formatJson(value, '') : JSON.stringify(value);
  await writeFileAtomic(file, `${text}\n`);
}

/** Indented JSON that keeps arrays of plain values (shapes, spacings, kernels) on one line. */
function formatJson(value: unknown, indent: string): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object'))
      return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    return `[\n${value.map((v) => inner + formatJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatJson(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { DatasetError } from '../DatasetError';

/** What an nnU-Net v2 images folder holds: channel indices per case, and files that fit no case. */
export interface ChannelFiles {
  /** case id → channel indices present (`case_0001.nii.gz` → 1) */
  cases: Map<string, Set<number>>;
  /** names ending in the file ending but not `{case}_{XXXX}` */
  unmatched: string[];
}

/** Lists `{case}_{XXXX}{fileEnding}` files of a folder; an absent folder holds nothing. */
export async function channelFiles(folder: string, fileEnding: string): Promise<ChannelFiles> {
  const cases = new Map<string, Set<number>>();
  const unmatched: string[] = [];
  for (const name of await listNames(folder)) {
    if (!name.endsWith(fileEnding) || name.startsWith('.')) continue;
    const match = /^(.+)_(\d{4})$/.exec(name.slice(0, -fileEnding.length));
    if (!match) {
      unmatched.push(name);
      continue;
    }
    const [, id, channel] = match as unknown as [string, string, string];
    if (!cases.has(id)) cases.set(id, new Set());
    cases.get(id)!.add(Number(channel));
  }
  return { cases, unmatched };
}

/** Case ids of the `{case}{fileEnding}` files of a label folder; an absent folder holds nothing. */
export async function labelCaseIds(folder: string, fileEnding: string): Promise<string[]> {
  return (await listNames(folder))
    .filter((name) => name.endsWith(fileEnding) && !name.startsWith('.'))
    .map((name) => name.slice(0, -fileEnding.length));
}

/** Image path of channel `channel` of a case in the v2 layout. */
export function channelFile(folder: string, id: string, channel: number, fileEnding: string): string {
  return path.join(folder, `${id}_${String(channel).padStart(4, '0')}${fileEnding}`);
}

async function listNames(folder: string): Promise<string[]> {
  try {
    return (await readdir(folder, { withFileTypes: true }))
      .filter((e) => !e.isDirectory())
      .map((e) => e.name);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    // e.g. ENOTDIR: a file where the dataset layout has a folder
    throw new DatasetError(folder, `cannot list the folder: ${code === 'ENOTDIR' ? 'not a folder' : code}`, {
      cause: error,
    });
  }
}

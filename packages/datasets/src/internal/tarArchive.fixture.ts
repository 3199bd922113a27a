// Builds small tar archives for tests (excluded from the published files).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface TarEntry {
  name: string;
  /** '0' file (default), '5' folder, '2' symbolic link */
  type?: '0' | '5' | '2';
  data?: Uint8Array;
  linkName?: string;
}

/**
 * A POSIX ustar archive; names longer than 100 bytes get a pax 'x' header with `path`, as GNU tar
 * writes with --format=posix.
 */
export function tarArchive(entries: readonly TarEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const data = Buffer.from(entry.data ?? new Uint8Array(0));
    if (Buffer.byteLength(entry.name) > 100) {
      const record = paxRecord('path', entry.name);
      blocks.push(header('PaxHeader/long', 'x', record.length), pad(record));
    }
    blocks.push(header(entry.name.slice(0, 100), entry.type ?? '0', data.length, entry.linkName), pad(data));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

/** Entries for every file and folder under `dir`, named `prefix/relative/path`. */
export async function folderEntries(dir: string, prefix: string): Promise<TarEntry[]> {
  const entries: TarEntry[] = [{ name: `${prefix}/`, type: '5' }];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const full = path.join(dir, entry.name);
    const name = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) entries.push(...(await folderEntries(full, name)));
    else entries.push({ name, data: await readFile(full) });
  }
  return entries;
}

function header(name: string, type: string, size: number, linkName = ''): Buffer {
  const block = Buffer.alloc(512);
  block.write(name, 0, 100, 'utf8');
  block.write('0000644\0', 100, 'latin1');
  block.write('0001750\0', 108, 'latin1');
  block.write('0001750\0', 116, 'latin1');
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  block.write(`${(1_700_000_000).toString(8).padStart(11, '0')}\0`, 136, 'latin1');
  block.write(type, 156, 'latin1');
  block.write(linkName, 157, 100, 'utf8');
  block.write('ustar\0', 257, 'latin1');
  block.write('00', 263, 'latin1');
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return block;
}

function pad(data: Buffer): Buffer {
  return Buffer.concat([data, Buffer.alloc((512 - (data.length % 512)) % 512)]);
}

/** "<length> key=value\n", where the length counts its own digits. */
function paxRecord(key: string, value: string): Buffer {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length) length++;
  return Buffer.from(`${length}${body}`);
}

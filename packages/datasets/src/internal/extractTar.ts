import { mkdir, open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

const BLOCK = 512;
const COPY_CHUNK = 1 << 20;

/**
 * Extracts a tar archive (POSIX ustar, pax headers, GNU long names) into `destination`, reading the
 * archive by position so that files of any size stream through a small buffer. Regular files and
 * folders only: links, devices and names that leave `destination` (absolute, or with `..`) are
 * refused. A corrupt header (bad checksum) or a truncated archive is an error. Returns the number
 * of files written.
 */
export async function extractTar(
  archive: string,
  destination: string,
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  const input = await open(archive, 'r');
  try {
    const total = (await input.stat()).size;
    const header = Buffer.alloc(BLOCK);
    let position = 0;
    let files = 0;
    let longName: string | undefined;
    let pax: Map<string, string> = new Map();
    while (position + BLOCK <= total) {
      await readExactly(input, header, position, archive);
      if (header.every((byte) => byte === 0)) break; // end-of-archive marker
      checkChecksum(header, archive, position);
      const type = String.fromCharCode(header[156]!);
      const size = Number(pax.get('size') ?? parseNumber(header.subarray(124, 136)));
      const dataStart = position + BLOCK;
      position = dataStart + Math.ceil(size / BLOCK) * BLOCK;
      if (dataStart + size > total) {
        throw new Error(
          `${archive}: truncated (an entry at byte ${dataStart - BLOCK} needs ${size} bytes more than the file has)`,
        );
      }
      if (type === 'L' || type === 'x' || type === 'g' || type === 'K') {
        const data = Buffer.alloc(size);
        await readExactly(input, data, dataStart, archive);
        if (type === 'L') longName = data.toString('utf8').replace(/\0+$/, '');
        if (type === 'x') pax = parsePax(data, archive);
        continue; // 'g' (global pax) and 'K' (long link name) carry nothing a file needs
      }
      const name = pax.get('path') ?? longName ?? headerName(header);
      longName = undefined;
      pax = new Map();
      const target = safeTarget(destination, name, archive);
      if (type === '5') {
        if (target !== undefined) await mkdir(target, { recursive: true });
      } else if (type === '0' || type === '\0' || type === '7') {
        if (target === undefined) throw new Error(`${archive}: entry "${name}" is a file without a name`);
        await mkdir(path.dirname(target), { recursive: true });
        await copyRange(input, dataStart, size, target, archive);
        files++;
      } else {
        throw new Error(
          `${archive}: entry "${name}" is a ${describeType(type)}; only files and folders are extracted`,
        );
      }
      onProgress?.(position, total);
    }
    onProgress?.(total, total);
    return files;
  } finally {
    await input.close();
  }
}

async function copyRange(input: FileHandle, start: number, size: number, target: string, archive: string) {
  const output = await open(target, 'w');
  try {
    const buffer = Buffer.alloc(Math.min(COPY_CHUNK, Math.max(size, 1)));
    for (let done = 0; done < size;) {
      const n = Math.min(buffer.length, size - done);
      await readExactly(input, buffer.subarray(0, n), start + done, archive);
      await output.write(buffer, 0, n);
      done += n;
    }
  } finally {
    await output.close();
  }
}

async function readExactly(
  input: FileHandle,
  into: Buffer,
  position: number,
  archive: string,
): Promise<void> {
  const { bytesRead } = await input.read(into, 0, into.length, position);
  if (bytesRead !== into.length) throw new Error(`${archive}: truncated at byte ${position + bytesRead}`);
}

/** The header checksum: the byte sum with the checksum field counted as spaces (unsigned, or signed as old tars wrote). */
function checkChecksum(header: Buffer, archive: string, position: number): void {
  const stored = parseNumber(header.subarray(148, 156));
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : header[i]!;
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  if (stored !== unsigned && stored !== signed) {
    throw new Error(
      `${archive}: corrupt tar header at byte ${position} (checksum ${stored}, computed ${unsigned})`,
    );
  }
}

/** An octal field (NUL/space padded), or GNU's base-256 form for large values (high bit set). */
function parseNumber(field: Buffer): number {
  if (field[0]! & 0x80) {
    let value = field[0]! & 0x7f;
    for (let i = 1; i < field.length; i++) value = value * 256 + field[i]!;
    return value;
  }
  const text = field
    .toString('latin1')
    .replace(/[\0 ]+$/, '')
    .trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new Error(`not an octal number: "${text}"`);
  return parseInt(text, 8);
}

/** name, with the ustar prefix when the header is POSIX ustar (GNU tar uses that field for other things). */
function headerName(header: Buffer): string {
  const text = (from: number, to: number) => {
    const field = header.subarray(from, to);
    const end = field.indexOf(0);
    return field.subarray(0, end < 0 ? field.length : end).toString('utf8');
  };
  const name = text(0, 100);
  const posix = header.subarray(257, 263).toString('latin1') === 'ustar\0';
  const prefix = posix ? text(345, 500) : '';
  return prefix ? `${prefix}/${name}` : name;
}

/** pax records: "<length> <key>=<value>\n", length counting the whole record. */
function parsePax(data: Buffer, archive: string): Map<string, string> {
  const records = new Map<string, string>();
  let at = 0;
  while (at < data.length && data[at] !== 0) {
    const space = data.indexOf(0x20, at);
    const length = Number(data.subarray(at, space).toString('latin1'));
    if (space < 0 || !Number.isInteger(length) || length <= 0 || at + length > data.length) {
      throw new Error(`${archive}: malformed pax header record at offset ${at}`);
    }
    const record = data.subarray(space + 1, at + length - 1).toString('utf8');
    const equals = record.indexOf('=');
    records.set(record.slice(0, equals), record.slice(equals + 1));
    at += length;
  }
  return records;
}

/** Where an entry goes, or undefined for the archive root itself; throws for names that escape it. */
function safeTarget(destination: string, name: string, archive: string): string | undefined {
  const normalized = path.posix.normalize(name.replace(/\\/g, '/'));
  const parts = normalized.split('/').filter((part) => part !== '' && part !== '.');
  if (name.startsWith('/') || parts.includes('..') || name.includes('\0')) {
    throw new Error(`${archive}: entry "${name}" would be written outside the destination folder`);
  }
  return parts.length === 0 ? undefined : path.join(destination, ...parts);
}

function describeType(type: string): string {
  const names: Record<string, string> = {
    '1': 'hard link',
    '2': 'symbolic link',
    '3': 'character device',
    '4': 'block device',
    '6': 'FIFO',
  };
  return names[type] ?? `tar entry of type '${type}'`;
}

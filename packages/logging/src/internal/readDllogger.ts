import { readFile } from 'node:fs/promises';
import { parseDllogger, type DllLog } from './parseDllogger';

/** Reads a dllogger JSON-lines file (e.g. `results/dllogger.json`); see `parseDllogger`. */
export async function readDllogger(path: string): Promise<DllLog> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`readDllogger: cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  return parseDllogger(text);
}

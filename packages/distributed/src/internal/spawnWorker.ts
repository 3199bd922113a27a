import { spawn, type ChildProcess } from 'node:child_process';
import { LineWriter } from './LineWriter';
import type { Slot } from './planSlots';

export interface WorkerSpawn {
  slot: Slot;
  command: readonly string[];
  /** the worker's own variables (slot, rendezvous, `-x`) */
  vars: Record<string, string>;
  /** the launcher's environment, which the workers inherit */
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export type WorkerEnd = { code: number | null; signal: NodeJS.Signals | null } | { startError: string };

export interface SpawnedWorker {
  slot: Slot;
  child: ChildProcess;
  /** what the program became; resolves at once (before `closed`) so the launcher can act */
  ended: Promise<WorkerEnd>;
  /** resolves once its output is flushed too */
  closed: Promise<void>;
}

/**
 * Starts one rank of a ring job on this host, in a process group of its own (so that stopping it
 * stops what it started); output lines prefixed with `[rank] `; stdin /dev/null.
 */
export function spawnWorker(w: WorkerSpawn): SpawnedWorker {
  const [file, ...args] = w.command as [string, ...string[]];
  const child = spawn(file, args, {
    cwd: w.cwd,
    env: { ...w.env, ...w.vars },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const prefix = `[${w.slot.rank}] `;
  const stdout = new LineWriter((line) => prefix + line, w.stdout);
  const stderr = new LineWriter((line) => prefix + line, w.stderr);
  child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
  const ended = new Promise<WorkerEnd>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      resolve({ startError: `could not start '${file}' (${error.code ?? error.message})` }),
    );
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  // 'close' comes after 'exit', or after 'error' for a process that could not start.
  const closed = new Promise<void>((resolve) =>
    child.once('close', () => {
      stdout.end();
      stderr.end();
      resolve();
    }),
  );
  return { slot: w.slot, child, ended, closed };
}

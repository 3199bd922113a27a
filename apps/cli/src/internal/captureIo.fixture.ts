import type { CliIo } from './CliIo';

/** A CliIo that keeps what commands write. */
export function captureIo(env: Record<string, string | undefined> = {}) {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: { write: (text: string) => (out.stdout += text) },
    stderr: { write: (text: string) => (out.stderr += text) },
    env,
  };
  return { io, out };
}

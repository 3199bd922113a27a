import { shellQuote } from './shellQuote';

export interface RemoteWorker {
  host: string;
  /** working directory on the remote host (the launcher's, on a shared file system) */
  cwd: string;
  /** variables to set for the command, in this order */
  env: Record<string, string>;
  command: readonly string[];
  sshPort?: number;
  sshIdentityFile?: string;
}

/**
 * The arguments of `ssh` that start one worker on another host, as horovodrun does:
 * `ssh -o BatchMode=yes [-p port] [-i key] host 'cd DIR && exec env K=V ... command'`.
 * BatchMode makes a host without key-based login fail at once instead of prompting.
 */
export function sshCommand(worker: RemoteWorker): string[] {
  const assignments = Object.entries(worker.env).map(([name, value]) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      throw new Error(`environment variable name '${name}' is not valid`);
    return `${name}=${shellQuote(value)}`;
  });
  const remote = [
    `cd ${shellQuote(worker.cwd)}`,
    '&&',
    'exec',
    'env',
    ...assignments,
    ...worker.command.map(shellQuote),
  ];
  return [
    '-o',
    'BatchMode=yes',
    ...(worker.sshPort !== undefined ? ['-p', String(worker.sshPort)] : []),
    ...(worker.sshIdentityFile !== undefined ? ['-i', worker.sshIdentityFile] : []),
    worker.host,
    remote.join(' '),
  ];
}

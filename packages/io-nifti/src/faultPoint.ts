// Node-only. Reproducible faults for the crash harness and the full-disk tests: NNUNET_FAULTS makes
// this process fail at the Nth time it passes a named point, e.g.
//   NNUNET_FAULTS=kill@checkpoint:3     SIGKILL itself while writing its 3rd checkpoint
//   NNUNET_FAULTS=enospc@nifti:1        its 1st NIfTI write fails as a full disk would (ENOSPC)
//   NNUNET_FAULTS=kill@step:7,kill@batch:2
// Points: checkpoint, nifti, npy, json, file (any other write), step (a training step), batch (a
// batch taken from the loader). NNUNET_FAULTS_TRACE=<file> appends each pass (`step 3`) to the
// file, so that a harness can choose kill points among the passes of an uninterrupted run. Both
// variables are read once, when this module loads, and removed from the environment, so that
// worker processes started later neither fail nor trace on their own count.
import { appendFileSync } from 'node:fs';

/** Where a fault can be injected. */
export type FaultPointName = 'checkpoint' | 'nifti' | 'npy' | 'json' | 'file' | 'step' | 'batch';
export type FaultAction = 'kill' | 'enospc';

const POINTS: readonly FaultPointName[] = ['checkpoint', 'nifti', 'npy', 'json', 'file', 'step', 'batch'];
const ACTIONS: readonly FaultAction[] = ['kill', 'enospc'];
export const FAULTS_ENV = 'NNUNET_FAULTS';
export const FAULTS_TRACE_ENV = 'NNUNET_FAULTS_TRACE';

interface Fault {
  action: FaultAction;
  point: FaultPointName;
  /** 1-based: the pass at which it fires */
  at: number;
}

/** The faults of a NNUNET_FAULTS value; a malformed entry is an error naming it. */
export function parseFaults(text: string): Fault[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const match = /^([a-z]+)@([a-z]+):(\d+)$/.exec(entry);
      const [action, point, at] = match ? [match[1], match[2], Number(match[3])] : [];
      if (
        !ACTIONS.includes(action as FaultAction) ||
        !POINTS.includes(point as FaultPointName) ||
        !(at! >= 1)
      ) {
        throw new Error(
          `${FAULTS_ENV}: '${entry}' is not <action>@<point>:<n> with action ${ACTIONS.join('|')}, point ` +
            `${POINTS.join('|')} and n ≥ 1`,
        );
      }
      return { action: action as FaultAction, point: point as FaultPointName, at: at! };
    });
}

const faults = parseFaults(process.env[FAULTS_ENV] ?? '');
const traceFile = process.env[FAULTS_TRACE_ENV];
delete process.env[FAULTS_ENV];
delete process.env[FAULTS_TRACE_ENV];
const passes = new Map<FaultPointName, number>();

/** The error a full disk gives, as Node's fs reports it. */
function noSpaceError(point: FaultPointName): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOSPC: no space left on device (injected at ${point} by ${FAULTS_ENV})`), {
    code: 'ENOSPC',
    errno: -28,
  });
}

/**
 * Marks one pass through `point`: when NNUNET_FAULTS names this pass, the process kills itself
 * (SIGKILL: nothing runs after it, as with the OOM killer or a power cut) or this call throws an
 * ENOSPC error. Without the variable it costs a map lookup.
 */
export function faultPoint(point: FaultPointName): void {
  if (faults.length === 0 && !traceFile) return;
  const pass = (passes.get(point) ?? 0) + 1;
  passes.set(point, pass);
  if (traceFile) appendFileSync(traceFile, `${point} ${pass}\n`);
  const fault = faults.find((f) => f.point === point && f.at === pass);
  if (!fault) return;
  if (fault.action === 'kill') {
    process.kill(process.pid, 'SIGKILL');
  }
  throw noSpaceError(point);
}

/** The point of a file write, from the file's name. */
export function writePointOf(file: string): FaultPointName {
  if (/\.ckpt$/.test(file)) return 'checkpoint';
  if (/\.(nii|nii\.gz|hdr|img)$/.test(file)) return 'nifti';
  if (/\.npy$/.test(file)) return 'npy';
  if (/\.json$/.test(file)) return 'json';
  return 'file';
}

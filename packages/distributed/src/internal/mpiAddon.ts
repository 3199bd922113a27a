import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The collectives of `native/mpi_addon.cc`, in its numbering. */
export const MpiCollective = {
  allreduceSum: 0,
  broadcast: 1,
  allgatherInt: 2,
  allgatherv: 3,
  barrier: 4,
} as const;

export interface MpiSlot {
  rank: number;
  size: number;
  localRank: number;
  localSize: number;
  crossRank: number;
  crossSize: number;
  /** the thread level MPI provided (`threadMultiple` is MPI_THREAD_MULTIPLE's value) */
  threadLevel: number;
  threadMultiple: number;
}

/** The N-API addon: one thread owns every MPI call; `submit` queues one and calls `done` on the main thread. */
export interface MpiAddon {
  init(): MpiSlot;
  submit(
    kind: number,
    arg: number,
    input: Float32Array | Int32Array | null,
    output: Float32Array | Int32Array | null,
    counts: Int32Array | null,
    done: (error: Error | null) => void,
  ): void;
  /** prints `message` on stderr and calls MPI_Abort, which ends every rank of the job */
  abort(code: number, message: string): never;
  finalize(): void;
  libraryVersion(): string;
}

const PACKAGE_NAME = '@nnunet-ts/distributed';

/** The package root: the nearest folder above this module (src/internal/ or dist/) with our package.json. */
function packageRoot(): string | undefined {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === PACKAGE_NAME) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

let loaded: { addon?: MpiAddon; reason: string } | undefined;

function load(): { addon?: MpiAddon; reason: string } {
  const root = packageRoot();
  if (!root) return { reason: `no ${PACKAGE_NAME} package.json above ${fileURLToPath(import.meta.url)}` };
  const file = join(root, 'build', 'Release', 'nnunet_mpi.node');
  if (!existsSync(file)) {
    return {
      reason: `${file} is missing: it is built at install where mpicxx is found (apt-get install libopenmpi-dev, then npm run build:mpi -w ${PACKAGE_NAME})`,
    };
  }
  try {
    const addon = createRequire(import.meta.url)(file) as MpiAddon;
    return { addon, reason: addon.libraryVersion().split(',')[0]! };
  } catch (error) {
    return { reason: `loading ${file} failed: ${(error as Error).message}` };
  }
}

/** The MPI addon and the library it runs on, or why there is none. Never throws; loads once. */
export function mpiAddonStatus(): { addon?: MpiAddon; reason: string } {
  loaded ??= load();
  return loaded;
}

/** Whether this process could run collectives on MPI, and the library or the reason why not (`nnunet info`). */
export function mpiAvailability(): { available: boolean; reason: string } {
  const { addon, reason } = mpiAddonStatus();
  return { available: addon !== undefined, reason };
}

import { availableParallelism, cpus } from 'node:os';
import { mpiAvailability, selectBackend } from '@nnunet-ts/distributed';
import type * as TfBackend from '@nnunet-ts/tf-backend';
import type { BackendChoice, BackendReport } from '@nnunet-ts/tf-backend';
import { z } from 'zod';
import { defineCommand } from '../internal/defineCommand';
import { CLI_VERSION } from '../internal/version';

const BACKEND_CHOICES = [
  'auto',
  'tensorflow',
  'native',
  'wasm',
  'cpu',
] as const satisfies readonly BackendChoice[];

export const infoOptions = z.object({
  backend: z
    .enum(BACKEND_CHOICES)
    .default('auto')
    .describe('tfjs backend to initialise; auto tries tfjs-node-gpu, tfjs-node, native, wasm, cpu in turn'),
  json: z.boolean().default(false).describe('print the report as JSON'),
});

export interface InfoReport {
  nnunetTs: string;
  node: string;
  platform: string;
  arch: string;
  cpus: number;
  cpuModel: string;
  tfjs: string;
  backend: { requested: BackendChoice } & (
    { ok: true; report: BackendReport } | { ok: false; error: string }
  );
  /** the engine of data-parallel collectives for this process, and whether MPI could be one */
  dist: { backend: string; reason: string; mpi: { available: boolean; reason: string } };
}

export const infoCommand = defineCommand({
  name: 'info',
  summary: 'print versions, CPUs and the tfjs backend this machine gets',
  description:
    'Print the versions of nnunet-ts, Node.js and tfjs, the CPU count, and which tfjs backend ' +
    'initBackend picks (and why, with every candidate it tried). Exits 1 when the requested backend is unavailable.',
  options: infoOptions,
  async run(options, io) {
    const report = await gatherInfo(options.backend);
    io.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatInfo(report));
    return report.backend.ok ? 0 : 1;
  },
});

async function gatherInfo(requested: BackendChoice): Promise<InfoReport> {
  const base = {
    nnunetTs: CLI_VERSION,
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    dist: distInfo(),
  };
  // loaded here, not at the top, so that `nnunet --help` does not pay for loading tfjs
  const { initBackend, tf }: Partial<typeof TfBackend> = await import('@nnunet-ts/tf-backend');
  if (typeof initBackend !== 'function' || tf === undefined) {
    // an unbuilt or outdated build of the package (its dist predates initBackend)
    const error =
      '@nnunet-ts/tf-backend does not export initBackend and tf here: build it (npx nx run tf-backend:build)';
    return { ...base, tfjs: 'unknown', backend: { requested, ok: false, error } };
  }
  try {
    return {
      ...base,
      tfjs: tf.version.tfjs,
      backend: { requested, ok: true, report: await initBackend({ backend: requested }) },
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ...base, tfjs: tf.version.tfjs, backend: { requested, ok: false, error: message } };
  }
}

/** `selectBackend` for this process (NNUNET_DIST_BACKEND, the launcher's variables), without starting MPI. */
function distInfo(): InfoReport['dist'] {
  const mpi = mpiAvailability();
  try {
    const { backend, reason } = selectBackend(undefined, process.env);
    return { backend, reason, mpi };
  } catch (error) {
    return { backend: 'unavailable', reason: (error as Error).message, mpi };
  }
}

function formatInfo(info: InfoReport): string {
  const lines = [
    `nnunet-ts  ${info.nnunetTs}`,
    `node       ${info.node} (${info.platform}-${info.arch})`,
    `tfjs       ${info.tfjs}`,
    `cpus       ${info.cpus} (${info.cpuModel})`,
  ];
  const { backend } = info;
  if (backend.ok) {
    const { report } = backend;
    lines.push(
      `backend    ${report.backend} (tfjs backend '${report.tfjsBackend}', requested ${backend.requested})`,
    );
    lines.push(`why        ${report.reason}`);
    for (const attempt of report.attempts) {
      lines.push(`  ${attempt.ok ? 'ok  ' : 'no  '} ${attempt.backend}: ${attempt.reason}`);
    }
  } else {
    lines.push(`backend    unavailable (requested ${backend.requested})`);
    lines.push(`why        ${backend.error}`);
  }
  lines.push(`dist       ${info.dist.backend}: ${info.dist.reason}`);
  lines.push(`mpi        ${info.dist.mpi.available ? 'available' : 'unavailable'}: ${info.dist.mpi.reason}`);
  return `${lines.join('\n')}\n`;
}

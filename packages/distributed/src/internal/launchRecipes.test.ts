import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { detectSlot } from './detectSlot';
import { rankResources } from './rankResources';
import { mpiLauncherOf } from './selectBackend';

// The launch recipes of the README, as files, tested as far as one machine allows: each rank's
// environment, as its launcher sets it, gives the slot, the GPU and the cores the recipe means.
const recipe = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../recipes/${name}`, import.meta.url)), 'utf8');
const slotOf = (env: NodeJS.ProcessEnv) => {
  const d = detectSlot(env);
  return { source: d.source, slot: [d.rank, d.size, d.localRank, d.localSize, d.crossRank, d.crossSize] };
};

describe('the Kubeflow MPIJob (v2beta1) recipe', () => {
  const job = parse(recipe('mpijob.yaml'));
  const slots: number = job.spec.slotsPerWorker;
  const workers: number = job.spec.mpiReplicaSpecs.Worker.replicas;
  const command: string[] = job.spec.mpiReplicaSpecs.Launcher.template.spec.containers[0].command;
  const worker = job.spec.mpiReplicaSpecs.Worker.template.spec.containers[0];

  it('launches one rank per GPU slot with mpirun, binding off, onto the shared results volume', () => {
    expect(job).toMatchObject({ apiVersion: 'kubeflow.org/v2beta1', kind: 'MPIJob' });
    expect(job.spec.mpiImplementation).toBe('OpenMPI');
    expect(command[0]).toBe('mpirun');
    expect(Number(command[command.indexOf('-np') + 1])).toBe(slots * workers);
    expect(command[command.indexOf('--bind-to') + 1]).toBe('none');
    expect(command.slice(command.indexOf('nnunet'), command.indexOf('nnunet') + 2)).toEqual([
      'nnunet',
      'train',
    ]);
    expect(worker.resources.limits['nvidia.com/gpu']).toBe(slots);
    expect(command[command.indexOf('--results') + 1]).toBe(worker.volumeMounts[0].mountPath);
  });

  it("every rank's Open MPI environment gives its slot, its GPU and its share of the cores", () => {
    const timeout = command[command.indexOf('-x') + 1]!.split('=');
    const seen = new Set<string>();
    for (let rank = 0; rank < slots * workers; rank++) {
      // what mpirun sets in a rank mapped by slot on the operator's hostfile (slots=slotsPerWorker)
      const env = {
        OMPI_COMM_WORLD_RANK: String(rank),
        OMPI_COMM_WORLD_SIZE: String(slots * workers),
        OMPI_COMM_WORLD_LOCAL_RANK: String(rank % slots),
        OMPI_COMM_WORLD_LOCAL_SIZE: String(slots),
        OMPI_COMM_WORLD_NODE_RANK: String(rank % slots),
        OMPI_UNIVERSE_SIZE: String(slots * workers),
        PMIX_RANK: String(rank),
        [timeout[0]!]: timeout[1],
      };
      const { source, slot } = slotOf(env);
      expect(source).toBe('open-mpi');
      expect(slot).toEqual([rank, slots * workers, rank % slots, slots, Math.floor(rank / slots), workers]);
      expect(mpiLauncherOf(env)).toMatch(/^mpirun/);
      // the device plugin shows a pod its GPUs without setting CUDA_VISIBLE_DEVICES
      expect(
        rankResources({ env, localRank: rank % slots, localSize: slots, cores: 32, hostCores: 32 }),
      ).toEqual({
        CUDA_VISIBLE_DEVICES: String(rank % slots),
        NNUNET_NUM_THREADS: '8',
      });
      seen.add(`${slot[4]}:${slot[2]}`);
    }
    expect(seen.size).toBe(slots * workers); // no two ranks share a GPU
  });
});

describe('the SLURM sbatch recipe', () => {
  const script = recipe('train.sbatch');
  const sbatch = (option: string) => Number(new RegExp(`^#SBATCH --${option}=(\\d+)$`, 'm').exec(script)![1]);
  const nodes = sbatch('nodes');
  const tasksPerNode = sbatch('ntasks-per-node');
  const cpusPerTask = sbatch('cpus-per-task');

  it('runs one task per GPU with srun --mpi=pmix --kill-on-bad-exit=1 and binding off', () => {
    expect(sbatch('gpus-per-task')).toBe(1);
    const srun = /^srun (?:.*\\\n)*.*/m.exec(script)![0];
    expect(srun).toMatch(/--mpi=pmix/);
    expect(srun).toMatch(/--kill-on-bad-exit=1/);
    expect(srun).toMatch(/--cpu-bind=none/);
    expect(srun).toMatch(/nnunet train .*--resume-training/);
  });

  it("every task's SLURM step environment gives its slot, keeps its one GPU and takes its cores", () => {
    const tasks = nodes * tasksPerNode;
    for (let task = 0; task < tasks; task++) {
      const localRank = task % tasksPerNode;
      // what srun sets in a task of the step (block distribution), PMIx's rank included
      const env = {
        SLURM_PROCID: String(task),
        SLURM_NTASKS: String(tasks),
        SLURM_STEP_NUM_TASKS: String(tasks),
        SLURM_LOCALID: String(localRank),
        SLURM_NODEID: String(Math.floor(task / tasksPerNode)),
        SLURM_NNODES: String(nodes),
        SLURM_STEP_TASKS_PER_NODE: `${tasksPerNode}(x${nodes})`,
        PMIX_RANK: String(task),
        // --gpus-per-task=1: the task sees its own GPU alone
        CUDA_VISIBLE_DEVICES: String(localRank),
      };
      const { source, slot } = slotOf(env);
      expect(source).toBe('slurm');
      expect(slot).toEqual([task, tasks, localRank, tasksPerNode, Math.floor(task / tasksPerNode), nodes]);
      expect(mpiLauncherOf(env)).toMatch(/PMIx/);
      // a task confined to --cpus-per-task cores of a larger host takes all of them, and its GPU stays
      expect(
        rankResources({ env, localRank, localSize: tasksPerNode, cores: cpusPerTask, hostCores: 64 }),
      ).toEqual({ NNUNET_NUM_THREADS: String(cpusPerTask) });
    }
  });
});

import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isOwnerGone, ownerTag, parseOwnerTag } from '@nnunet-ts/io-nifti';
import type { SourceRecipe } from '../CaseSource';
import { describeExit, WorkerCrashError, type WorkerCrash } from '../WorkerCrashError';
import { readSampleFile } from './readSampleFile';
import type { SampleJob, SamplerConfig } from './SampleMaker';
import type { SampleRunner } from './SampleRunner';
import { workerCommand } from './workerCommand';
import type { FromWorker, ToWorker } from './workerMessages';

export interface WorkerPoolOptions {
  readonly recipe: SourceRecipe;
  readonly config: SamplerConfig;
  readonly workers: number;
  /** How many times a sample is retried after its worker died. */
  readonly maxRetries: number;
  readonly onCrash: (crash: WorkerCrash) => void;
}

interface Task {
  readonly id: number;
  readonly job: SampleJob;
  readonly image: Float32Array;
  readonly label: Uint8Array;
  crashes: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

interface Worker {
  readonly id: number;
  readonly child: ChildProcess;
  ready: boolean;
  exited: boolean;
  task?: Task;
}

/** `nnunet-loader-<host>.<pid>-XXXXXX`: the owner in the name tells a dead process's folder. */
const TRANSFER_PREFIX = 'nnunet-loader-';

/**
 * The transfer folders of loaders whose process died without cleaning up (SIGKILL, a crash: the
 * 'exit' handler never ran), removed when the next loader starts: /dev/shm is memory.
 */
function removeStaleTransferDirs(base: string): void {
  let names: string[];
  try {
    names = readdirSync(base);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(TRANSFER_PREFIX)) continue;
    const owner = parseOwnerTag(name.slice(TRANSFER_PREFIX.length, -7));
    if (owner && isOwnerGone(owner)) rmSync(join(base, name), { recursive: true, force: true });
  }
}

/**
 * `--num-workers N`: N forked processes (not threads: tfjs and the augment code each get a whole V8),
 * one sample in flight per worker. A worker that dies is replaced at once; the sample it was making is
 * reported with its case id and retried on the replacement up to `maxRetries` times, after which its
 * batch fails with a WorkerCrashError. Idle workers do not keep the parent process alive.
 */
export class WorkerPool implements SampleRunner {
  private readonly workers: Worker[] = [];
  private readonly queue: Task[] = [];
  /** Where workers leave finished samples: RAM-backed where the system has /dev/shm. */
  private readonly transferDir: string;
  private readonly removeTransferDir = () => rmSync(this.transferDir, { recursive: true, force: true });
  private taskCount = 0;
  private inFlight = 0;
  /** Set when a worker cannot start: the pool then fails every sample with it. */
  private failure?: Error;
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {
    const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
    removeStaleTransferDirs(base);
    this.transferDir = mkdtempSync(join(base, `${TRANSFER_PREFIX}${ownerTag()}-`));
    process.on('exit', this.removeTransferDir);
    for (let id = 0; id < options.workers; id++) this.workers.push(this.start(id));
    this.updateRef();
  }

  run(job: SampleJob, image: Float32Array, label: Uint8Array): Promise<void> {
    if (this.closed) return Promise.reject(new Error('data-loader: the loader is closed'));
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.taskCount++, job, image, label, crashes: 0, resolve, reject });
      this.inFlight++;
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.failAll(new Error('data-loader: the loader was closed'));
    await Promise.all(
      this.workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.exited) return resolve();
            w.child.once('exit', () => resolve());
            // Keep the program alive until the worker is gone, or this promise would never settle.
            w.child.ref();
            w.child.kill();
          }),
      ),
    );
    this.removeTransferDir();
    process.off('exit', this.removeTransferDir);
  }

  private start(id: number): Worker {
    const { file, execArgv } = workerCommand();
    const child = fork(file, [], {
      execArgv,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const worker: Worker = { id, child, ready: false, exited: false };
    child.on('message', (message: FromWorker) => this.onMessage(worker, message));
    child.on('exit', (code, signal) => this.onExit(worker, code, signal));
    // A failed spawn may never emit 'exit'.
    child.on('error', (error) => {
      if (!worker.ready && !worker.exited) {
        this.fail(new Error(`data-loader: cannot start loader worker ${id}: ${error.message}`));
      }
    });
    const init: ToWorker = {
      type: 'init',
      recipe: this.options.recipe,
      config: this.options.config,
      transferDir: this.transferDir,
    };
    child.send(init);
    return worker;
  }

  private dispatch(): void {
    for (const worker of this.workers) {
      if (this.queue.length === 0) break;
      if (!worker.ready || worker.exited || worker.task) continue;
      const task = this.queue.shift()!;
      worker.task = task;
      const message: ToWorker = { type: 'job', task: task.id, job: task.job };
      // A send that fails means the worker is dying; its 'exit' puts the task back.
      worker.child.send(message, () => undefined);
    }
    this.updateRef();
  }

  private onMessage(worker: Worker, message: FromWorker): void {
    if (this.closed) return;
    switch (message.type) {
      case 'ready':
        worker.ready = true;
        this.dispatch();
        return;
      case 'init-failed':
        this.fail(
          new Error(
            `data-loader: loader worker ${worker.id} cannot open the case source: ${message.message}`,
          ),
        );
        return;
      case 'done':
      case 'failed': {
        const task = worker.task;
        if (!task || task.id !== message.task) return;
        worker.task = undefined;
        this.dispatch();
        if (message.type === 'failed') {
          this.settle(task, new Error(`data-loader: case '${task.job.caseId}': ${message.message}`));
        } else {
          readSampleFile(message.file, task.image, task.label).then(
            () => this.settle(task),
            (error: Error) => this.settle(task, error),
          );
        }
      }
    }
  }

  private onExit(worker: Worker, exitCode: number | null, signal: NodeJS.Signals | null): void {
    worker.exited = true;
    if (this.closed || this.failure) return;
    if (!worker.ready) {
      this.fail(
        new Error(
          `data-loader: loader worker ${worker.id} exited while starting (${describeExit({ exitCode, signal })})`,
        ),
      );
      return;
    }
    this.workers[this.workers.indexOf(worker)] = this.start(worker.id);
    const task = worker.task;
    if (task) {
      task.crashes++;
      const crash: WorkerCrash = {
        workerId: worker.id,
        caseId: task.job.caseId,
        exitCode,
        signal,
        attempt: task.crashes,
        willRetry: task.crashes <= this.options.maxRetries,
      };
      this.options.onCrash(crash);
      if (crash.willRetry) this.queue.unshift(task);
      else this.settle(task, new WorkerCrashError(crash));
    }
    this.dispatch();
  }

  private settle(task: Task, error?: Error): void {
    this.inFlight--;
    if (error) task.reject(error);
    else task.resolve();
    this.updateRef();
  }

  /** A worker cannot start: stop all of them and fail every sample, now and later. */
  private fail(error: Error): void {
    if (this.failure || this.closed) return;
    this.failure = error;
    this.failAll(error);
    for (const w of this.workers) if (!w.exited) w.child.kill();
  }

  private failAll(error: Error): void {
    const tasks = [...this.queue, ...this.workers.flatMap((w) => (w.task ? [w.task] : []))];
    this.queue.length = 0;
    for (const w of this.workers) w.task = undefined;
    for (const task of tasks) this.settle(task, error);
  }

  /** Workers keep the parent alive only while samples are being made. */
  private updateRef(): void {
    const busy = this.inFlight > 0 && !this.closed;
    for (const { child } of this.workers) {
      if (busy) {
        child.ref();
        child.channel?.ref();
      } else {
        child.unref();
        child.channel?.unref();
      }
    }
  }
}

/**
 * Entry of a loader worker process (forked by WorkerPool). It opens the case source from its recipe, then
 * makes one sample per job message and hands it back as a file in the pool's transfer folder: reading a
 * file into the batch costs the parent a copy on a libuv thread, where an IPC message of the same
 * tens of megabytes would be deserialised on its main thread.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseSource } from '../CaseSource';
import { SampleMaker } from './SampleMaker';
import type { FromWorker, ToWorker } from './workerMessages';

let maker: SampleMaker | undefined;
let transferDir = '';

const send = (message: FromWorker) => process.send?.(message);

process.on('message', (message: ToWorker) => {
  if (message.type === 'init') void init(message);
  else void job(message.task, message.job);
});
// The parent is gone (closed the loader, or died): nothing more will be asked.
process.on('disconnect', () => process.exit(0));

async function init(message: Extract<ToWorker, { type: 'init' }>): Promise<void> {
  try {
    const { module, factory, args } = message.recipe;
    const exports = (await import(module)) as Record<string, unknown>;
    const open = exports[factory];
    if (typeof open !== 'function') throw new Error(`${module} has no function export '${factory}'`);
    const source = (await open(...args)) as CaseSource;
    maker = new SampleMaker(source, message.config);
    transferDir = message.transferDir;
    send({ type: 'ready' });
  } catch (error) {
    send({ type: 'init-failed', message: (error as Error).message });
  }
}

async function job(task: number, sampleJob: Extract<ToWorker, { type: 'job' }>['job']): Promise<void> {
  try {
    if (!maker) throw new Error('job before init');
    const sample = await maker.make(sampleJob);
    const file = join(transferDir, `${task}.bin`);
    const fd = openSync(file, 'w');
    try {
      writeFully(fd, new Uint8Array(sample.image.buffer, sample.image.byteOffset, sample.image.byteLength));
      writeFully(fd, sample.label);
    } finally {
      closeSync(fd);
    }
    send({ type: 'done', task, file });
  } catch (error) {
    send({ type: 'failed', task, message: (error as Error).message });
  }
}

function writeFully(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
}

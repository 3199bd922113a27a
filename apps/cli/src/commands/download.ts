import {
  defaultDataRoot,
  downloadOptionsSchema,
  downloadTask,
  msdTaskName,
  type DownloadTaskProgress,
} from '@nnunet-ts/datasets';
import type { CliIo } from '../internal/CliIo';
import { defineCommand } from '../internal/defineCommand';
import { progressBar } from '../internal/progressBar';

export const downloadCommand = defineCommand({
  name: 'download',
  summary: 'download and extract a Medical Segmentation Decathlon task',
  description:
    'Download <Task>.tar of an MSD task (01-10) from the public bucket the seed uses (or --url), resuming a ' +
    'partial download (<Task>.tar.part in the data folder) with HTTP Range requests, check its size, and ' +
    'extract it into a temporary folder that is renamed to <data>/<Task> when complete. A task that is ' +
    'already there is left as it is.',
  options: downloadOptionsSchema,
  async run(options, io) {
    const name = msdTaskName(options.task);
    const progress = progressReporter(io, name);
    let folder: string;
    try {
      folder = await downloadTask(options.task, {
        dataRoot: options.data ?? defaultDataRoot(io.env),
        url: options.url,
        retries: options.retries,
        onProgress: progress.update,
      });
    } finally {
      progress.stop();
    }
    io.stdout.write(`${name} is ready in ${folder}\n`);
    return 0;
  },
});

const MB = 1024 * 1024;

/**
 * Reports download and extraction on the shared progress bar, in MB: on a terminal at every 0.01 MB,
 * otherwise (one plain line per report) at every tenth of each phase.
 */
function progressReporter(io: CliIo, name: string) {
  const bar = progressBar(io);
  const terminal = (io.stderr as Partial<NodeJS.WriteStream>).isTTY === true;
  let last = '';
  const update = (event: DownloadTaskProgress) => {
    const [done, total] =
      event.phase === 'download' ? [event.received, event.total] : [event.done, event.total];
    const label = event.phase === 'download' ? `download ${name}.tar` : `extract ${name}`;
    if (event.phase === 'download' && event.received === event.resumedFrom && event.resumedFrom > 0) {
      io.stderr.write(`resuming ${name}.tar at ${(event.resumedFrom / MB).toFixed(1)} MB\n`);
    }
    const mb = (bytes: number) => Math.round((bytes / MB) * 100) / 100;
    const step = terminal || total === undefined ? mb(done) : Math.floor((done / total) * 10);
    const key = `${label} ${step}`;
    if (key === last) return;
    last = key;
    // an unknown size (no Content-Length) shows as what has arrived so far
    bar.report(label, mb(done), mb(total ?? done), 'MB');
  };
  return { update, stop: () => bar.stop() };
}

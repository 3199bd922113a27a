import cliProgress from 'cli-progress';
import type { CliIo } from './CliIo';

/** Progress of one or more stages (fingerprint, preprocess, download, ...) on stderr. */
export interface ProgressBar {
  /** `done` of `total` in stage `label`; a new label ends the previous stage's bar and starts one */
  report(label: string, done: number, total: number, detail?: string): void;
  stop(): void;
}

/**
 * A cli-progress bar on stderr when stderr is a terminal; otherwise (pipes, CI logs, tests) one plain line
 * per report, which cli-progress would not print at all.
 */
export function progressBar(io: CliIo): ProgressBar {
  const stream = io.stderr as NodeJS.WriteStream;
  const tty = stream.isTTY === true;
  let bar: cliProgress.SingleBar | undefined;
  let current: string | undefined;
  const stop = () => {
    bar?.stop();
    bar = undefined;
  };
  return {
    report(label, done, total, detail = '') {
      if (!tty) {
        io.stderr.write(`${label} ${done}/${total}${detail ? ` ${detail}` : ''}\n`);
        return;
      }
      if (label !== current || !bar) {
        stop();
        current = label;
        bar = new cliProgress.SingleBar(
          {
            stream,
            format: `${label} [{bar}] {value}/{total} {detail}`,
            hideCursor: true,
            clearOnComplete: false,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done, { detail });
        return;
      }
      bar.setTotal(total);
      bar.update(done, { detail });
    },
    stop,
  };
}

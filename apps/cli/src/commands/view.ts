import { viewOptionsSchema } from '@nnunet-ts/viewer';
import { defineCommand } from '../internal/defineCommand';

/** Signals that stop the server (Ctrl+C, and a polite kill). */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export const viewCommand = defineCommand({
  name: 'view',
  summary: 'show images, labels, predictions and training curves in a local web page',
  description:
    'Serve the viewer page on 127.0.0.1 (a free port unless --port) and print its URL. The page shows --image with ' +
    '--label and --pred as overlays (Niivue: slices and 3D, opacity and colour per class), and with --results the ' +
    "folder's cases with their Dice from summary.json, the class names from dataset.json and the training curves of " +
    'its DLLogger log. It can also run an exported model on a dropped image, in the browser. Only the given files ' +
    'and those of the results folder are served. Stops on Ctrl+C.',
  options: viewOptionsSchema,
  async run(options, io) {
    const { startViewerServer } = await import('@nnunet-ts/viewer');
    const server = await startViewerServer(options);
    for (const warning of server.content.warnings) io.stderr.write(`warning: ${warning}\n`);
    io.stdout.write(`${server.content.cases.length} case(s) at ${server.url}\n(Ctrl+C stops the server)\n`);
    const signal = await new Promise<string>((resolve) => {
      const stop = (name: string) => {
        for (const s of STOP_SIGNALS) process.off(s, stop);
        resolve(name);
      };
      for (const s of STOP_SIGNALS) process.on(s, stop);
    });
    await server.close();
    io.stdout.write(`stopped (${signal})\n`);
    return 0;
  },
});

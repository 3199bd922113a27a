import { viewOptionsSchema } from '@nnunet-ts/viewer';
import { defineCommand } from '../internal/defineCommand';

/** Signals that stop the server (Ctrl+C, and a polite kill). */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export const viewCommand = defineCommand({
  name: 'view',
  summary: 'show images, labels, predictions and training curves in a local web page',
  description:
    'Serve the viewer page on 127.0.0.1 (a free port unless --port) and print its URL, which holds a random token ' +
    'that every request must carry (the page keeps it in a cookie); --host listens elsewhere (0.0.0.0: every ' +
    'network interface, with a warning), --allow-host adds a name the browser may use for the server. The page shows --image with ' +
    '--label and --pred as overlays (Niivue: slices and 3D, opacity and colour per class), and with --results the ' +
    "folder's cases with their Dice from summary.json, the class names from dataset.json and the training curves of " +
    'its DLLogger log. It can also run an exported model on a dropped image, in the browser. Only the given files ' +
    'and those the results folder leads to (its predictions, their labels and images) are served. Stops on Ctrl+C.',
  options: viewOptionsSchema,
  async run(options, io) {
    const { startViewerServer } = await import('@nnunet-ts/viewer');
    const server = await startViewerServer(options);
    for (const warning of [...server.content.warnings, ...server.warnings])
      io.stderr.write(`warning: ${warning}\n`);
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

import { io } from '@tensorflow/tfjs';
import { fileIOHandler } from './fileIOHandler';

const FILE_SCHEME = 'file://';

type IORouter = Parameters<typeof io.registerSaveRouter>[0];

let registered = false;
let routing = true;

/** Routes `file://<path>` URLs (path relative or absolute, as tfjs-node does) to `fileIOHandler`. */
function fileRouter(url: string | string[]): io.IOHandler | null {
  if (!routing) return null;
  const single = Array.isArray(url) ? (url.length === 1 ? url[0] : undefined) : url;
  if (single === undefined || !single.startsWith(FILE_SCHEME)) return null;
  return fileIOHandler(single.slice(FILE_SCHEME.length));
}

/** Lets `model.save('file://...')` and `tf.loadLayersModel('file://...')` work without tfjs-node. Idempotent. */
export function registerFileRouter(): void {
  if (registered) return;
  // tfjs's IORouter type omits the null that its registry expects for URLs a router does not handle.
  io.registerSaveRouter(fileRouter as IORouter);
  io.registerLoadRouter(fileRouter as IORouter);
  registered = true;
}

/** tfjs-node registers its own `file://` router; two matching routers make tfjs refuse to save. */
export function yieldFileRoutingToTfjsNode(): void {
  routing = false;
}

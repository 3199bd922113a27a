// What `@nnunet-ts/tf-backend` is inside the page bundle (bundlePage aliases it here): plain tfjs,
// whose WebGL and cpu backends the browser uses. Packages bundled into the page (sliding-window,
// unet-model) import `tf` from tf-backend; the Node-only parts of tf-backend have no place here.
export * as tf from '@tensorflow/tfjs';

/** tf-backend's `file://` model IO exists in Node only; the page reads dropped files with tf.io.browserFiles. */
export function fileIOHandler(): never {
  throw new Error('file:// model folders are read in Node only; in the page use tf.io.browserFiles');
}

import { byId } from './dom';
import type { VolumeView } from './VolumeView';
import type { WorkerRequest, WorkerResponse } from './workerMessages';

/**
 * The "Run a model" panel: the user picks an exported model folder's files, then picks or drops a
 * NIfTI image; a web worker segments it with a progress bar, the page shows the image with the
 * label map as the prediction overlay and offers the label map as a .nii.gz download.
 * `document.body.dataset.inference` follows the state (`model-loaded`, `running`, `done`, `error`).
 */
export function setUpInference(view: VolumeView, onShown: () => void): void {
  const worker = new Worker(new URL('./inferenceWorker.js', import.meta.url), { type: 'module' });
  const modelFiles = byId<HTMLInputElement>('model-files');
  const imageFile = byId<HTMLInputElement>('image-file');
  const dropZone = byId('drop-zone');
  const progress = byId<HTMLProgressElement>('progress');
  const status = byId('inference-status');
  const modelInfo = byId('model-info');
  const download = byId<HTMLAnchorElement>('download');
  let pending: { file: File; url: string } | undefined;
  let resultUrl: string | undefined;

  const setState = (state: string, text: string) => {
    document.body.dataset.inference = state;
    status.textContent = text;
  };
  const send = (request: WorkerRequest, transfer: Transferable[] = []) =>
    worker.postMessage(request, transfer);

  worker.onmessage = async (event: MessageEvent<WorkerResponse>) => {
    const message = event.data;
    switch (message.type) {
      case 'model-loaded': {
        const { info } = message;
        modelInfo.textContent =
          `patch [${info.patchSize.join(' × ')}], spacing [${info.spacing.join(', ')}] mm, ` +
          `${info.inChannels} channel(s) in, ${info.classes} classes out, tfjs ${info.backend}: ` +
          info.backendReason;
        imageFile.disabled = false;
        setState('model-loaded', 'Model loaded: choose or drop an image.');
        return;
      }
      case 'progress':
        progress.max = message.total;
        progress.value = message.done;
        status.textContent = `window ${message.done} of ${message.total}`;
        return;
      case 'segmented': {
        if (!pending) return;
        if (resultUrl) URL.revokeObjectURL(resultUrl);
        resultUrl = URL.createObjectURL(new Blob([message.niftiGz], { type: 'application/gzip' }));
        await view.show({
          image: { url: pending.url, name: pending.file.name },
          prediction: { url: resultUrl, name: message.name },
        });
        download.href = resultUrl;
        download.download = message.name;
        download.hidden = false;
        progress.hidden = true;
        onShown();
        setState('done', `Segmented ${pending.file.name} in ${message.seconds.toFixed(1)} s.`);
        return;
      }
      case 'error':
        progress.hidden = true;
        setState('error', `Error: ${message.message}`);
        return;
    }
  };
  worker.onerror = (event) => setState('error', `Error in the inference worker: ${event.message}`);

  modelFiles.addEventListener('change', () => {
    const files = [...(modelFiles.files ?? [])];
    if (files.length === 0) return;
    imageFile.disabled = true;
    setState('loading-model', 'Loading the model…');
    // the worker checks it (initBrowserBackend), so the page itself stays free of tfjs
    const backend = new URLSearchParams(location.search).get('backend') ?? 'auto';
    send({ type: 'load-model', files, backend });
  });

  const segment = async (file: File) => {
    if (imageFile.disabled) {
      setState('error', 'Load a model first.');
      return;
    }
    if (pending) URL.revokeObjectURL(pending.url);
    pending = { file, url: URL.createObjectURL(file) };
    download.hidden = true;
    progress.hidden = false;
    progress.value = 0;
    setState('running', `Segmenting ${file.name}…`);
    const bytes = await file.arrayBuffer();
    send({ type: 'segment', name: file.name, bytes }, [bytes]);
  };
  imageFile.addEventListener('change', () => {
    const file = imageFile.files?.[0];
    if (file) void segment(file);
  });
  // a file dropped anywhere else must not make the browser leave the page
  for (const type of ['dragover', 'drop']) window.addEventListener(type, (e) => e.preventDefault());
  dropZone.addEventListener('dragover', () => dropZone.classList.add('dragging'));
  dropZone.addEventListener('dragleave', () => dropZone.classList.remove('dragging'));
  dropZone.addEventListener('drop', (event) => {
    dropZone.classList.remove('dragging');
    const file = (event as DragEvent).dataTransfer?.files[0];
    if (file) void segment(file);
  });
}

// The viewer page: fetches /api/session from the server, then shows the cases, their volumes in
// Niivue, the summary metrics and the training curves, and sets up in-browser inference.
import { classColor } from '../internal/classColors';
import type { SessionData } from '../internal/SessionData';
import { renderCases, renderSummary, selectCaseRow } from './casesPanel';
import { renderCurves } from './curvesPanel';
import { byId, el } from './dom';
import { setUpInference } from './inferencePanel';
import { renderOverlayControls } from './overlayControls';
import { VolumeView, type ClassStyle, type VolumeSource } from './VolumeView';

declare global {
  interface Window {
    /** for debugging and the end-to-end test: the volume view (and its Niivue, `view.nv`) */
    nnunetViewer?: { view: VolumeView };
  }
}

async function main(): Promise<void> {
  const status = byId('status');
  forgetToken();
  const response = await fetch('api/session');
  if (!response.ok) throw new Error(`api/session answered ${response.status}: ${await response.text()}`);
  const session = (await response.json()) as SessionData;
  document.title = `${session.title} · nnunet-ts viewer`;
  byId('title').textContent = session.title;
  showWarnings(session.warnings);

  const view = new VolumeView();
  await view.attach(byId<HTMLCanvasElement>('gl'));
  window.nnunetViewer = { view };
  const classes: ClassStyle[] = session.classes.map((c) => ({
    ...c,
    color: classColor(c.value),
    visible: true,
  }));
  const casesTable = byId<HTMLTableElement>('cases');
  const controls = () =>
    renderOverlayControls(byId('layers'), byId<HTMLTableElement>('classes'), view, classes);

  /** Classes that a loaded label map holds but no dataset.json named get a default name. */
  const nameMissingClasses = () => {
    const known = new Set(classes.map((c) => c.value));
    for (let value = 1; value <= view.largestLabelValue(); value++) {
      if (!known.has(value))
        classes.push({ value, name: `class ${value}`, color: classColor(value), visible: true });
    }
    controls();
  };

  const showCase = async (index: number) => {
    const item = session.cases[index]!;
    status.textContent = `loading ${item.name}…`;
    const source = (url: string | undefined): VolumeSource | undefined =>
      url === undefined ? undefined : { url, name: decodeURIComponent(url.slice(url.lastIndexOf('/') + 1)) };
    await view.show({
      ...(item.image && { image: source(item.image) }),
      ...(item.label && { label: source(item.label) }),
      ...(item.prediction && { prediction: source(item.prediction) }),
    });
    nameMissingClasses();
    selectCaseRow(casesTable, index);
    status.textContent = item.name;
    document.body.dataset.caseLoaded = item.name;
  };

  renderCases(casesTable, session.cases, session.classes, (index) => void showCase(index).catch(fail));
  renderSummary(byId<HTMLTableElement>('summary'), session.summary, session.classes);
  controls();
  setUpInference(view, nameMissingClasses);
  const curves = renderCurves(byId('curves'), session).then((shown) => {
    document.body.dataset.curves = shown ? 'rendered' : 'none';
  });
  if (session.cases.length > 0) await showCase(0);
  else status.textContent = 'no case given: run a model below, or start with --image/--results';
  await curves;
}

/**
 * The server answered the page's `?token=` with a cookie that the page's requests carry from now on:
 * the token leaves the address bar, so that it is not copied from there or bookmarked.
 */
function forgetToken(): void {
  const url = new URL(location.href);
  if (!url.searchParams.has('token')) return;
  url.searchParams.delete('token');
  history.replaceState(history.state, '', url);
}

function showWarnings(warnings: readonly string[]): void {
  if (warnings.length === 0) return;
  const box = byId('warnings');
  box.hidden = false;
  box.querySelector('ul')!.replaceChildren(...warnings.map((w) => el('li', {}, w)));
}

function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  byId('status').textContent = `Error: ${message}`;
  document.body.dataset.error = message;
  console.error(error);
}

main().catch(fail);

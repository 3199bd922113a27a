import embed from 'vega-embed';
import type { SessionData } from '../internal/SessionData';
import { trainingCurvesSpec } from '../internal/trainingCurvesSpec';

/** Loss, Dice and learning-rate charts of the DLLogger log, as SVG. */
export async function renderCurves(box: HTMLElement, session: SessionData): Promise<boolean> {
  if (session.curves.length === 0) {
    box.textContent =
      'No training curves: the results folder has no DLLogger log with loss, Dice or lr values.';
    return false;
  }
  // the charts share the panel's width; about 90 px of each go to its axis titles and labels
  const charts = new Set(session.curves.map((p) => p.group)).size;
  const width = Math.max(160, Math.floor(box.clientWidth / charts) - 90);
  const spec = trainingCurvesSpec(session.curves, { classes: session.classes, width, height: 200 });
  await embed(box, spec, { actions: false, renderer: 'svg' });
  if (session.curvesSource) box.title = `from ${session.curvesSource}`;
  return true;
}

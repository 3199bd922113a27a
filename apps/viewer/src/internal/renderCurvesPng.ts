import type { TopLevelSpec } from 'vega-lite';

export interface RenderedChart {
  svg: string;
  png: Buffer;
  /** PNG size in pixels: the SVG's size times `scale` */
  width: number;
  height: number;
}

/**
 * Renders a vega-lite spec without a browser: vega draws it as SVG (renderer 'none', headless), and
 * resvg rasterizes the SVG to PNG at `scale` pixels per SVG unit, on white, with the system's fonts.
 */
export async function renderCurvesPng(spec: TopLevelSpec, scale = 2): Promise<RenderedChart> {
  // loaded on use: vega is ESM-only with top-level await (a CJS require of this package would fail),
  // and `nnunet view` never needs it
  const [{ parse, View }, { compile }, { Resvg }] = await Promise.all([
    import('vega'),
    import('vega-lite'),
    import('@resvg/resvg-js'),
  ]);
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  let svg: string;
  try {
    svg = await view.toSVG();
  } finally {
    view.finalize();
  }
  const rendered = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { loadSystemFonts: true },
  }).render();
  return { svg, png: rendered.asPng(), width: rendered.width, height: rendered.height };
}

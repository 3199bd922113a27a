import { classColor, rgbToHex } from './classColors';
import type { MetricValue } from './SessionData';
import type { ViewerContent } from './ViewerContent';

/** A picture of the report: its path relative to index.html and the size to show it at. */
export interface ReportPicture {
  file: string;
  width: number;
  height: number;
}

export interface ReportCase {
  name: string;
  /** absent when the case could not be drawn (see the content's warnings) */
  picture?: ReportPicture & { caption: string };
}

/** The static report page: summary table, training curves, and per case its Dice and its slice. */
export function reportHtml(
  content: ViewerContent,
  curves: ReportPicture | undefined,
  cases: ReportCase[],
): string {
  const { classes, summary } = content;
  const metric = (v: MetricValue | undefined) => (typeof v === 'number' ? v.toFixed(4) : 'n/a');
  const summaryRows = summary
    ? [
        ...classes.map((c) => [c.name, summary.mean[c.value]] as const),
        ['foreground mean', summary.foregroundMean] as const,
      ]
        .map(
          ([name, m]) =>
            `<tr><td>${escape(name)}</td><td>${metric(m?.Dice)}</td><td>${metric(m?.IoU)}</td></tr>`,
        )
        .join('\n')
    : '';
  const caseBlocks = cases.map((item, index) => {
    const source = content.cases[index]!;
    const dice = classes
      .map((c) => `${escape(c.name)} ${metric(source.metrics?.[c.value]?.Dice)}`)
      .join(' · ');
    const picture = item.picture
      ? `<figure><img src="${escape(item.picture.file)}" width="${item.picture.width}" height="${item.picture.height}" alt="${escape(item.name)}">` +
        `<figcaption>${escape(item.picture.caption)}</figcaption></figure>`
      : '<p>no picture (see the warnings)</p>';
    return `<section><h3>${escape(item.name)}</h3>${source.metrics ? `<p>Dice: ${dice}</p>` : ''}${picture}</section>`;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escape(content.title)} · nnunet-ts report</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 1em 2em; color: #222; }
table { border-collapse: collapse; } td, th { padding: 2px 8px; border-bottom: 1px solid #ddd; text-align: left; }
img { max-width: 100%; height: auto; } figure { margin: 0.5em 0; }
.legend span { display: inline-block; width: 1em; height: 1em; vertical-align: middle; margin: 0 0.3em 0 1em; }
</style>
</head>
<body>
<h1>${escape(content.title)}</h1>
<p class="legend">${classes.map((c) => `<span style="background:${rgbToHex(classColor(c.value))}"></span>${escape(`${c.value} ${c.name}`)}`).join('')}</p>
<h2>Mean metrics</h2>
${summary ? `<table><tr><th>class</th><th>Dice</th><th>IoU</th></tr>\n${summaryRows}\n</table>` : '<p>no summary.json</p>'}
<h2>Training curves</h2>
${curves ? `<img src="${escape(curves.file)}" width="${curves.width}" height="${curves.height}" alt="training curves"${content.curvesSource ? ` title="from ${escape(content.curvesSource)}"` : ''}>` : '<p>no DLLogger log with loss, Dice or lr values</p>'}
<h2>Cases</h2>
${caseBlocks.join('\n')}
${content.warnings.length ? `<h2>Warnings</h2><ul>${content.warnings.map((w) => `<li>${escape(w)}</li>`).join('')}</ul>` : ''}
</body>
</html>
`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

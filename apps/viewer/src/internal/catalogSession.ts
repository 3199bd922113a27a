import type { FileCatalog } from './FileCatalog';
import { fileRule, type RuleSources } from './fileRule';
import type { SessionCase, SessionData } from './SessionData';
import type { ViewerContent } from './ViewerContent';

/**
 * What `/api/session` answers: the content with each case file replaced by its catalogue URL. Files
 * that may not be served (links out of the results folder) are left out of their case; `refused`
 * says which, and the page shows them among the warnings.
 */
export async function catalogSession(
  content: ViewerContent,
  catalog: FileCatalog,
  sources: RuleSources,
): Promise<{ session: SessionData; refused: string[] }> {
  const refused: string[] = [];
  const cases: SessionCase[] = [];
  for (const { image, label, prediction, ...rest } of content.cases) {
    const served: SessionCase = rest;
    const files = { image, label, prediction };
    for (const key of ['image', 'label', 'prediction'] as const) {
      const file = files[key];
      if (file === undefined) continue;
      const rule = await fileRule(file, sources);
      if (typeof rule === 'string') refused.push(rule);
      else served[key] = catalog.add(file, rule);
    }
    cases.push(served);
  }
  return { session: { ...content, cases, warnings: [...content.warnings, ...refused] }, refused };
}

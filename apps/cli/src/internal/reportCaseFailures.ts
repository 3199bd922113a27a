import type { CaseFailure } from '@nnunet-ts/preprocessing';
import type { CliIo } from './CliIo';

/** One stderr line per failed case: its id, the file the problem is about, and the problem. */
export function reportCaseFailures(io: CliIo, failures: readonly CaseFailure[]): void {
  for (const f of failures) io.stderr.write(`failed ${f.caseId}: ${f.file}: ${f.reason}\n`);
}

import type { Planner } from '@nnunet-ts/plans';
import type { NoticeListener } from './ProgressEvent';

/** The planner a plan/preprocess call asked for: `--planner`, or the deprecated `--preset` with a notice. */
export function resolvePlanner(
  options: { planner: Planner; preset?: Planner },
  onNotice: NoticeListener | undefined,
): Planner {
  if (options.preset === undefined) return options.planner;
  onNotice?.(
    `--preset ${options.preset}: planning with --preset is deprecated, use --planner ${options.preset} ` +
      '(--preset names the training recipe of nnunet train)',
  );
  return options.preset;
}

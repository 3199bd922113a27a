import { createLogger, dlloggerBackend, type LogData } from '@nnunet-ts/logging';
import type { BenchmarkMode, PerformanceStats } from '../performanceStats';

/**
 * Writes the run as the seed's DLLogger file: units as METADATA lines, the run's parameters as a
 * `PARAMETER` line, then the statistics as one summary line (step `[]`), as `logger.log_metrics`.
 */
export async function writePerfLog(
  path: string,
  mode: BenchmarkMode,
  parameters: LogData,
  stats: PerformanceStats,
): Promise<void> {
  const logger = createLogger({ backends: [dlloggerBackend({ path })] });
  try {
    for (const metric of Object.keys(stats)) {
      logger.metadata(metric, { unit: metric === `throughput_${mode}` ? 'images/s' : 'ms' });
    }
    logger.log('PARAMETER', parameters);
    logger.log([], stats);
  } finally {
    await logger.close();
  }
}

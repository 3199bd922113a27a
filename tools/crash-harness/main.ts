// The crash harness as a script (issue: reliability under faults). Kills preprocess, train, predict
// and evaluate with SIGKILL at injected points and at seeded moments, reruns them, and checks what
// they leave. Exit code 1 when any kill fails.
//   node --conditions=@nnunet-ts/source --import tsx tools/crash-harness/main.ts [--kills 20] [--seed 1]
//     [--commands preprocess,train,predict,evaluate] [--work-dir DIR] [--report report.md]
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { runCrashHarness, type CommandName } from './crashHarness';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '20' },
    seed: { type: 'string', default: '1' },
    commands: { type: 'string' },
    'work-dir': { type: 'string' },
    report: { type: 'string' },
  },
});
const started = Date.now();
const outcomes = await runCrashHarness({
  killsPerCommand: Number(values.kills),
  seed: Number(values.seed),
  workDir: values['work-dir'],
  commands: values.commands?.split(',') as CommandName[] | undefined,
  log: (line) => console.log(line),
});
const passed = outcomes.filter((o) => o.problems.length === 0).length;
const report = [
  `| command | kill | the killed run | outcome |`,
  `| --- | --- | --- | --- |`,
  ...outcomes.map(
    (o) => `| ${o.command} | ${o.kill} | ${o.ended} | ${o.problems.length ? o.problems.join('; ') : 'ok'} |`,
  ),
  '',
  `${passed}/${outcomes.length} kills passed (seed ${values.seed}, ${Math.round((Date.now() - started) / 1000)} s)`,
].join('\n');
console.log(`\n${report}`);
if (values.report) await writeFile(values.report, `${report}\n`);
process.exitCode = passed === outcomes.length ? 0 : 1;

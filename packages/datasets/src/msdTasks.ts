/** The ten Medical Segmentation Decathlon tasks by number, as the seed's `data_preprocessing/configs.py`. */
export const MSD_TASKS: Readonly<Record<string, string>> = {
  '01': 'Task01_BrainTumour',
  '02': 'Task02_Heart',
  '03': 'Task03_Liver',
  '04': 'Task04_Hippocampus',
  '05': 'Task05_Prostate',
  '06': 'Task06_Lung',
  '07': 'Task07_Pancreas',
  '08': 'Task08_HepaticVessel',
  '09': 'Task09_Spleen',
  '10': 'Task10_Colon',
};

/** The number in a task id: `4`, `04`, `Task04`, `Task04_Hippocampus`, `Dataset004` → 4; otherwise undefined. */
export function taskNumber(task: string): number | undefined {
  const match = /^(?:task|dataset)?0*(\d+)(?:_.*)?$/i.exec(task.trim());
  return match ? Number(match[1]) : undefined;
}

/** The MSD folder name of a task id (`'4'`, `'04'`, `'Task04'`, `'Task04_Hippocampus'` → `Task04_Hippocampus`). */
export function msdTaskName(task: string): string {
  const n = taskNumber(task);
  const name = n === undefined ? undefined : MSD_TASKS[String(n).padStart(2, '0')];
  if (name === undefined) {
    // '10' is an integer key, which JavaScript enumerates before '01'..'09'
    const known = Object.entries(MSD_TASKS)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, folder]) => `${id} ${folder}`)
      .join(', ');
    throw new Error(`task '${task}' is not a Medical Segmentation Decathlon task; the tasks are ${known}`);
  }
  return name;
}

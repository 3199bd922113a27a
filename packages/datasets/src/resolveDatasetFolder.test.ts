import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { msdTaskName, taskNumber } from './msdTasks';
import { tempDir } from './internal/sharedData.fixture';
import { defaultDataRoot, resolveDatasetFolder } from './resolveDatasetFolder';

async function dataRoot(folders: Record<string, boolean>): Promise<string> {
  const root = await tempDir();
  for (const [name, withJson] of Object.entries(folders)) {
    await mkdir(path.join(root, name));
    if (withJson) await writeFile(path.join(root, name, 'dataset.json'), '{}');
  }
  return root;
}

describe('resolveDatasetFolder', () => {
  it('finds a task by number in any spelling, MSD and nnU-Net v2 names alike', async () => {
    const root = await dataRoot({ Task04_Hippocampus: true, Dataset011_Kidney: true, Task09_Spleen: false });
    for (const task of ['04', '4', 'Task04', 'task4', 'Task04_Hippocampus']) {
      expect(resolveDatasetFolder(task, root)).toBe(path.join(root, 'Task04_Hippocampus'));
    }
    expect(resolveDatasetFolder('11', root)).toBe(path.join(root, 'Dataset011_Kidney'));
    expect(resolveDatasetFolder('Dataset011', root)).toBe(path.join(root, 'Dataset011_Kidney'));
  });

  it('takes an existing dataset folder as it is', async () => {
    const root = await dataRoot({ mydata: true });
    expect(resolveDatasetFolder(path.join(root, 'mydata'), '/nonexistent')).toBe(path.join(root, 'mydata'));
    expect(resolveDatasetFolder('mydata', root)).toBe(path.join(root, 'mydata'));
  });

  it('explains what it searched, and folders without dataset.json', async () => {
    const root = await dataRoot({ Task04_Hippocampus: true, Task09_Spleen: false, Task4_Other: true });
    expect(() => resolveDatasetFolder('05', root)).toThrow(
      `no dataset folder for '05': searched ${path.resolve('05')}, ${path.join(root, 'Task05_*')}, ${path.join(root, 'Dataset005_*')}`,
    );
    expect(() => resolveDatasetFolder('9', root)).toThrow(
      `${path.join(root, 'Task09_Spleen')} is a folder but has no dataset.json, so it is not a dataset folder`,
    );
    expect(() => resolveDatasetFolder('4', root)).toThrow(
      /task '4' is ambiguous: .*Task04_Hippocampus, .*Task4_Other all match/,
    );
    expect(() => resolveDatasetFolder('01', path.join(root, 'missing'))).toThrow(
      /\(the data folder .*missing does not exist; set --data or NNUNET_DATA\)/,
    );
  });

  it('defaults the data folder to NNUNET_DATA, then nnUNet_raw, then ./data', () => {
    expect(defaultDataRoot({ NNUNET_DATA: '/a', nnUNet_raw: '/b' })).toBe('/a');
    expect(defaultDataRoot({ nnUNet_raw: '/b' })).toBe('/b');
    expect(defaultDataRoot({})).toBe(path.resolve('data'));
  });
});

describe('MSD task names', () => {
  it('maps the ten task numbers to their folders', () => {
    expect(msdTaskName('1')).toBe('Task01_BrainTumour');
    expect(msdTaskName('Task04')).toBe('Task04_Hippocampus');
    expect(msdTaskName('10')).toBe('Task10_Colon');
    expect(taskNumber('Dataset004_Hippocampus')).toBe(4);
    expect(taskNumber('hippocampus')).toBeUndefined();
    expect(() => msdTaskName('11')).toThrow(
      /task '11' is not a Medical Segmentation Decathlon task; the tasks are 01 Task01_BrainTumour, .*10 Task10_Colon/,
    );
  });
});

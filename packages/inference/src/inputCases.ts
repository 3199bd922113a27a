import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';

const NIFTI = /\.nii(\.gz)?$/;

/**
 * The cases of an input path (a NIfTI file, or a folder of them: MSD's one possibly 4D file per
 * case, or nnU-Net v2's `{case}_XXXX` file per channel): case id → its channel files in order.
 */
export async function inputCases(input: string): Promise<Map<string, string[]>> {
  if (NIFTI.test(input)) return new Map([[basename(input).replace(NIFTI, ''), [input]]]);
  if (!existsSync(input)) throw new Error(`${input}: no such file or folder`);
  const files = (await readdir(input)).filter((f) => NIFTI.test(f)).sort();
  if (files.length === 0) throw new Error(`${input}: no NIfTI images (.nii or .nii.gz) in this folder`);
  const cases = new Map<string, string[]>();
  for (const file of files) {
    const stem = file.replace(NIFTI, '');
    const id = /_\d{4}$/.test(stem) ? stem.slice(0, -5) : stem;
    cases.set(id, [...(cases.get(id) ?? []), join(input, file)]);
  }
  return cases;
}

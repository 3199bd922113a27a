import { access } from 'node:fs/promises';
import path from 'node:path';
import { loadDataset, type Dataset, type DatasetCase } from '@nnunet-ts/datasets';

/**
 * The dataset folders a results folder leads to (its own `dataset.json`, and the folders of the
 * reference labels that `summary.json` names), to find a case's image and the class names.
 * A dataset that cannot be read is reported in `warnings` and skipped.
 */
export class DatasetIndex {
  private readonly datasets = new Map<string, Dataset | undefined>();

  constructor(private readonly warnings: string[]) {}

  /** Reads the dataset of `folder` once. */
  async add(folder: string): Promise<void> {
    const root = path.resolve(folder);
    if (this.datasets.has(root)) return;
    try {
      this.datasets.set(root, await loadDataset(root));
    } catch (error) {
      this.datasets.set(root, undefined);
      this.warnings.push(error instanceof Error ? error.message : String(error));
    }
  }

  /** Adds the dataset a label file belongs to: the folder above `labelsTr/` when it has a dataset.json. */
  async addForLabel(labelFile: string): Promise<void> {
    const folder = path.dirname(path.dirname(labelFile));
    if (this.datasets.has(folder)) return;
    if (await exists(path.join(folder, 'dataset.json'))) await this.add(folder);
    else this.datasets.set(folder, undefined);
  }

  /**
   * The case whose label is `labelFile`, else the first case with id `id` whose image exists (a
   * dataset.json copied into a results folder lists images that are not beside it).
   */
  async findCase(labelFile: string | undefined, id: string): Promise<DatasetCase | undefined> {
    const all = this.loaded().flatMap((d) => [...d.training, ...d.test]);
    const resolved = labelFile && path.resolve(labelFile);
    const candidates = [
      ...all.filter((c) => resolved !== undefined && c.label === resolved),
      ...all.filter((c) => c.id === id),
    ];
    for (const candidate of candidates) {
      if (candidate.images[0] !== undefined && (await exists(candidate.images[0]))) return candidate;
    }
    return undefined;
  }

  /** Label value → name of the first dataset read (background included). */
  labels(): Map<number, string> | undefined {
    return this.loaded()[0]?.labels;
  }

  private loaded(): Dataset[] {
    return [...this.datasets.values()].filter((d): d is Dataset => d !== undefined);
  }
}

function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

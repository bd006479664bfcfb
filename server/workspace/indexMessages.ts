import type { FileModel } from '../terraform/fileModel';

/** Main thread → index worker: parse these files. */
export interface IndexJob {
  id: number;
  files: { path: string; uri: string }[];
}

/** Index worker → main thread: one file's model, or why it was skipped. */
export type IndexResult = { uri: string; path: string } & ({ model: FileModel } | { skipped: string });

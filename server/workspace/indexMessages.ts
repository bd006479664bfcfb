import type { FileModel } from '../terraform/fileModel';
import type { PackedFileModel } from '../terraform/packedModel';

/** Main thread → index worker: parse these files. */
export interface IndexJob {
  id: number;
  files: { path: string; uri: string }[];
}

/** One file's model (packed when it comes from a worker), or why it was skipped. */
export type IndexResult = { uri: string; path: string } & ({ model: FileModel } | { packed: PackedFileModel } | { skipped: string });

/**
 * Index worker → main thread: the results of a job. Models come packed (compressed, with their
 * summaries), their bytes transferred rather than copied: the main thread keeps them as they are
 * and unpacks a file only when a feature reads it.
 */
export interface IndexDelivery {
  id: number;
  results: IndexResult[];
}

import type { FileModel } from '../terraform/fileModel';

/** Main thread → index worker: parse these files. */
export interface IndexJob {
  id: number;
  files: { path: string; uri: string }[];
}

/** One file's model, or why it was skipped. */
export type IndexResult = { uri: string; path: string } & ({ model: FileModel } | { skipped: string });

/**
 * Index worker → main thread: the results of a job, each serialised on its own (`v8.serialize` of
 * an `IndexResult`) and transferred, not copied. The main thread deserialises them a few at a time
 * between the editor's requests, instead of all at once when the message arrives.
 */
export interface IndexDelivery {
  id: number;
  results: ArrayBuffer[];
}

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { HclParser } from '../terraform/hclParser';
import type { FileModel } from '../terraform/fileModel';
import type { PackedFileModel } from '../terraform/packedModel';
import type { IndexDelivery, IndexJob, IndexResult } from './indexMessages';
import { parseFileFromDisk } from './parseFile';

/** Below this many files, starting workers costs more than it saves. */
const workerThreshold = 24;
/** Files per job: small enough to spread evenly, large enough to amortise messaging. */
const batchSize = 8;
/**
 * The longest the main thread spends taking in results before it lets the event loop answer the
 * editor: a didOpen or didChange that arrives meanwhile waits at most about this long.
 */
const sliceMs = 8;

export interface IndexProgress {
  done: number;
  total: number;
}

/**
 * Parses many files into models using every core: worker threads when the batch is large, the
 * calling thread otherwise. Results arrive through `onModel` as they are ready (packed when a
 * worker made them, see `PackedFileModel`); `isCancelled`
 * stops handing out work. Files in a folder (module URI) of `prioritised`, which the caller may
 * add to while the index runs, are handed out first.
 */
export async function indexFiles(
  files: { path: string; uri: string }[],
  parsers: { terraform: HclParser; hcl: HclParser },
  onModel: (model: FileModel | PackedFileModel) => void,
  onSkipped: (file: { path: string; uri: string }, reason: string) => void,
  onProgress: (p: IndexProgress) => void,
  isCancelled: () => boolean = () => false,
  prioritised: ReadonlySet<string> = new Set(),
): Promise<void> {
  const total = files.length;
  let done = 0;
  const deliver = (r: IndexResult): void => {
    if ('model' in r) onModel(r.model);
    else if ('packed' in r) onModel(r.packed);
    else onSkipped(r, r.skipped);
    done++;
    onProgress({ done, total });
  };
  const workerCount = Math.min(Math.max(1, (os.availableParallelism?.() ?? os.cpus().length)), 4);
  const workerFile = workerEntry();
  if (files.length < workerThreshold || workerCount < 2 || !workerFile) {
    for (const f of files) {
      if (isCancelled()) return;
      deliver({ ...f, ...parseFileFromDisk(parsers, f.path, f.uri) });
      // Let the event loop answer the editor between files.
      if (done % 8 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return;
  }
  const queue: IndexJob[] = [];
  for (let i = 0; i < files.length; i += batchSize) queue.push({ id: i, files: files.slice(i, i + batchSize) });
  // Deliveries wait here and are taken in a slice at a time between the editor's requests; the
  // workers go on parsing meanwhile.
  const received: IndexResult[] = [];
  let wake: (() => void) | undefined;
  let workersDone = false;
  const intake = (async () => {
    for (;;) {
      if (received.length === 0) {
        if (workersDone) return;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      const started = performance.now();
      while (received.length > 0 && performance.now() - started < sliceMs) {
        deliver(received.shift()!);
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  })();
  const receive = (results: IndexResult[]): void => {
    received.push(...results);
    wake?.();
  };
  await Promise.all(
    Array.from({ length: workerCount }, () =>
      new Promise<void>((resolve) => {
        const worker = new Worker(workerFile.file, { execArgv: workerFile.execArgv });
        const next = (): void => {
          const job = isCancelled() ? undefined : takeJob(queue, prioritised);
          if (job) worker.postMessage(job);
          else void worker.terminate().then(() => resolve());
        };
        worker.on('message', (message: { ready?: boolean } | IndexDelivery) => {
          // Ask for the next job first: the worker parses it while this one's models are taken in.
          next();
          if ('results' in message) receive(message.results);
        });
        worker.on('error', () => {
          // A worker that dies leaves its files to the main thread.
          void worker.terminate().then(async () => {
            for (let job = queue.shift(); job; job = queue.shift()) for (const f of job.files) deliver({ ...f, ...parseFileFromDisk(parsers, f.path, f.uri) });
            resolve();
          });
        });
      }),
    ),
  );
  workersDone = true;
  wake?.();
  await intake;
}

/** The next job: the first that holds a file of a prioritised folder, else the first. */
function takeJob(queue: IndexJob[], prioritised: ReadonlySet<string>): IndexJob | undefined {
  if (prioritised.size > 0) {
    const at = queue.findIndex((job) => job.files.some((f) => prioritised.has(f.uri.slice(0, f.uri.lastIndexOf('/')))));
    if (at > 0) return queue.splice(at, 1)[0];
  }
  return queue.shift();
}

/** The worker script: the bundle beside this one, or the TypeScript source when run through tsx. */
function workerEntry(): { file: string; execArgv: string[] } | undefined {
  const bundled = path.join(__dirname, 'indexWorker.js');
  if (fs.existsSync(bundled)) return { file: bundled, execArgv: [] };
  const source = path.join(__dirname, 'indexWorker.ts');
  if (fs.existsSync(source)) return { file: source, execArgv: ['--require', 'tsx/cjs'] };
  return undefined;
}

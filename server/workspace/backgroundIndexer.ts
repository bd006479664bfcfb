import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { HclParser } from '../terraform/hclParser';
import type { FileModel } from '../terraform/fileModel';
import type { IndexJob, IndexResult } from './indexMessages';
import { parseFileFromDisk } from './parseFile';

/** Below this many files, starting workers costs more than it saves. */
const workerThreshold = 24;
/** Files per job: small enough to spread evenly, large enough to amortise messaging. */
const batchSize = 16;

export interface IndexProgress {
  done: number;
  total: number;
}

/**
 * Parses many files into models using every core: worker threads when the batch is large, the
 * calling thread otherwise. Results arrive through `onModel` as they are ready; `isCancelled`
 * stops handing out work.
 */
export async function indexFiles(
  files: { path: string; uri: string }[],
  parsers: { terraform: HclParser; hcl: HclParser },
  onModel: (model: FileModel) => void,
  onSkipped: (file: { path: string; uri: string }, reason: string) => void,
  onProgress: (p: IndexProgress) => void,
  isCancelled: () => boolean = () => false,
): Promise<void> {
  const total = files.length;
  let done = 0;
  const deliver = (r: IndexResult): void => {
    if ('model' in r) onModel(r.model);
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
  await Promise.all(
    Array.from({ length: workerCount }, () =>
      new Promise<void>((resolve) => {
        const worker = new Worker(workerFile.file, { execArgv: workerFile.execArgv });
        const next = (): void => {
          const job = isCancelled() ? undefined : queue.shift();
          if (job) worker.postMessage(job);
          else void worker.terminate().then(() => resolve());
        };
        worker.on('message', (message: { ready?: boolean; results?: IndexResult[] }) => {
          if (message.results) for (const r of message.results) deliver(r);
          next();
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
}

/** The worker script: the bundle beside this one, or the TypeScript source when run through tsx. */
function workerEntry(): { file: string; execArgv: string[] } | undefined {
  const bundled = path.join(__dirname, 'indexWorker.js');
  if (fs.existsSync(bundled)) return { file: bundled, execArgv: [] };
  const source = path.join(__dirname, 'indexWorker.ts');
  if (fs.existsSync(source)) return { file: source, execArgv: ['--require', 'tsx/cjs'] };
  return undefined;
}

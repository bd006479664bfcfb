/**
 * A worker thread of the background indexer (dist/indexWorker.js): it parses the files it is sent
 * and posts back their models, so a cold index uses every core while the main thread keeps
 * answering the editor.
 */
import { parentPort } from 'node:worker_threads';
import { HclParser } from '../terraform/hclParser';
import { parseFileFromDisk } from './parseFile';
import type { IndexJob, IndexResult } from './indexMessages';

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('indexWorker must run as a worker thread');
  const parsers = { terraform: await HclParser.create('terraform'), hcl: await HclParser.create('hcl') };
  port.on('message', (job: IndexJob) => {
    const results: IndexResult[] = job.files.map(({ path, uri }) => ({ uri, path, ...parseFileFromDisk(parsers, path, uri) }));
    port.postMessage({ id: job.id, results });
  });
  port.postMessage({ ready: true });
}

void main();

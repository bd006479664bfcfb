/**
 * A worker thread of the background indexer (dist/indexWorker.js): it parses the files it is sent
 * and posts back their models, packed, so a cold index uses every core while the main thread keeps
 * answering the editor.
 */
import { parentPort } from 'node:worker_threads';
import { HclParser } from '../terraform/hclParser';
import { packFileFromDisk } from './parseFile';
import type { IndexDelivery, IndexJob, IndexResult } from './indexMessages';

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('indexWorker must run as a worker thread');
  const parsers = { terraform: await HclParser.create('terraform'), hcl: await HclParser.create('hcl') };
  port.on('message', (job: IndexJob) => {
    const transfer: ArrayBuffer[] = [];
    const results = job.files.map(({ path, uri }): IndexResult => {
      const outcome = packFileFromDisk(parsers, path, uri);
      if ('packed' in outcome) transfer.push(outcome.packed.bytes.buffer as ArrayBuffer);
      return { uri, path, ...outcome };
    });
    const delivery: IndexDelivery = { id: job.id, results };
    port.postMessage(delivery, transfer);
  });
  port.postMessage({ ready: true });
}

void main();

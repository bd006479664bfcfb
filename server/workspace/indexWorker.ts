/**
 * A worker thread of the background indexer (dist/indexWorker.js): it parses the files it is sent
 * and posts back their models, so a cold index uses every core while the main thread keeps
 * answering the editor.
 */
import * as v8 from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { HclParser } from '../terraform/hclParser';
import { parseFileFromDisk } from './parseFile';
import type { IndexDelivery, IndexJob, IndexResult } from './indexMessages';

/** A serialised result in an ArrayBuffer of its own, so that it can be transferred rather than copied. */
function serialise(result: IndexResult): ArrayBuffer {
  const bytes = v8.serialize(result);
  const buffer = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(buffer).set(bytes);
  return buffer;
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('indexWorker must run as a worker thread');
  const parsers = { terraform: await HclParser.create('terraform'), hcl: await HclParser.create('hcl') };
  port.on('message', (job: IndexJob) => {
    const results = job.files.map(({ path, uri }) => serialise({ uri, path, ...parseFileFromDisk(parsers, path, uri) }));
    const delivery: IndexDelivery = { id: job.id, results };
    port.postMessage(delivery, results);
  });
  port.postMessage({ ready: true });
}

void main();

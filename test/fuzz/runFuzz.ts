/**
 * `npm run fuzz [-- --inputs N --seed S]`: the long fuzz run. Prints inputs/s, the slowest input and
 * every failure (each becomes a golden case once fixed); exits 1 on any failure.
 */
import { parseArgs } from 'node:util';
import { runFuzz } from './fuzzHarness';

const { values } = parseArgs({ options: { inputs: { type: 'string', default: '100000' }, seed: { type: 'string', default: String(Date.now() % 1_000_000) }, bound: { type: 'string', default: '5000' } } });
(async () => {
  const inputs = Number(values.inputs);
  let last = Date.now();
  const stats = await runFuzz({
    inputs,
    seed: Number(values.seed),
    timeBoundMs: Number(values.bound),
    onProgress: (done) => {
      if (Date.now() - last > 5000) {
        last = Date.now();
        process.stderr.write(`fuzz: ${done}/${inputs}\n`);
      }
    },
  });
  console.log(`fuzz: ${stats.inputs} inputs in ${stats.seconds.toFixed(1)} s (${(stats.inputs / stats.seconds).toFixed(0)} inputs/s), seed ${values.seed}`);
  console.log(`slowest: ${stats.slowest.kind}, ${stats.slowest.ms.toFixed(0)} ms, ${stats.slowest.input.length} characters: ${JSON.stringify(stats.slowest.input.slice(0, 120))}`);
  for (const f of stats.failures) console.log(`FAILURE ${f.kind}: ${f.problem.split('\n').slice(0, 3).join(' | ')}\n  input: ${JSON.stringify(f.input.slice(0, 400))}`);
  console.log(`${stats.failures.length === 0 ? 'no failures' : `${stats.failures.length} failures`}`);
  process.exit(stats.failures.length ? 1 : 0);
})();

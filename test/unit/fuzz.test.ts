import * as assert from 'node:assert/strict';
import { runFuzz } from '../fuzz/fuzzHarness';

describe('fuzzing every analysis entry point (short seeded pass; `npm run fuzz` runs the long one)', () => {
  it('never throws, stays in time and keeps diagnostics inside the document', async function () {
    this.timeout(120_000);
    const stats = await runFuzz({ inputs: Number(process.env.FUZZ_INPUTS ?? 600), seed: 20261123, timeBoundMs: 5_000 });
    const report = stats.failures.slice(0, 3).map((f) => `${f.kind}: ${f.problem.split('\n')[0]}\n  input: ${JSON.stringify(f.input.slice(0, 300))}`);
    assert.deepEqual(report, []);
    assert.equal(stats.inputs, Number(process.env.FUZZ_INPUTS ?? 600));
  });
});

/**
 * The checks of the integration suites that drive the server from a JSON-RPC client: one
 * `PASS`/`FAIL` line per check, then "N passed, N failed" and the exit code.
 */
let passed = 0;
let failed = 0;

export function check(ok: boolean, name: string, detail = ''): void {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${!ok && detail ? `: ${detail}` : ''}`);
}

/** Prints the tally and exits, 1 if any check failed. */
export function finish(): never {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

/** Runs a suite: its checks' tally when `main` returns, exit 1 when it throws before the end. */
export function runChecks(main: () => Promise<void>): void {
  main().then(
    () => finish(),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

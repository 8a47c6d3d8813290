/**
 * The `rx-followup` bin: the command line run on the process's streams, environment and clock (`run.ts`), or — in
 * a worker thread of `plan --workers N` — a planner serving batches of records.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { cliWords } from './cli-words.js';
import { requestedLocale } from './options.js';
import { servePlanWorker, type PlanWorkerData } from './plan-workers.js';
import { runCli } from './run.js';

if (!isMainThread && (workerData as { role?: string } | null)?.role === 'rx-followup-plan-worker') {
  // A failure here is an unhandled rejection: the worker stops, and the main thread reports it and exits.
  if (parentPort) void servePlanWorker(parentPort, workerData as PlanWorkerData);
} else {
  // A reader that goes away (`| head`) ends the run quietly; any other failure to write (a full disk) is said in one
  // line, with its own exit code: the plans were not all written.
  const said = cliWords(requestedLocale(process.argv.slice(2), process.env));
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`${said('cannot-write', { reason: error.code ?? error.message })}\n`);
    process.exit(3);
  });
  // The one place rx-followup reads the clock: the default asOf of a batch (and the day lint and diff check against).
  const io = {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    now: () => Date.now(),
  };
  // Workers run this very file (the bundle's `dist/cli.js`).
  void runCli(process.argv.slice(2), io, new URL(import.meta.url)).then((code) => {
    process.exitCode = code;
  });
}

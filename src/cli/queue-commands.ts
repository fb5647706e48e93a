/**
 * hopcode/cli/queue-commands — `hopcode worker` and the `--redis` runner of `simulate`.
 *
 * Thin clients of src/queue: option checks (one line, exit 2), signals, log lines.
 * A worker registers the simulator's job kind, so it runs simulation chunks. BullMQ is
 * loaded only by the commands that use it (every other command starts faster).
 */
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import type { QueueCoordinator } from '../queue/coordinator.js';
import { parseIntOption, parseNumberOption, UsageError } from './options.js';

interface WorkerArgs {
  redis?: string;
  threads?: string;
  stallSeconds: string;
  name?: string;
}

/** The coordinator of `simulate --redis URL` (connected and version-checked). */
export async function openCoordinator(url: string, attempts?: string, patience?: string): Promise<QueueCoordinator> {
  const n = attempts === undefined ? 3 : parseIntOption('--attempts', attempts);
  if (n < 1 || n > 100) throw new UsageError(`--attempts must be 1..100, got ${n}`);
  const lost = patience === undefined ? 10 : parseNumberOption('--redis-patience', patience);
  if (!(lost >= 0.5 && lost <= 3600)) throw new UsageError(`--redis-patience must lie in [0.5, 3600] seconds, got "${patience}"`);
  const { QueueCoordinator } = await import('../queue/coordinator.js');
  return QueueCoordinator.open(url, { attempts: n, lostAfterSeconds: lost });
}

async function workerCommand(a: WorkerArgs): Promise<number> {
  if (a.redis === undefined) throw new UsageError('hopcode worker needs --redis URL (the Redis the coordinator uses, e.g. --redis redis://10.0.0.1:6379)');
  const threads = a.threads !== undefined ? parseIntOption('--threads', a.threads) : Math.min(2, availableParallelism());
  if (threads < 1 || threads > 256) throw new UsageError(`--threads must be 1..256, got ${threads}`);
  const stallSeconds = parseNumberOption('--stall-seconds', a.stallSeconds);
  if (!(stallSeconds >= 0.5 && stallSeconds <= 3600)) throw new UsageError(`--stall-seconds must lie in [0.5, 3600], got "${a.stallSeconds}"`);
  const kill = process.env.HOPCODE_TEST_KILL_AT_CHUNK;
  await import('../sim/sim-chunk.js'); // registers the 'sim' job kind this worker runs
  const { RemoteWorker } = await import('../queue/remote-worker.js');
  const { workerIdentity } = await import('../queue/coordinator.js');
  const log = (line: string): void => void process.stderr.write(line + '\n');
  const worker = await RemoteWorker.start({
    url: a.redis,
    threads,
    stallSeconds,
    name: a.name ?? workerIdentity(),
    log,
    killAtChunk: kill !== undefined ? Number(kill) : undefined,
  });
  // Runs until stopped: the first SIGINT/SIGTERM finishes the jobs in hand, a second abandons them.
  await new Promise<void>((resolve) => {
    let signals = 0;
    const onSignal = (): void => {
      signals++;
      if (signals === 1) {
        log('hopcode worker: finishing the chunks in hand, then exiting (signal again to abandon them: they are redone elsewhere)');
        void worker.close(false).then(resolve, resolve);
      } else {
        // abandoned jobs stall and are redone by another worker; never hang on a dead Redis
        setTimeout(resolve, 3000).unref();
        void worker.close(true).then(resolve, resolve);
      }
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  log('hopcode worker: stopped');
  return 0;
}

export function registerQueueCommands(program: Command): void {
  program
    .command('worker')
    .description('run simulation chunks from a Redis queue until stopped (start one per machine; see simulate --redis)')
    .option('--redis <url>', 'Redis of the queue: redis://[user:password@]host[:port][/db]')
    .option('--threads <count>', 'worker threads on this machine (chunks run at once)')
    .option('--stall-seconds <s>', "a job whose worker is silent this long is redone by another (BullMQ's lock duration)", '30')
    .option('--name <name>', 'name of this worker in messages (default host:pid)')
    .action(async (a: WorkerArgs) => {
      process.exitCode = await workerCommand(a);
    });
}

/**
 * hopcode/report/rank-budget — exact ranks under a wall-clock budget per point.
 *
 * Each (preset, N) rank runs in a worker thread (dist/report/rank-worker.js); past the
 * budget the worker is terminated and the point is reported as not computed, with
 * the budget as the reason. Needs the compiled JavaScript (run from dist/).
 */
import { Worker } from 'node:worker_threads';
import type { RankOutcome, RankRunner } from './capacity.js';

export function rankWithBudget(budgetSeconds: number): RankRunner {
  if (!(budgetSeconds > 0)) throw new Error(`hopcode/report: the rank budget must be > 0 s, got ${budgetSeconds}`);
  return (preset, n, seed) =>
    new Promise<RankOutcome>((resolve) => {
      const worker = new Worker(new URL('./rank-worker.js', import.meta.url), { workerData: { preset, n, seed } });
      let done = false;
      const finish = (r: RankOutcome): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        void worker.terminate();
        resolve(r);
      };
      const timer = setTimeout(() => finish({ status: 'not computed', reason: `exact rank did not finish within the ${budgetSeconds} s budget` }), budgetSeconds * 1000);
      worker.once('message', (r: RankOutcome) => finish(r));
      worker.once('error', (e) => finish({ status: 'not computed', reason: `error: ${e.message}` }));
      worker.once('exit', (code) => finish({ status: 'not computed', reason: `worker exited with code ${code}` }));
    });
}

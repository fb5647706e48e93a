/**
 * hopcode/report/rank-worker — worker-thread entry: exact K for one (preset, N, seed).
 *
 * Runs `rankInProcess` on workerData and posts the outcome; `rankWithBudget` runs it
 * here so that a rank that overruns its budget can be stopped (worker.terminate()).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { rankInProcess } from './capacity.js';

const { preset, n, seed } = workerData as { preset: string; n: number; seed: number };
try {
  parentPort!.postMessage(rankInProcess(preset, n, seed));
} catch (e) {
  parentPort!.postMessage({ status: 'not computed', reason: `error: ${(e as Error).message}` });
}

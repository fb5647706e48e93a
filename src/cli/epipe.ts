/**
 * hopcode/cli/epipe — leave quietly when the reader of our output goes away.
 *
 * `hopcode export | head` closes the pipe after a few lines; the next write fails with
 * EPIPE, which Node raises as an uncaught 'error' event (a stack trace). A Unix tool
 * stops writing and exits instead: nothing it could still print would be read.
 */
import type { Writable } from 'node:stream';

/** Exit with `code` (default 0) on EPIPE from `stream`; other errors are rethrown. */
export function exitQuietlyOnEpipe(stream: Writable, code = 0): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(code);
    throw e;
  });
}

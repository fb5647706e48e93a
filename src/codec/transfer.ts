/**
 * hopcode/codec/transfer — which buffers a message to or from a pool worker can move
 * instead of copying (structured clone copies; a transfer hands the memory over).
 */
/**
 * The distinct ArrayBuffers that the given views cover whole: those can be transferred.
 * A view into a larger buffer (a queue, Node's Buffer pool) is left to be copied.
 */
export function ownBuffers(views: Uint8Array[] | ArrayBufferView[]): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  for (const v of views) {
    const b = v.buffer;
    if (b instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === b.byteLength && b.byteLength > 0) seen.add(b);
  }
  return [...seen];
}

import type { IncomingMessage } from 'node:http';

export class PayloadTooLargeError extends Error {}

/**
 * Reads a request body up to `limit` bytes. Past the limit it rejects at once with
 * PayloadTooLargeError but keeps draining (dropping the bytes), so the 413 reaches a live socket.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size - chunk.length <= limit) reject(new PayloadTooLargeError()); // once, as soon as it is known
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

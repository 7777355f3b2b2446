import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import S3rver from 's3rver';
import { findFreePort } from './ports.js';

/**
 * An S3-compatible server on loopback. s3rver checks neither signatures nor POST policies, so every
 * safety check on uploads (size, type by content) lives in our own code, where it also runs in AWS.
 */
export interface LocalS3 {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export async function startLocalS3(options: { directory: string; port?: number }): Promise<LocalS3> {
  const port = options.port ?? (await findFreePort());
  const directory = resolve(options.directory);
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    silent: true,
    directory,
    allowMismatchedSignatures: true,
  });
  await server.run();
  return { endpoint: `http://127.0.0.1:${port}`, port, stop: () => server.close() };
}

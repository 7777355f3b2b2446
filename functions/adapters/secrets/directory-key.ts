import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { loadOnce } from '../../load-once.js';

/** Reads a secret's string (Secrets Manager in AWS); the stand-in tests pass is a plain function. */
export type ReadSecret = (secretId: string) => Promise<string>;

let client: Promise<SecretsManagerClient> | undefined;

/** GetSecretValue with one client per container, imported and made on first use. */
export const readSecretsManager: ReadSecret = async (secretId) => {
  client ??= import('@aws-sdk/client-secrets-manager').then(({ SecretsManagerClient }) => new SecretsManagerClient({}));
  const { GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const res = await (await client).send(new GetSecretValueCommand({ SecretId: secretId }));
  if (!res.SecretString) throw new Error('the directory key secret has no string value');
  return res.SecretString;
};

/** The shortest key accepted: HMAC-SHA256 is only as strong as its key, up to its 32-byte block of output. */
export const MIN_DIRECTORY_KEY_BYTES = 32;

/**
 * The routing directory's HMAC key (the province stack's secret; tenant roles may read it). Fetched
 * once per container and kept: it never rotates on a schedule (re-keying would orphan every hash,
 * docs/deploy.md), so there is nothing to refresh. A failed read is not cached: the next call retries.
 */
export function createDirectoryKeySource(secretId: string, read: ReadSecret = readSecretsManager): () => Promise<Buffer> {
  return loadOnce(() =>
    read(secretId).then((value) => {
      const bytes = Buffer.from(value, 'utf8');
      if (bytes.length < MIN_DIRECTORY_KEY_BYTES)
        throw new Error(`the directory key is ${bytes.length} bytes; at least ${MIN_DIRECTORY_KEY_BYTES} are needed`);
      return bytes;
    }),
  );
}

import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const FILE = 'portal-session.key';

/**
 * The key that signs the portal's session cookies: made once and kept in the data directory, so
 * sessions survive a restart and two machines never share a key by accident.
 */
export async function loadSessionSecret(dataDir: string): Promise<Uint8Array<ArrayBuffer>> {
  const path = join(dataDir, FILE);
  try {
    const key = Buffer.from((await readFile(path, 'utf8')).trim(), 'hex');
    if (key.length >= 32) return new Uint8Array(key);
    throw new Error(`${path} holds no usable key; delete it to make a new one`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const key = new Uint8Array(randomBytes(32));
  try {
    // `wx`: never overwrite a key another process wrote meanwhile; use that one instead.
    await writeFile(path, Buffer.from(key).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadSessionSecret(dataDir);
    throw error;
  }
  return key;
}

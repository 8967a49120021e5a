import { spawn } from 'node:child_process';

export interface RunningProcess {
  /** What the process printed that matched `ready`. */
  match: RegExpExecArray;
  /** Everything the process printed so far, for failure messages. */
  output(): string;
  /** Stops the process and everything it started; safe to call twice. */
  stop(): Promise<void>;
}

export interface ProcessOptions {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** What the process prints once it is ready (to stdout or stderr). */
  ready: RegExp;
  /** What to call it in failure messages. */
  name: string;
  timeoutMs?: number;
}

/**
 * Starts a long-running command in a process group of its own (so that stopping it also stops
 * the children of npm, npx or vite) and resolves once it prints `ready`.
 */
export function startProcess(options: ProcessOptions): Promise<RunningProcess> {
  const { command, args, cwd, env, ready, name, timeoutMs = 150_000 } = options;
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (!groupAlive(child.pid!)) return;
    signal(child.pid!, 'SIGTERM');
    const timer = setTimeout(() => signal(child.pid!, 'SIGKILL'), 10_000);
    await exited;
    // npm exits first; what it started may still be closing its database. Wait for the whole group.
    while (groupAlive(child.pid!)) await new Promise((resolve) => setTimeout(resolve, 100));
    clearTimeout(timer);
  };
  // Should the test runner itself go down, take the process with it.
  const onExit = () => signal(child.pid!, 'SIGKILL');
  process.once('exit', onExit);

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${name} was not ready within ${timeoutMs / 1000} s:\n${output}`));
    }, timeoutMs);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout.off('data', read);
        child.stderr.off('data', read);
        child.stdout.on('data', (more: Buffer) => (output += more.toString()));
        child.stderr.on('data', (more: Buffer) => (output += more.toString()));
        resolve({
          match,
          output: () => output,
          stop: async () => {
            await stop();
            process.off('exit', onExit);
          },
        });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code, sig) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${sig ?? code}) before it was ready:\n${output}`));
    });
  });
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(-pid, name);
  } catch {
    // Already gone.
  }
}

import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  /** The last lines it printed, for error reports. */
  output: string[];
  stop(): Promise<void>;
}

/** Runs a TypeScript entry point of the repo as its own process (through tsx), with the given env. */
export function spawnService(options: { name: string; cwd: string; entry: string; env: Record<string, string>; echo?: boolean }): ServiceProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', options.entry], {
    cwd: `${REPO_ROOT}${options.cwd}`,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      output.push(line);
      if (output.length > 200) output.shift();
      if (options.echo) console.log(`[${options.name}] ${line.replace(/^\[[a-z-]+\] /, '')}`);
    }
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  return {
    name: options.name,
    child,
    output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Polls a health URL until it answers 200; fails with the process's output if it exits or times out. */
export async function waitForHealth(service: ServiceProcess, url: string, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null) throw new Error(`${service.name} exited during start-up:\n${service.output.join('\n')}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${service.name} did not become healthy within ${timeoutMs} ms:\n${service.output.join('\n')}`);
}

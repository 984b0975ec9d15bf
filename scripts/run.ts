import { spawn } from 'node:child_process';
import { rootEnv } from './env';

/** Runs pnpm with the same binary that started us (works under `npx pnpm@… start` too). */
export function pnpm(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<void> {
  const execPath = rootEnv.npm_execpath;
  const [command, commandArgs] = execPath && /pnpm/.test(execPath) ? [process.execPath, [execPath, ...args]] : ['pnpm', args];
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`pnpm ${args.join(' ')} failed (exit ${code})`))));
    child.on('error', reject);
  });
}

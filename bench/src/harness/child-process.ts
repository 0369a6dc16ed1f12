import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const tsxFlags = ['--import', 'tsx']

/**
 * Runs `src/child/<script>.ts` in a fresh Node process (with `--expose-gc` and tsx) and resolves
 * with the one message it sends over IPC. Rejects when it exits without a message or non-zero.
 */
export function runChild<T>(
  script: string,
  args: string[],
  options: { execArgv?: string[]; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<T> {
  const file = fileURLToPath(new URL(`../child/${script}.ts`, import.meta.url))
  return new Promise((resolve, reject) => {
    const child = fork(file, args, {
      execArgv: ['--expose-gc', ...tsxFlags, ...(options.execArgv ?? [])],
      env: { ...process.env, AWS_SDK_JS_SUPPRESS_NODE_DEPRECATION_WARNING: '1', ...options.env },
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    })
    let message: T | undefined
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    const timer = options.timeoutMs
      ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs)
      : undefined
    child.on('message', (m) => {
      message = m as T
    })
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer)
      if (code === 0 && message !== undefined) resolve(message)
      else {
        const warningFree = stderr
          .split('\n')
          .filter(
            (line) =>
              line.trim() &&
              !/Warning|node >=22|a\.co\/|upgrade to node|versions published|--trace-warnings|To continue receiving|security updates/.test(
                line,
              ),
          )
          .join('\n')
        reject(
          new Error(
            `child ${script} ${(args[0] ?? '').slice(0, 60)} failed (${signal ?? code}):\n${warningFree}`,
          ),
        )
      }
    })
  })
}

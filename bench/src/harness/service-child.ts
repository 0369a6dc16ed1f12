import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** A long-lived helper process (a local server) spoken to over IPC, one request at a time. */
export interface ServiceChild<Ready> {
  ready: Ready
  process: ChildProcess
  /** Sends `message` and resolves with the next message the child sends back. */
  request<T>(message: unknown): Promise<T>
  /** Asks the child to close, and kills it when it has not exited after 5 s. */
  stop(): Promise<void>
}

/**
 * Starts `src/child/<script>.ts` with tsx and resolves once it sends its first message (e.g.
 * the URL it listens on).
 */
export function startServiceChild<Ready>(
  script: string,
  args: string[] = [],
): Promise<ServiceChild<Ready>> {
  const file = fileURLToPath(new URL(`../child/${script}.ts`, import.meta.url))
  const child = fork(file, args, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  const next = <T>() =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: unknown) => {
        child.off('exit', onExit)
        resolve(m as T)
      }
      const onExit = (code: number | null) => {
        child.off('message', onMessage)
        reject(new Error(`${script} exited (${code}) before answering`))
      }
      child.once('message', onMessage)
      child.once('exit', onExit)
    })
  return next<Ready>().then((ready) => ({
    ready,
    process: child,
    request<T>(message: unknown) {
      const answer = next<T>()
      child.send(message as object)
      return answer
    },
    async stop() {
      if (child.exitCode !== null) return
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      child.send({ op: 'close' })
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    },
  }))
}

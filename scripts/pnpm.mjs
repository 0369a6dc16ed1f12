// Runs the pinned pnpm, installing nothing globally: the global one when it is the pinned
// version, otherwise `npx pnpm@<pin>` (npm fetches it once into its cache).
import { execFileSync, spawnSync } from 'node:child_process'

export const PNPM_VERSION = '10.34.9'

function globalPnpmMatches() {
  try {
    return execFileSync('pnpm', ['--version'], { encoding: 'utf8' }).trim() === PNPM_VERSION
  } catch {
    return false
  }
}

const useGlobal = globalPnpmMatches()

/** The command and arguments that run the pinned pnpm with `args`. */
export function pnpmCommand(args) {
  return useGlobal ? ['pnpm', args] : ['npx', ['--yes', `pnpm@${PNPM_VERSION}`, ...args]]
}

/** Runs pnpm with `args`, inheriting stdio; exits the process on failure. */
export function pnpm(args, options = {}) {
  const [cmd, argv] = pnpmCommand(args)
  const result = spawnSync(cmd, argv, { stdio: 'inherit', ...options })
  if (result.status !== 0 && !options.allowFailure) {
    console.error(`\n✗ pnpm ${args.join(' ')} failed (exit ${result.status})`)
    process.exit(result.status ?? 1)
  }
  return result.status
}

/** Installs the workspace exactly as locked. */
export function installDependencies() {
  pnpm(['install', '--frozen-lockfile', '--config.confirmModulesPurge=false'])
}

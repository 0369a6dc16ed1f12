// The README's first quick-start command: `npm run demo`. Installs the workspace as locked,
// builds the demo and the packages it uses, then starts it on its embedded default
// (LocalStorage under apps/demo/data, no cloud account). PORT overrides the port (3000).
import { installDependencies, pnpm } from './pnpm.mjs'

process.env.TURBO_TELEMETRY_DISABLED = '1'
installDependencies()
pnpm(['exec', 'turbo', 'run', 'build', '--filter=@aury/demo...', '--output-logs=errors-only'])
pnpm(['--filter', '@aury/demo', 'run', 'start'])

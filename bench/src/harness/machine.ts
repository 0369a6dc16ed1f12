import { existsSync, readFileSync } from 'node:fs'
import os from 'node:os'

/** The machine a run happened on. */
export interface MachineInfo {
  cpu: string
  cores: number
  memoryGiB: number
  node: string
  openssl: string
  v8: string
  os: string
  date: string
}

function distribution(): string | undefined {
  if (!existsSync('/etc/os-release')) return undefined
  const match = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))
  return match?.[1]
}

/** CPU model, cores, memory, Node, OpenSSL, V8 and OS of this machine. */
export function machineInfo(): MachineInfo {
  const cpus = os.cpus()
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism?.() ?? cpus.length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    openssl: process.versions.openssl ?? 'unknown',
    v8: process.versions.v8,
    os: `${distribution() ?? os.type()} (${os.type()} ${os.release()}, ${os.arch()})`,
    date: new Date().toISOString(),
  }
}

/** The parts of `fs.Stats` LocalStorage reads. */
export interface StatsLike {
  size: number | bigint
  ino: number | bigint
  mtime: Date
  isFile(): boolean
  isDirectory(): boolean
  isSymbolicLink(): boolean
}

/** The parts of a directory entry LocalStorage reads. */
export interface DirentLike {
  name: string | Uint8Array
  isFile(): boolean
  isDirectory(): boolean
  isSymbolicLink(): boolean
}

/** The parts of `fs.promises.FileHandle` LocalStorage uses. */
export interface FileHandleLike {
  read(
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number | null,
  ): Promise<{ bytesRead: number }>
  write(
    buffer: Uint8Array,
    offset?: number,
    length?: number,
    position?: number | null,
  ): Promise<{ bytesWritten: number }>
  stat(): Promise<StatsLike>
  datasync(): Promise<void>
  close(): Promise<void>
}

/** The parts of `fs.promises` LocalStorage uses (string paths only). */
export interface FsPromisesLike {
  open(path: string, flags: string | number, mode?: number): Promise<FileHandleLike>
  mkdir(path: string, options: { recursive: boolean }): Promise<unknown>
  rename(from: string, to: string): Promise<void>
  unlink(path: string): Promise<void>
  rmdir(path: string): Promise<void>
  lstat(path: string): Promise<StatsLike>
  realpath(path: string): Promise<string | Uint8Array>
  readdir(
    path: string,
    options: { withFileTypes: true },
  ): Promise<readonly (DirentLike | string | Uint8Array)[]>
}

/**
 * A narrow view of `node:fs` that both Node's `fs` and memfs (`createFsFromVolume(vol)` or
 * `memfs().fs`) satisfy without casts. LocalStorage only touches the disk through it.
 *
 * @example
 * ```ts
 * import * as fs from 'node:fs'
 * import { memfs } from 'memfs'
 * const real: FsLike = fs
 * const inMemory: FsLike = memfs().fs
 * ```
 */
export interface FsLike {
  promises: FsPromisesLike
}

/**
 * An optional logging hook. Libraries never print; they call these functions when given.
 * Messages and metadata never contain secrets, signatures or tokens.
 *
 * @example
 * ```ts
 * const logger: Logger = { warn: (message, meta) => pino.warn(meta, message) }
 * ```
 */
export interface Logger {
  debug?(message: string, meta?: Record<string, unknown>): void
  warn?(message: string, meta?: Record<string, unknown>): void
}

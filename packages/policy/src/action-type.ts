import { ValidationError } from '@aury/errors'

/**
 * The kind of access a credential grants: `read` (download), `write` (upload, including
 * multipart) or `all` (both). The values are the seed's lower-case strings.
 *
 * @example
 * ```ts
 * buildTencentPolicy({ bucket: 'photos-1250000000', region: 'ap-guangzhou', actionType: ActionType.READ })
 * ActionType.WRITE === 'write' // true
 * ```
 */
export const ActionType = { READ: 'read', WRITE: 'write', ALL: 'all' } as const

/**
 * One of the {@link ActionType} values.
 *
 * @example
 * ```ts
 * const access: ActionType = 'read'
 * ```
 */
export type ActionType = (typeof ActionType)[keyof typeof ActionType]

/** Resolves an optional action type, defaulting to `write`; rejects unknown values. */
export function resolveActionType(value: unknown): ActionType {
  if (value === undefined) return ActionType.WRITE
  if (value === ActionType.READ || value === ActionType.WRITE || value === ActionType.ALL) {
    return value
  }
  throw new ValidationError(`actionType must be 'read', 'write' or 'all'`, {
    code: 'InvalidArgument',
    field: 'actionType',
  })
}

/** Picks the action list for an action type: `all` is the read set followed by the write set. */
export function actionsFor(
  actionType: ActionType,
  read: readonly string[],
  write: readonly string[],
): string[] {
  if (actionType === ActionType.READ) return [...read]
  if (actionType === ActionType.WRITE) return [...write]
  return [...read, ...write]
}

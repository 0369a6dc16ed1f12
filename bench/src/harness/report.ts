/** The shape every suite returns, rendered to Markdown and JSON by the CLI. */

/** One table: a header row and string cells, already formatted. */
export interface Table {
  caption?: string
  columns: string[]
  /** `'r'` right-aligns a column; defaults to left for the first column, right otherwise. */
  align?: Array<'l' | 'r'>
  rows: string[][]
}

/** A stated goal and whether this run met it. Goals are reported, never asserted in CI. */
export interface Goal {
  name: string
  target: string
  measured: string
  met: boolean
}

/** What a suite hands back: tables for humans, `data` for machines. */
export interface SuiteResult {
  id: string
  title: string
  /** One paragraph: workload, baseline, method. */
  method: string
  tables: Table[]
  goals: Goal[]
  notes: string[]
  /** Raw figures (per-round samples, counts) for `--json`. */
  data: unknown
  /** Wall time spent in the suite, in seconds. */
  seconds?: number
}

/** Renders one table as GitHub Markdown. */
export function renderTable(table: Table): string {
  const align = table.columns.map((_, i) => table.align?.[i] ?? (i === 0 ? 'l' : 'r'))
  const esc = (cell: string) => cell.replaceAll('|', '\\|')
  const lines = [
    `| ${table.columns.map(esc).join(' | ')} |`,
    `|${align.map((a) => (a === 'r' ? '---:' : '---')).join('|')}|`,
    ...table.rows.map((row) => `| ${row.map(esc).join(' | ')} |`),
  ]
  return `${table.caption ? `${table.caption}\n\n` : ''}${lines.join('\n')}`
}

/** Renders goals as a table with a ✅ / ❌ column. */
export function renderGoals(goals: Goal[]): string {
  return renderTable({
    columns: ['goal', 'target', 'measured', 'met'],
    align: ['l', 'l', 'l', 'l'],
    rows: goals.map((g) => [g.name, g.target, g.measured, g.met ? 'yes' : '**no**']),
  })
}

/** Renders a whole suite: heading, method, tables, goals, notes. */
export function renderSuite(result: SuiteResult): string {
  const parts = [`## ${result.title}`, result.method]
  for (const table of result.tables) parts.push(renderTable(table))
  if (result.goals.length > 0) parts.push(renderGoals(result.goals))
  if (result.notes.length > 0) parts.push(result.notes.map((n) => `- ${n}`).join('\n'))
  return parts.join('\n\n')
}

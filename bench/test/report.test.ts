import { describe, expect, it } from 'vitest'
import { renderSuite, renderTable } from '../src/harness/report'

describe('report rendering', () => {
  it('renders aligned Markdown tables and escapes pipes', () => {
    expect(renderTable({ columns: ['a', 'b'], rows: [['x|y', '1']] })).toBe(
      '| a | b |\n|---|---:|\n| x\\|y | 1 |',
    )
  })

  it('renders a suite with its goals and notes', () => {
    const text = renderSuite({
      id: 's',
      title: 'Title',
      method: 'How.',
      tables: [{ caption: 'cap', columns: ['c'], rows: [['v']] }],
      goals: [{ name: 'g', target: '≥ 2x', measured: '1.5x', met: false }],
      notes: ['n'],
      data: {},
    })
    expect(text).toContain('## Title\n\nHow.\n\ncap\n\n| c |')
    expect(text).toContain('| g | ≥ 2x | 1.5x | **no** |')
    expect(text.endsWith('- n')).toBe(true)
  })
})

/** The README's manager.conf user is the one Earshot derives (and the panel and Test connection show). */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { managerConfUser } from '../../../src/shared/ami-privileges'

it("the README's [earshot] section equals the generated least-privilege lines", () => {
  const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8')
  const block = /```ini\n\[general\][\s\S]*?\n(\[earshot\][\s\S]*?)\n```/.exec(readme)?.[1]
  expect(block).toBe(managerConfUser())
})

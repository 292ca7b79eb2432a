/**
 * vCard 3.0 (RFC 2426) and 4.0 (RFC 6350) import: FN (else N, else ORG) as the name, ORG, every
 * TEL, the first EMAIL and URL, NOTE. Folded lines (a line break followed by a space or a tab) are
 * unfolded, property groups (`item1.TEL`) and parameters are understood, text escapes (`\n`, `\,`,
 * `\;`, `\\`) decoded, and 4.0's `tel:` URIs read as numbers. vCard 2.1's quoted-printable encoding
 * is not decoded (such values come in as written).
 */
import type { ImportError } from '../../shared/records'
import { checkInput, collectRows, type ImportRow, type NumberedInput } from './input'

interface ContentLine {
  /** Physical line of the text where it starts. */
  line: number
  name: string
  params: Map<string, string[]>
  value: string
}

/** Unfolds the text into content lines, each with the physical line it starts on. */
function contentLines(text: string): ContentLine[] {
  const physical = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)
  const logical: { line: number; text: string }[] = []
  physical.forEach((raw, i) => {
    const last = logical.at(-1)
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && last !== undefined) last.text += raw.slice(1)
    else if (raw.trim() !== '') logical.push({ line: i + 1, text: raw })
  })
  const out: ContentLine[] = []
  for (const { line, text: l } of logical) {
    const colon = valueStart(l)
    if (colon < 0) continue
    const [head = '', ...paramParts] = splitUnquoted(l.slice(0, colon), ';')
    const dot = head.lastIndexOf('.')
    const params = new Map<string, string[]>()
    for (const part of paramParts) {
      const eq = part.indexOf('=')
      // vCard 2.1 allows bare types (`TEL;WORK:`); read them as TYPE values.
      const key = (eq < 0 ? 'TYPE' : part.slice(0, eq)).trim().toUpperCase()
      const values = splitUnquoted(eq < 0 ? part : part.slice(eq + 1), ',').map((v) => v.replace(/^"|"$/g, ''))
      params.set(key, [...(params.get(key) ?? []), ...values])
    }
    out.push({ line, name: head.slice(dot + 1).trim().toUpperCase(), params, value: l.slice(colon + 1) })
  }
  return out
}

/** Index of the colon between name/parameters and the value (parameter values may be quoted and hold colons). */
function valueStart(l: string): number {
  let quoted = false
  for (let i = 0; i < l.length; i++) {
    const c = l[i]
    if (c === '"') quoted = !quoted
    else if (c === ':' && !quoted) return i
  }
  return -1
}

function splitUnquoted(s: string, sep: string): string[] {
  const parts: string[] = []
  let quoted = false
  let current = ''
  for (const c of s) {
    if (c === '"') quoted = !quoted
    if (c === sep && !quoted) {
      parts.push(current)
      current = ''
    } else current += c
  }
  parts.push(current)
  return parts
}

/** Splits a structured value on unescaped `;` (N, ORG) and decodes each component's escapes. */
function components(value: string): string[] {
  const parts: string[] = []
  let current = ''
  for (let i = 0; i < value.length; i++) {
    const c = value[i]
    if (c === '\\' && i + 1 < value.length) {
      current += c + value[i + 1]
      i++
    } else if (c === ';') {
      parts.push(unescapeText(current))
      current = ''
    } else current += c
  }
  parts.push(unescapeText(current))
  return parts
}

function unescapeText(value: string): string {
  return value.replace(/\\([nN,;\\:])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c))
}

/** `tel:+1-555-555-0100;ext=12` (4.0) → `+1-555-555-0100 ext 12`; a plain text number as it is. */
function telValue(value: string): string {
  const v = unescapeText(value).trim()
  if (!/^tel:/i.test(v)) return v
  const [number = '', ...params] = v.slice(4).split(';')
  const ext = params.find((p) => p.toLowerCase().startsWith('ext='))
  return ext === undefined ? number : `${number} ext ${ext.slice(4)}`
}

/** The cards of a .vcf file as customer inputs (each with the line of its BEGIN), bad cards as errors. */
export function vcardsToInputs(text: string): { inputs: NumberedInput[]; errors: ImportError[] } {
  return collectRows(vcardRows(text))
}

/** `vcardsToInputs` one card at a time, for an import that goes in turns (see in-turns.ts). */
export function* vcardRows(text: string): Generator<ImportRow> {
  let any = false
  let card: { line: number; props: ContentLine[] } | null = null
  for (const cl of contentLines(text)) {
    if (cl.name === 'BEGIN' && cl.value.trim().toUpperCase() === 'VCARD') {
      if (card !== null) yield { error: { line: card.line, message: 'This card has no END:VCARD before the next card begins.' } }
      card = { line: cl.line, props: [] }
      any = true
    } else if (cl.name === 'END' && cl.value.trim().toUpperCase() === 'VCARD') {
      if (card === null) yield { error: { line: cl.line, message: 'END:VCARD without a BEGIN:VCARD.' } }
      else {
        const checked = cardToInput(card.props)
        if (checked.ok) yield { input: { line: card.line, input: checked.input, phoneColumns: checked.input.phones.map(() => 'TEL') } }
        else yield { error: { line: card.line, message: checked.message } }
      }
      any = true
      card = null
    } else if (card !== null) card.props.push(cl)
  }
  if (card !== null) yield { error: { line: card.line, message: 'This card is cut short: END:VCARD is missing.' } }
  if (!any && text.trim() !== '') yield { error: { line: 1, message: 'This file holds no vCard (BEGIN:VCARD … END:VCARD).' } }
}

function cardToInput(props: readonly ContentLine[]): ReturnType<typeof checkInput> {
  const first = (name: string): ContentLine | undefined => props.find((p) => p.name === name)
  const all = (name: string): ContentLine[] => props.filter((p) => p.name === name)
  const preferred = (name: string): ContentLine | undefined => {
    const list = all(name)
    return list.find((p) => (p.params.get('TYPE') ?? []).some((t) => t.toLowerCase() === 'pref') || p.params.has('PREF')) ?? list[0]
  }
  const fn = first('FN') === undefined ? '' : unescapeText(first('FN')?.value ?? '').trim()
  const n = first('N')
  const org = first('ORG')
  const company = org === undefined ? '' : components(org.value).map((c) => c.trim()).filter((c) => c !== '').join(', ')
  let name = fn
  if (name === '' && n !== undefined) {
    // N: family; given; additional; prefixes; suffixes.
    const [family = '', given = '', additional = '', prefix = '', suffix = ''] = components(n.value).map((c) => c.replaceAll(',', ' ').trim())
    name = [prefix, given, additional, family, suffix].filter((c) => c !== '').join(' ')
  }
  if (name === '') name = company
  if (name === '') return { ok: false, message: 'This card has no name (FN, N or ORG).', field: 'name' }
  const notes = all('NOTE')
    .map((p) => unescapeText(p.value).trim())
    .filter((v) => v !== '')
    .join('\n')
  return checkInput({
    name,
    company,
    email: unescapeText(preferred('EMAIL')?.value ?? '').trim(),
    notes,
    externalUrl: unescapeText(first('URL')?.value ?? '').trim(),
    phones: all('TEL')
      .map((p) => telValue(p.value))
      .filter((v) => v !== '')
  })
}

import { CustomerInput, type ImportError } from '../../shared/records'
import { issueSentence } from '../../shared/settings'

/** A customer input as validated: every field trimmed, empty optional fields null, phones deduplicated. */
export interface CleanCustomerInput {
  name: string
  company: string | null
  email: string | null
  notes: string | null
  externalUrl: string | null
  phones: string[]
}

/** One record of an import file, by the line it starts on. */
export interface NumberedInput {
  line: number
  input: CleanCustomerInput
  /** Where each of `input.phones` came from (a CSV column's title, `TEL` in a vCard); the same length. */
  phoneColumns?: string[]
}

/** One record of an import file as read: a customer to import, or why it cannot be. */
export type ImportRow = { input: NumberedInput } | { error: ImportError }

/** The rows of an import file read all at once: its customers, and its problems. */
export function collectRows(rows: Iterable<ImportRow>): { inputs: NumberedInput[]; errors: ImportError[] } {
  const inputs: NumberedInput[] = []
  const errors: ImportError[] = []
  for (const row of rows) {
    if ('error' in row) errors.push(row.error)
    else inputs.push(row.input)
  }
  return { inputs, errors }
}

/** A number's E.164 form in the default country, or null (`toE164`, maybe remembered for one import). */
export type NumberReader = (raw: string) => string | null

export type CheckedInput = { ok: true; input: CleanCustomerInput } | { ok: false; message: string; field: string }

const orNull = (value: string | undefined): string | null => (value === undefined || value.trim() === '' ? null : value)

/** Validates a customer as a form or an import gives it; the first problem in words, with its field. */
export function checkInput(input: unknown): CheckedInput {
  const result = CustomerInput.safeParse(input, { error: issueSentence })
  if (!result.success) {
    const issue = result.error.issues[0]
    const field = issue?.path.map(String).join('.') ?? ''
    if (issue?.code === 'unrecognized_keys') return { ok: false, message: `A customer has no field called '${issue.keys[0]?.slice(0, 40) ?? ''}'.`, field }
    return { ok: false, message: issue?.message ?? 'This customer is not valid.', field }
  }
  const c = result.data
  return {
    ok: true,
    input: {
      name: c.name,
      company: orNull(c.company),
      email: orNull(c.email),
      notes: orNull(c.notes?.trim()),
      externalUrl: orNull(c.externalUrl),
      phones: [...new Set(c.phones)]
    }
  }
}

/**
 * What a ChanSpy (or ExtenSpy) call in the dialplan does to who hears whom, read exactly as
 * Asterisk reads it (apps/app_chanspy.c, main/app.c ast_app_parse_options): option letters are
 * case-sensitive, `w` whisper (the agent hears the supervisor), `W` private whisper (the agent
 * hears the supervisor, the supervisor hears nothing), `B` barge (both parties hear the
 * supervisor), `b` only bridged calls. Only the options that take an argument — c(digit),
 * e(ext), g(grp), n(mailbox), r(basename), v(volume), x(digit) — own the parentheses after them;
 * after any other letter Asterisk reads `(` and what follows as more option letters.
 *
 * Pure: Test connection checks each feature code with it, and the direct-ChanSpy originate checks
 * the options it sends.
 */
import type { SupervisionMode } from '../../shared/supervision'

/** Option letters that take a parenthesised argument (the argument is not read as options). */
const WITH_ARGUMENT = new Set(['c', 'e', 'g', 'n', 'r', 'v', 'x'])
/** Every option letter of ChanSpy in Asterisk 22. */
const KNOWN = new Set(['b', 'B', 'c', 'd', 'e', 'E', 'g', 'l', 'n', 'o', 'q', 'r', 's', 'S', 'u', 'v', 'w', 'W', 'x', 'X'])
/** Options that let the supervisor be heard. */
const TALKING = { w: 'w (whisper: the agent hears you)', W: 'W (private whisper: the agent hears you)', B: 'B (barge: the agent and the customer hear you)' } as const

/** The option letters (arguments removed) of one options argument, in order. */
export function optionLetters(options: string): string[] {
  const letters: string[] = []
  for (let i = 0; i < options.length; i++) {
    const letter = options[i] ?? ''
    letters.push(letter)
    if (WITH_ARGUMENT.has(letter) && options[i + 1] === '(') {
      const close = options.indexOf(')', i + 2)
      i = close < 0 ? options.length : close
    }
  }
  return letters
}

/**
 * Asterisk's argument split (ast_app_separate_args): commas inside parentheses or quotes do not
 * separate, quotes are removed and a backslash takes the next character as it is.
 */
export function splitAppArguments(data: string): string[] {
  const args: string[] = []
  let current = ''
  let depth = 0
  let quoted = false
  for (let i = 0; i < data.length; i++) {
    const ch = data[i] ?? ''
    if (ch === '\\' && i + 1 < data.length) {
      current += data[++i] ?? ''
    } else if (ch === '"') {
      quoted = !quoted
    } else if (!quoted && ch === '(') {
      depth++
      current += ch
    } else if (!quoted && ch === ')' && depth > 0) {
      depth--
      current += ch
    } else if (!quoted && depth === 0 && ch === ',') {
      args.push(current)
      current = ''
    } else {
      current += ch
    }
  }
  args.push(current)
  return args
}

/** `${EXTEN}` and its substrings (`${EXTEN:3}`) are the digits dialled: they cannot hide a comma or an option. */
const DIALLED = /\$\{EXTEN(?::-?\d+(?::-?\d+)?)?\}/g

export type SpyCheck =
  /** The options do what the mode promises. `notes` are harmless deviations (a beep, no DTMF switching). */
  | { verdict: 'ok'; options: string; notes: string[] }
  /** The options do something else than the mode promises; `problems` says what. */
  | { verdict: 'fail'; options: string; problems: string[] }
  /** Set at run time (a variable, a function): nobody can tell from the dialplan text. */
  | { verdict: 'unreadable'; why: string }

/**
 * Checks ChanSpy's application data (`PJSIP/${EXTEN:3},qdEB`) against the mode a code or a leg
 * is for. Listen must carry no option that lets the supervisor be heard; whisper needs `w` and
 * neither `B` nor `W`; barge needs `B` and not `W` (the supervisor must hear the call too).
 */
export function checkSpyOptions(mode: SupervisionMode, appData: string): SpyCheck {
  const substituted = appData.replace(DIALLED, '0')
  if (substituted.includes('$')) {
    return { verdict: 'unreadable', why: `ChanSpy's arguments are set at run time (${appData})` }
  }
  const options = splitAppArguments(substituted)[1] ?? ''
  const letters = optionLetters(options)
  const has = (letter: string): boolean => letters.includes(letter)
  const problems: string[] = []
  const notes: string[] = []
  if (mode === 'listen') {
    for (const [letter, what] of Object.entries(TALKING)) if (has(letter)) problems.push(`the Listen code has ${what}`)
  } else if (mode === 'whisper') {
    if (!has('w')) problems.push('the Whisper code has no w option (whisper), so the agent does not hear you')
    if (has('B')) problems.push(`the Whisper code has ${TALKING.B}`)
    if (has('W')) problems.push('the Whisper code has W (private whisper: you would not hear the call)')
  } else {
    if (!has('B')) problems.push('the Barge code has no B option (barge), so the customer does not hear you')
    if (has('W')) problems.push('the Barge code has W (private whisper: you would not hear the call)')
  }
  if (problems.length > 0) return { verdict: 'fail', options, problems }
  if (!has('q')) notes.push(`${mode} has no q option: the agent may hear a beep or the channel name`)
  if (!has('d')) notes.push(`${mode} has no d option, so switching mode in-call calls again`)
  const unknown = [...new Set(letters.filter((l) => !KNOWN.has(l)))]
  if (unknown.length > 0) notes.push(`${mode} has letters ChanSpy ignores (${unknown.join('')})`)
  return { verdict: 'ok', options, notes }
}

/**
 * What an avatar shows: the one initials rule for agents on the floor, operators at sign-in, in
 * the account menu and in Settings → Operators (issue 13.13).
 *
 * - Letters only, by code point (`Łukasz Żak` → ŁŻ, `山田 太郎` → 山太): the first letter of the
 *   first and of the last word that starts with a letter, upper-cased; one word gives one letter.
 * - Words in brackets are remarks, not names (`Ben (agent)` → B), and punctuation, emoji and
 *   dashes are not words.
 * - One word and a number is how PBXs label endpoints that have no person's name (`Agent 1001`,
 *   `Supervisor 2002`, `Poste 12`): the word is the same on every row, so its letter tells no one
 *   apart. Such a name, or a number alone, shows the number's last two digits (01, 02).
 * - With nothing of that (`—`, an empty name) the extension's last two digits, else `?`.
 */
export function initials(name: string, extension?: string): string {
  const text = name.normalize('NFC')
  let words = wordsOf(text.replace(BRACKETED, ' '))
  // A name that is all remark ("(agent)") keeps its words.
  if (words.length === 0) words = wordsOf(text.replace(/[()[\]{}<>]/g, ' '))
  const named = words.filter((w) => LEADING_LETTER.test(w))
  const numbers = words.filter((w) => /^\p{Nd}+$/u.test(w))
  const first = named[0]
  const last = named[named.length - 1]
  if (first !== undefined && last !== undefined && named.length >= 2) return letterOf(first) + letterOf(last)
  if (first !== undefined && numbers.length === 0) return letterOf(first)
  const digits = numbers[numbers.length - 1] ?? (extension ?? '').replace(/\D/g, '')
  if (digits !== '') return digits.slice(-2)
  return first !== undefined ? letterOf(first) : '?'
}

/** Parenthesised, bracketed, braced or angled remarks. */
const BRACKETED = /\([^)]*\)|\[[^\]]*\]|\{[^}]*\}|<[^>]*>/gu

const LEADING_LETTER = /^\p{L}/u

/** Words split on spaces and list separators, with punctuation and symbols trimmed off both ends. */
function wordsOf(text: string): string[] {
  return text
    .split(/[\s,;:/|·•_]+/u)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => w !== '')
}

/** The word's first letter (a whole code point), upper-cased when that stays one letter (ß stays ß). */
function letterOf(word: string): string {
  const letter = Array.from(word)[0] ?? ''
  const upper = letter.toUpperCase()
  return Array.from(upper).length === 1 ? upper : letter
}

/** A stable tint (0-7) per id, matching the avatar palette (floor.css `.tint-N`). */
export function tintOf(id: string): number {
  let hash = 0
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) | 0
  return Math.abs(hash) % 8
}

import { PHONE_MIN_DIGITS } from '../../shared/records'
import { type CountryCode, getCountryCallingCode, isSupportedCountry, Metadata, type PhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js'

/**
 * Phone numbers to E.164, the one form calls and customer records are matched on.
 *
 * `+44 20 7000 1111`, `020 7000 1111` (region GB) and `00442070001111` all give `+442070001111`.
 * A number is accepted when libphonenumber says it is *possible* (the right length for its
 * country), not only when it is *valid* (an allocated range): PBX labs and test lines use ranges
 * such as +1 555 that are not allocated, and a record that cannot be matched is worse than one
 * that matches a test line.
 *
 * Null (kept raw, never matched) for:
 * - internal extensions and short codes: fewer than 7 digits written without `+` or an
 *   international prefix (`1001`, `999`; in some countries libphonenumber would take `2001` as a
 *   local number, which on a PBX it never is);
 * - local numbers without the area code: written without the trunk prefix in a region whose
 *   national numbers carry one (`5551001` or `7000 1111` in GB, where national numbers start with
 *   0). Regions written without one (the US's optional 1, Italy, Spain) are not affected;
 * - anything with letters other than an extension suffix (`ext. 12`, `x12`), which is dropped;
 * - numbers that are not possible for their country, and empty input.
 *
 * International prefixes: `+`, the region's own (`00` in GB, `011` in the US, via libphonenumber),
 * and, when the number is not possible in the region as written, `00` or `011` read as `+`.
 *
 * The region's own country code without `+` (`442077797198` in GB) is how PBXs and trunks often
 * pass a dialled number on: read as international when it is not a national number as written.
 * Another country's code without `+` is not (`15551230000` in GB stays unread): it could be anything.
 */
export function toE164(raw: string, region: string): string | null {
  return readPhoneNumber(raw, regionCode(region))?.number ?? null
}

/**
 * A number as the PBX gave it, read once: its E.164 form (null as for `toE164`) and how to show it
 * (`formatNumber`, or as given when it cannot be read). The floor reads every new caller this way.
 */
export function readNumber(raw: string, region: string): { e164: string | null; display: string } {
  const country = regionCode(region)
  const number = readPhoneNumber(raw, country)
  return number === null ? { e164: null, display: raw } : { e164: number.number, display: show(number, country) }
}

/** `toE164`'s reading, as libphonenumber's number. */
function readPhoneNumber(raw: string, country: CountryCode | undefined): PhoneNumber | null {
  const text = cleanNumber(raw)
  if (text === '' || /\p{L}/u.test(text)) return null
  if (!ALLOWED.test(text)) return null
  const digits = text.replace(/\D/g, '')
  if (digits === '') return null
  const international = text.startsWith('+') || digits.startsWith('00') || digits.startsWith('011')
  if (!international && digits.length < MIN_NATIONAL_DIGITS) return null

  const parsed = parse(text, country)
  if (parsed !== null && (international || country === undefined || !isLocalNumber(digits, parsed, country))) return parsed
  if (!international && country !== undefined && digits.startsWith(getCountryCallingCode(country))) {
    const own = parse(`+${digits}`, country)
    if (own !== null) return own
  }
  if (parsed !== null) return null
  // Read an international prefix the region does not use (00 dialled in the US, 011 elsewhere) as `+`.
  if (!text.startsWith('+')) {
    const idd = digits.startsWith('00') ? 2 : digits.startsWith('011') ? 3 : 0
    if (idd > 0) return parse(`+${digits.slice(idd)}`, country)
  }
  return null
}

/**
 * A number in E.164 as people of the default region write it: national form for the region's own
 * numbers (`020 7779 7198` in GB), international for others (`+1 555 123 0000`). The floor and the
 * customer card show numbers this way.
 */
export function formatNumber(e164: string, region: string): string {
  const number = parsePhoneNumberFromString(e164)
  return number === undefined ? e164 : show(number, regionCode(region))
}

function show(number: PhoneNumber, country: CountryCode | undefined): string {
  // By calling code, not country: +1 555 test lines belong to no country but are dialled nationally in the US.
  return country !== undefined && number.countryCallingCode === getCountryCallingCode(country) ? number.formatNational() : number.formatInternational()
}

/** Is this a region libphonenumber knows (`GB`, `US`)? Unknown ones fall back to none: only `+` numbers parse. */
export function regionCode(region: string): CountryCode | undefined {
  return isSupportedCountry(region) ? region : undefined
}

/** Below this many digits a number written without an international prefix is an extension or a short code. */
const MIN_NATIONAL_DIGITS = PHONE_MIN_DIGITS

/** `ext. 12`, `ext 12`, `;ext=12` (RFC 3966), `x12`, `#12` at the end. */
const EXTENSION_SUFFIX = /\s*(?:;?\s*ext\.?=?|extension|x|#)\s*\d{1,6}\s*$/i

/**
 * A number as typed or pasted, without what is not part of it: invisible format characters
 * (the bidi marks Windows puts around numbers copied from a contact card, zero-width spaces),
 * a CSV export's formula-defusing apostrophe and an extension; the dashes word processors put
 * in (en, em, minus) read as `-`.
 */
function cleanNumber(raw: string): string {
  let text = raw.normalize('NFKC').replace(/\p{Cf}/gu, '').replace(/[\u2010-\u2015\u2212]/g, '-').trim()
  // A leading apostrophe is how CSV exports defuse formulas ('+44...): not part of the number.
  if (text.startsWith("'")) text = text.slice(1).trim()
  return text.replace(EXTENSION_SUFFIX, '')
}

/** Digits and the punctuation people write numbers with. */
const ALLOWED = /^\+?[\d\s\-.()/\u00a0]+$/

function parse(text: string, country: CountryCode | undefined): PhoneNumber | null {
  const number = parsePhoneNumberFromString(text, country === undefined ? undefined : { defaultCountry: country })
  if (number === undefined || !number.isPossible()) return null
  return number
}

/** Regions whose numbers people write without the trunk prefix although they have one: NANP's `1`. */
const PREFIX_OPTIONAL_CALLING_CODES = new Set(['1'])

/**
 * Was a national number written without the region's trunk prefix (`0` in GB and DE, `8` in RU)?
 * Then it is a local number or an internal one, not something to match a customer on.
 */
function isLocalNumber(digits: string, parsed: { nationalNumber: string; countryCallingCode: string }, country: CountryCode): boolean {
  if (PREFIX_OPTIONAL_CALLING_CODES.has(parsed.countryCallingCode)) return false
  const prefix = nationalPrefix(country)
  if (prefix === null || prefix === '') return false
  return !digits.startsWith(prefix) || digits === parsed.nationalNumber
}

const prefixes = new Map<CountryCode, string | null>()

/**
 * The region's trunk prefix from libphonenumber's metadata. `nationalPrefix()` is not in its
 * published types, so it is read defensively: without it, no number is taken as local (and the
 * table tests say so).
 */
function nationalPrefix(country: CountryCode): string | null {
  let prefix = prefixes.get(country)
  if (prefix === undefined) {
    const metadata = new Metadata()
    metadata.selectNumberingPlan(country)
    const plan = metadata.numberingPlan as { nationalPrefix?: () => unknown } | undefined
    const value = typeof plan?.nationalPrefix === 'function' ? plan.nationalPrefix() : undefined
    prefix = typeof value === 'string' ? value : null
    prefixes.set(country, prefix)
  }
  return prefix
}

/**
 * Why `toE164(raw, region)` gave null, in words for an admin, ending with what happens to the
 * number: an extension or short code; a national number with no default country to read it by;
 * anything else.
 */
export function unreadableNumber(raw: string, region: string): string {
  const text = cleanNumber(raw)
  const digits = text.replace(/\D/g, '')
  const international = text.startsWith('+') || digits.startsWith('00') || digits.startsWith('011')
  const kept = 'It is kept as typed and matches no call'
  if (!/\p{L}/u.test(text) && ALLOWED.test(text) && !international) {
    if (digits.length < MIN_NATIONAL_DIGITS) return `${raw} looks like an extension or a short code, not a customer's number. ${kept}.`
    if (regionCode(region) === undefined) {
      return `${raw} is written without a country code, and no default country is set to read it by. Set one in Settings → Records and it is read again then; until then it is kept as typed and matches no call.`
    }
  }
  return `${raw} is not a phone number Earshot can read${regionCode(region) === undefined ? '' : ` (default country ${region})`}. ${kept}.`
}

/**
 * Words and figures for the records screens (call log, customers, supervision audit): dates and
 * times, outcomes, each timeline event in a sentence, the audit's methods and end reasons. Pure.
 */
import type { AuditEntry } from '../../shared/contract'
import type { CallLogSummary, CallOutcome, TimelineEvent } from '../../shared/records'
import type { ModeChange } from '../../shared/supervision'
import type { SpyMode } from '../../shared/floor'
import { formatDuration } from '../floor/clock'

const DATE_TIME = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })
const DATE_TIME_SECONDS = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit'
})
const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })

const DATE_TIME_THIS_YEAR = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })

/** "24 Nov 2026, 14:03". */
export function dateTime(at: number): string {
  return DATE_TIME.format(at)
}

/** For lists: "24 Nov, 14:03" this year, "24 Nov 2025, 14:03" before. */
export function shortDateTime(at: number, now = Date.now()): string {
  return new Date(at).getFullYear() === new Date(now).getFullYear() ? DATE_TIME_THIS_YEAR.format(at) : DATE_TIME.format(at)
}

/** "24 Nov 2026, 14:03:12". */
export function dateTimeSeconds(at: number): string {
  return DATE_TIME_SECONDS.format(at)
}

/** "14:03:12". */
export function timeOfDay(at: number): string {
  return TIME.format(at)
}

/** The machine-readable form for `<time dateTime>`. */
export function isoTime(at: number): string {
  return new Date(at).toISOString()
}

/** A duration in whole seconds as the floor shows it ("01:05", "1:02:05"). */
export function duration(seconds: number): string {
  return formatDuration(seconds)
}

/** "+0:42" from the call's start (a timeline's left column). */
export function offset(from: number, at: number): string {
  const seconds = Math.max(0, Math.round((at - from) / 1000))
  return `+${formatDuration(seconds)}`
}

export const OUTCOME_LABEL: Readonly<Record<CallOutcome, string>> = {
  answered: 'Answered',
  abandoned: 'Abandoned',
  missed: 'Missed',
  unanswered: 'Not answered'
}

export const OUTCOME_HINT: Readonly<Record<CallOutcome, string>> = {
  answered: 'The agent answered',
  abandoned: 'The caller hung up while the agent’s phone rang',
  missed: 'Rang the agent and was not answered by them',
  unanswered: 'The far end never answered'
}

/** The customer of a logged call in words: the PBX's name, else the number. */
export function callCustomer(call: Pick<CallLogSummary, 'customerName' | 'customerNumber'>): string {
  return call.customerName ?? call.customerNumber ?? 'Unknown caller'
}

/** Talk time of a logged call ("—" when never answered; "~" when the answer time is an estimate). */
export function talkTime(call: Pick<CallLogSummary, 'answeredAt' | 'answeredAtApprox' | 'talkSeconds'>): string {
  if (call.answeredAt === null) return '—'
  return `${call.answeredAtApprox ? '~' : ''}${duration(call.talkSeconds)}`
}

const SPY_WORD: Readonly<Record<SpyMode, string>> = { listen: 'listening', whisper: 'whispering', barge: 'barging', unknown: 'monitoring' }

/** Q.850 cause texts Asterisk gives are SHOUTY_SNAKE; dial statuses too. */
const DIAL_STATUS: Readonly<Record<string, string>> = {
  ANSWER: 'answered',
  BUSY: 'busy',
  NOANSWER: 'no answer',
  CANCEL: 'cancelled by the caller',
  CONGESTION: 'network congestion',
  CHANUNAVAIL: 'the phone was unavailable',
  DONTCALL: 'refused',
  TORTURE: 'refused',
  INVALIDARGS: 'could not be dialled'
}

function softenCause(text: string): string {
  const words = text.replace(/_/g, ' ').trim().toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

function supervisorWho(e: { supervisor: string; operator?: string | null | undefined }): string {
  return e.operator != null && e.operator !== '' ? `Supervisor ${e.operator} (${e.supervisor})` : `Supervisor ${e.supervisor}`
}

function transferWords(e: Extract<TimelineEvent, { kind: 'transfer' }>): string {
  const type = e.type === 'blind' ? 'blind transfer' : 'attended transfer'
  const party = e.party ?? 'another party'
  switch (e.role) {
    case 'transferer':
      return `The agent transferred the call to ${party} (${type})`
    case 'transferee':
      return `The call was transferred to ${party} (${type})`
    case 'target':
      return `A transferred call arrived from ${party} (${type})`
  }
}

export interface EventWords {
  /** What happened, in a short sentence. */
  title: string
  /** More about it, when there is more (the cause, an estimate). */
  detail: string | null
  /** For styling the dot: neutral, good, warn, supervision, end. */
  tone: 'neutral' | 'good' | 'warn' | 'spy' | 'end'
}

/** One timeline event in words. */
export function describeEvent(e: TimelineEvent): EventWords {
  switch (e.kind) {
    case 'ringing':
      return { title: 'The agent’s phone rang', detail: null, tone: 'neutral' }
    case 'dialling':
      return { title: e.number !== null ? `The agent dialled ${e.number}` : 'The agent placed the call', detail: null, tone: 'neutral' }
    case 'answered':
      return e.approx
        ? {
            title: 'Answered (about this time)',
            detail: 'Earshot did not hear the answer (it joined during the call, or its connection to the PBX was down), so this is an estimate: the earliest it can have been.',
            tone: 'good'
          }
        : { title: 'Answered', detail: null, tone: 'good' }
    case 'hold':
      return { title: 'Put on hold', detail: null, tone: 'warn' }
    case 'unhold':
      return { title: 'Taken off hold', detail: null, tone: 'neutral' }
    case 'transfer':
      return { title: transferWords(e), detail: e.result !== null && e.result !== '' ? `Result: ${e.result}` : null, tone: 'neutral' }
    case 'supervision-joined':
      return { title: `${supervisorWho(e)} joined, ${SPY_WORD[e.mode]}`, detail: null, tone: 'spy' }
    case 'supervision-mode':
      return { title: `${supervisorWho(e)} switched to ${SPY_WORD[e.mode]}`, detail: null, tone: 'spy' }
    case 'supervision-left':
      return { title: `${supervisorWho(e)} left`, detail: `They were ${SPY_WORD[e.mode]}.`, tone: 'spy' }
    case 'hangup': {
      const parts: string[] = []
      if (e.causeText !== null && e.causeText !== '') parts.push(softenCause(e.causeText) + (e.cause !== null ? ` (cause ${String(e.cause)})` : ''))
      else if (e.cause !== null) parts.push(`Cause ${String(e.cause)}`)
      if (e.dialStatus !== null && e.dialStatus !== '') parts.push(`Dial: ${DIAL_STATUS[e.dialStatus] ?? e.dialStatus.toLowerCase()}`)
      return { title: 'Hung up', detail: parts.length === 0 ? null : parts.join(' · '), tone: 'end' }
    }
    case 'lost':
      return {
        title: 'Connection to the PBX lost',
        detail: 'The call was gone when Earshot reconnected: it ended at or after this time.',
        tone: 'warn'
      }
  }
}

// ---- Supervision audit -------------------------------------------------------------------------

export const METHOD_LABEL: Readonly<Record<AuditEntry['method'], string>> = {
  'feature-codes': 'Feature codes',
  chanspy: 'Direct ChanSpy'
}

export const MODE_LABEL: Readonly<Record<ModeChange['mode'], string>> = { listen: 'Listen', whisper: 'Whisper', barge: 'Barge' }

export const HOW_LABEL: Readonly<Record<ModeChange['how'], string>> = {
  initial: 'started',
  dtmf: 'DTMF',
  're-originate': 'called again'
}

const END_REASON: Readonly<Record<string, string>> = {
  'supervisor-hung-up': 'The supervisor hung up',
  'call-ended': 'The agent’s call ended',
  'not-answered': 'The softphone did not answer',
  'originate-failed': 'The PBX could not place the call',
  're-originated': 'Replaced by a new call in another mode',
  'wrong-call': 'The PBX joined another call; hung up at once',
  'switch-unconfirmed': 'The PBX did not confirm a mode switch; hung up',
  'connection-lost': 'The connection to the PBX was lost',
  'operator-changed': 'Its operator signed out, or another signed in; hung up'
}

export function endReasonLabel(reason: string | null): string {
  if (reason === null) return 'Still on the call'
  return END_REASON[reason] ?? reason
}

// ---- Dates in filters --------------------------------------------------------------------------

/** `<input type="date">`'s "2026-11-24" → local midnight (epoch ms), or undefined when empty/invalid. */
export function dayStart(value: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (m === null) return undefined
  const at = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime()
  return Number.isNaN(at) ? undefined : at
}

/** The day after `value` at local midnight: "to 24 Nov" includes the whole of the 24th. */
export function dayEnd(value: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (m === null) return undefined
  const at = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1).getTime()
  return Number.isNaN(at) ? undefined : at
}

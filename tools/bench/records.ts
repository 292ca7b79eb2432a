import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { type CleanCustomerInput, toE164 } from '../../src/main/customers'
import { openStore } from '../../src/main/app'
import { Random } from '../../src/main/demo-pbx/random'

export interface RecordsBench {
  customers: number
  numbers: number
  /** Seconds to import the customers (batches of 10,000 per transaction). */
  loadSeconds: number
  fileMB: number
  lookups: number
  /** Lookups of numbers some customer holds (the rest are unknown numbers). */
  knownLookups: number
  /** `findByNumber(raw, 'GB')`: normalise to E.164, the index lookup, and reading the matched customers with their numbers. */
  findByNumberP50Ms: number
  findByNumberP99Ms: number
  findByNumberMaxMs: number
}

/** London numbers 020 3xxx xxxx (one per customer) and mobiles 07400 xxxxxx (every other customer). */
const landline = (i: number): string => String(30_000_000 + i).padStart(8, '0')
const mobile = (i: number): string => String(400_000_000 + i)

/** The same number written the ways people and PBXs write it. */
function spellings(national: string): string[] {
  const [a, b] = national.length === 8 ? [`20 ${national.slice(0, 4)}`, national.slice(4)] : [`7${national.slice(0, 3)}`, national.slice(3)]
  return [`0${a} ${b}`, `+44 ${a} ${b}`, `0044${(a + b).replace(/\s/g, '')}`, `+44${(a + b).replace(/\s/g, '')}`]
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

const PASSES = 3

const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits

/**
 * Customer lookup for live calls: `customers` records (~1.5 numbers each) in a real SQLite file
 * (WAL, synchronous FULL, as the app opens it), then `lookups` calls of `findByNumber` for random
 * known numbers (in random spellings) and unknown ones, each timed alone; best of three passes.
 */
export function benchRecords(customers = 100_000, lookups = 10_000): RecordsBench {
  const dir = mkdtempSync(path.join(tmpdir(), 'earshot-bench-records-'))
  const store = openStore({ dir })
  try {
    const seeded = new Random(6)
    const rnd = (): number => seeded.next()
    let numbers = 0
    const t0 = performance.now()
    const BATCH = 10_000
    for (let start = 0; start < customers; start += BATCH) {
      const batch: CleanCustomerInput[] = []
      for (let i = start; i < Math.min(customers, start + BATCH); i++) {
        const phones = [spellings(landline(i))[i % 4] ?? '']
        if (i % 2 === 0) phones.push(spellings(mobile(i))[(i >> 1) % 4] ?? '')
        numbers += phones.length
        batch.push({ name: `Customer ${i}`, company: i % 3 === 0 ? `Company ${i % 1000}` : null, email: `c${i}@example.com`, notes: null, externalUrl: null, phones })
      }
      store.customers.insertMany(batch, (raw) => toE164(raw, 'GB'))
    }
    // Move the import out of the WAL into the database file, as SQLite does on its own over time.
    store.db.pragma('wal_checkpoint(TRUNCATE)')
    const loadSeconds = (performance.now() - t0) / 1000

    const queries: string[] = []
    let knownLookups = 0
    for (let k = 0; k < lookups; k++) {
      const i = Math.floor(rnd() * customers)
      const how = Math.floor(rnd() * 4)
      if (rnd() < 0.5) {
        knownLookups++
        queries.push((i % 2 === 0 && rnd() < 0.5 ? spellings(mobile(i)) : spellings(landline(i)))[how] ?? '')
      } else {
        // Manchester numbers: nobody has one.
        queries.push(`+44 161 ${String(4_000_000 + i).slice(0, 3)} ${String(i).padStart(4, '0').slice(-4)}`)
      }
    }
    for (const q of queries.slice(0, 500)) store.customers.findByNumber(q, 'GB') // warm the page cache and the statements
    // Best of a few passes (the one with the lowest p99), like the other figures: the least disturbed
    // by the other core's work and by GC; each pass starts from a collected heap.
    let best: number[] | null = null
    for (let pass = 0; pass < PASSES; pass++) {
      globalThis.gc?.()
      const times: number[] = []
      let found = 0
      for (const q of queries) {
        const t = performance.now()
        const hits = store.customers.findByNumber(q, 'GB')
        times.push(performance.now() - t)
        if (hits.length > 0) found++
      }
      if (found !== knownLookups) throw new Error(`records bench: ${found} lookups found a customer, expected ${knownLookups}`)
      times.sort((a, b) => a - b)
      if (best === null || percentile(times, 99) < percentile(best, 99)) best = times
    }
    const times = best ?? []
    return {
      customers,
      numbers,
      loadSeconds: round(loadSeconds, 1),
      fileMB: round(statSync(store.file).size / 1e6, 1),
      lookups,
      knownLookups,
      findByNumberP50Ms: round(percentile(times, 50)),
      findByNumberP99Ms: round(percentile(times, 99)),
      findByNumberMaxMs: round(times.at(-1) ?? NaN)
    }
  } finally {
    store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

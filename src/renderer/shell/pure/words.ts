/** "1 agent", "2 agents", "0 agents": a count with its noun in the right number (English: one is singular). */
export function countOf(count: number, noun: string, nouns = `${noun}s`): string {
  return `${String(count)} ${count === 1 ? noun : nouns}`
}

/** "3 of 12 agents", "1 of 1 agent": a part of a whole, the noun agreeing with the whole. */
export function partOf(part: number, whole: number, noun: string, nouns = `${noun}s`): string {
  return `${String(part)} of ${countOf(whole, noun, nouns)}`
}

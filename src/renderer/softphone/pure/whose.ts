/**
 * The softphone's name in the status bar. It registers as this desk's SIP extension (Settings →
 * Softphone), which is the signed-in operator's own extension only when an admin set it so: for
 * an agent on extension 1001 at a desk whose softphone is 2001, "Softphone 2001" read as if 2001
 * were theirs (issue 13.13). Then it is the desk's softphone, and the tooltip says whose is whose.
 */
export function softphoneName(extension: string | null, operatorExtension: string): { label: string; whose: string | null } {
  if (extension === null) return { label: 'Softphone', whose: null }
  if (extension === operatorExtension) return { label: `Softphone ${extension}`, whose: null }
  return {
    label: `Desk softphone ${extension}`,
    whose: `This computer's softphone is extension ${extension} (set for this desk in Settings → Softphone); your own extension is ${operatorExtension}.`
  }
}

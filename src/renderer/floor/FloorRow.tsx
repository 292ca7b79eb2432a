import { memo, type JSX } from 'react'
import type { AgentRow as Row } from '../../shared/floor'
import { useSupervisionModes } from '../sign-in/access'
import { SupervisionControls } from '../supervision/SupervisionControls'
import type { SupervisionMode } from '../../shared/supervision'
import { AgentCell, CustomerCell, DirectionCell, StateTimeCell, StatusCell } from './cells'
import type { ColumnId } from './columns'
import { primaryCall } from './labels'

export function rowDomId(extension: string): string {
  return `agent-row-${extension}`
}

export interface FloorRowProps {
  row: Row
  /** 1-based position among all rows (the header is row 1), for aria-rowindex. */
  rowIndex: number
  /** The columns shown, in order (a stable array: the row is memoised). */
  columns: readonly ColumnId[]
  selected: boolean
  /** An alert about this agent is in force. */
  inAlert?: boolean
  clockOffset: number
  onSelect: (extension: string) => void
  onOpenCustomer: (extension: string, callId: string) => void
  onSupervise: (row: Row, mode: SupervisionMode) => void
}

/** One agent. Memoised: a delta re-renders only the rows whose object changed. */
export const FloorRow = memo(function FloorRow({
  row,
  rowIndex,
  columns,
  selected,
  inAlert = false,
  clockOffset,
  onSelect,
  onOpenCustomer,
  onSupervise
}: FloorRowProps): JSX.Element {
  const call = primaryCall(row)
  // Only the modes this operator may use (main refuses the others); none on "My calls".
  const modes = useSupervisionModes()
  return (
    <tr
      id={rowDomId(row.extension)}
      className={`floor-row row-${row.status}${inAlert ? ' in-alert' : ''}`}
      aria-rowindex={rowIndex}
      aria-selected={selected}
      data-extension={row.extension}
      onClick={() => onSelect(row.extension)}
    >
      {columns.map((id) => (
        <td key={id} className={`col-${id}`}>
          {id === 'agent' && <AgentCell row={row} />}
          {id === 'status' && <StatusCell row={row} call={call} clockOffset={clockOffset} />}
          {id === 'customer' && <CustomerCell row={row} call={call} onOpen={onOpenCustomer} />}
          {id === 'direction' && <DirectionCell call={call} />}
          {id === 'time' && <StateTimeCell row={row} call={call} clockOffset={clockOffset} />}
          {id === 'controls' && modes.length > 0 && <SupervisionControls row={row} modes={modes} onSupervise={onSupervise} />}
        </td>
      ))}
    </tr>
  )
})

export { reduceFloor } from './reduce'
export { agentRow, agentRows, compareExtensions } from './rows'
export { emptyFloor, drainChanged, defaultFloorOptions, type FloorState, type FloorOptions } from './state'
export type { FeatureCodes } from './spy-mode'

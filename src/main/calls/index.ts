export { reduceFloor } from './model/reduce'
export { agentRow, agentRows, compareExtensions } from './rows'
export { emptyFloor, drainChanged, defaultFloorOptions, type FloorState, type FloorOptions } from './model/state'
export type { FeatureCodes } from './model/spy-mode'

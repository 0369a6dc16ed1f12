export { HOSTILE_KEYS } from './hostile-keys'
export {
  type ConformanceOptions,
  type ConformanceTarget,
  runStorageConformance,
} from './run-storage-conformance'

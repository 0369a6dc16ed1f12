export { HOSTILE_KEYS } from './hostile-keys'

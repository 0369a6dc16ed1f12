export { vectorsDir } from './vectors'

/** Public API of the player engine (plain Node, no Electron). */
export { PlayerEngine, type PlayerEngineOptions } from './engine.ts';
export { largestImage, toPlayerItem } from './model.ts';
export type { LocalReport } from './local-push.ts';
export { systemScheduler, type Scheduler } from './scheduler.ts';
export { progressAt } from './types.ts';
export type * from './types.ts';

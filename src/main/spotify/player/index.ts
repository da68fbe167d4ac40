/** Public API of the player engine (plain Node, no Electron). */
export {
  PlayerEngine,
  type PlayerApi,
  type PlayerEngineOptions,
  type PlayerSession,
  type SnapshotListener,
} from './engine.ts';
export { isLikeable, largestImage, toPlayerItem } from './model.ts';
export { systemScheduler, type Scheduler } from './scheduler.ts';
export {
  DEFAULT_SYNC_POLICY,
  backoffFor,
  budgetStretch,
  intervalFor,
  isBackgroundRead,
  nextRead,
  type Activity,
  type RequestBudgetView,
  type SyncDecision,
  type SyncInputs,
  type SyncPolicyOptions,
  type SyncReason,
} from './sync-policy.ts';
export { progressAt } from './types.ts';
export type * from './types.ts';

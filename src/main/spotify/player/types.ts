/**
 * The engine's snapshot types are part of the IPC contract, so they are defined once in src/shared and
 * re-exported here for the engine's modules.
 */
export * from '../../../shared/player.ts';

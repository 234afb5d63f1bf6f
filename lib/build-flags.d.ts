/**
 * Replaced at build time (see `define` in wxt.config.ts): true only in the E2E build
 * (`wxt build --mode e2e`, .output/*-e2e). Code behind `if (__KUC_TEST_HOOKS__)` is dropped from
 * the production build, so test hooks that kick.com could read never ship.
 */
declare const __KUC_TEST_HOOKS__: boolean;

import { defineWebExtConfig } from 'wxt';

// This machine has no browser WXT could open in dev mode; load .output/chrome-mv3 by hand instead.
export default defineWebExtConfig({ disabled: true });

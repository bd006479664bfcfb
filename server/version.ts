/** Cartograph's version, set by the build from package.json (`0.0.0-dev` when run from source). */
declare const CARTOGRAPH_VERSION: string | undefined;

export const cartographVersion: string = typeof CARTOGRAPH_VERSION === 'string' ? CARTOGRAPH_VERSION : '0.0.0-dev';

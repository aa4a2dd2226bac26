/** Injection tokens for values that are not classes. */
export const PONTE_CONFIG = Symbol('PONTE_CONFIG');
export const LOGGER = Symbol('LOGGER');

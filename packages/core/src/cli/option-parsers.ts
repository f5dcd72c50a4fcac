import { EXIT_USAGE } from './exit-codes.js';

/**
 * Thrown by an option parser. commander recognises it by its `code` and prints
 * "error: option '--port <port>' argument 'x' is invalid. <message>" with the usage hint, so the
 * parsers work with any commander version without core depending on commander.
 */
export class InvalidOptionValue extends Error {
  readonly code = 'commander.invalidArgument';
  readonly exitCode = EXIT_USAGE;

  constructor(message: string) {
    super(message);
    this.name = 'InvalidOptionValue';
  }
}

/** An option's parser for a whole number from `min` to `max` (digits only: no sign, exponent or fraction). */
export function wholeNumber(min: number, max: number = Number.MAX_SAFE_INTEGER): (value: string) => number {
  const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
  return (value: string): number => {
    const text = value.trim();
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < min || n > max) throw new InvalidOptionValue(`Expected a whole number ${range}.`);
    return n;
  };
}

/** A TCP port to listen on; 0 lets the system pick a free one. */
export const portNumber: (value: string) => number = wholeNumber(0, 65_535);

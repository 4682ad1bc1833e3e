/**
 * Records keyed by names taken from user code (imports, module values, object keys, statics).
 * A name like `constructor`, `toString` or `__proto__` must never reach Object.prototype: a plain
 * `record[name]` would read a function where a fact was expected, and a plain assignment to
 * `__proto__` would replace the record's prototype.
 */
export function getOwn<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}
